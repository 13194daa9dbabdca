#!/usr/bin/env bash
# Exports a notebook to its HTML report and renders that report in headless
# Chromium to a PNG, to look at what a stakeholder sees.
#
#   scripts/render-report.sh NOTEBOOK.dswnb OUT.png [WIDTH] [HEIGHT]
#
# Needs `chromium` (Debian: apt-get install -y chromium) and a built dsw
# (swift build). The report loads nothing, so Chromium runs offline.
set -euo pipefail
cd "$(dirname "$0")/.."
notebook=${1:?usage: scripts/render-report.sh NOTEBOOK.dswnb OUT.png [WIDTH] [HEIGHT]}
png=${2:?usage: scripts/render-report.sh NOTEBOOK.dswnb OUT.png [WIDTH] [HEIGHT]}
width=${3:-1000}
height=${4:-1800}
dsw=${DSW:-.build/debug/dsw}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$dsw" export "$notebook" --to html -o "$work/report.html"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "render-report: no chromium found (apt-get install -y chromium)" >&2
  exit 2
fi
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --force-device-scale-factor=1 --window-size="$width,$height" \
  --screenshot="$(realpath -m "$png")" "file://$work/report.html" >/dev/null 2>&1
echo "rendered $notebook to $png"
