#!/usr/bin/env bash
# Lints Swift sources with the committed .swift-format (no force unwraps, no
# force try, ...) and checks that the package builds without warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --parallel --recursive Sources
swift build -Xswiftc -warnings-as-errors
