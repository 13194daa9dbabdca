#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer or ThreadSanitizer, in a
# build folder of its own (.build-asan or .build-tsan).
#
#   scripts/sanitize.sh address [swift test flags...]
#   scripts/sanitize.sh thread --filter InterruptTests
#
# Set DSW_TEST_POSTGRES first (eval "$(scripts/postgres/start.sh)") to include
# the remote-engine tests. Exits with swift test's status: any sanitizer
# report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-}"
case "$kind" in address|thread) shift ;; *)
  echo "usage: scripts/sanitize.sh address|thread [swift test flags...]" >&2; exit 2;;
esac
scratch=".build-${kind:0:1}san"
swift build --build-tests --sanitize="$kind" --scratch-path "$scratch"
export LSAN_OPTIONS="suppressions=$PWD/scripts/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" "$@"
