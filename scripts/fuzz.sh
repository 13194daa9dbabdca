#!/usr/bin/env bash
# Fuzzes one of dsw's input surfaces with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]
#   scripts/fuzz.sh language 60
#   scripts/fuzz.sh csv 600 -jobs=2 -workers=2
#
# TARGET is language, notebook, csv, json, model, parquet or theme (see Fuzz/FuzzTargets.swift).
# The first run compiles DSWCore with the targets into .build-fuzz/dsw-fuzz
# (a few minutes); later runs reuse it until a source changes. Each target
# starts from its committed seed corpus in Fuzz/corpus/TARGET and grows a
# working corpus in .build-fuzz/corpus/TARGET. Crashes are written to
# .build-fuzz/findings/ and make the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET SECONDS}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS}"
shift 2
case "$target" in language|notebook|csv|json|model|parquet|theme) ;; *)
  echo "unknown target $target: language, notebook, csv, json, model, parquet or theme" >&2; exit 2;;
esac
out=.build-fuzz
mkdir -p "$out/corpus/$target" "$out/findings"
# DSWCore's header-only C module (CPrefetch) is found through its module map.
# The Parquet target also compiles DSWParquet (its `import DSWCore` is then
# ignored) and links the compression libraries through CCodecs' module map.
# The theme and notebook targets compile DSWTerminal likewise (a notebook is
# drawn as the terminal, Markdown and SVG renderers draw it).
if [ "$target" = parquet ]; then
  binary="$out/dsw-fuzz-parquet"
  folders="Sources/DSWCore Sources/DSWParquet"
  extra="Fuzz/ParquetFuzzTarget.swift -I Sources/CCodecs -D DSW_FUZZ_PARQUET"
elif [ "$target" = theme ] || [ "$target" = notebook ]; then
  binary="$out/dsw-fuzz-terminal"
  folders="Sources/DSWCore Sources/DSWTerminal"
  extra="Fuzz/TerminalFuzzTargets.swift -D DSW_FUZZ_TERMINAL"
else
  binary="$out/dsw-fuzz"
  folders="Sources/DSWCore"
  extra=""
fi
# shellcheck disable=SC2086
sources=$(find $folders -name '*.swift' | sort)
# shellcheck disable=SC2086
if [ ! -x "$binary" ] || [ -n "$(find $folders Fuzz -name '*.swift' -newer "$binary" | head -1)" ]; then
  echo "building $binary..." >&2
  rm -f "$binary"
  # shellcheck disable=SC2086
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name DSWCore \
    -swift-version 6 -enable-upcoming-feature ExistentialAny \
    -I Sources/CPrefetch $sources Fuzz/FuzzTargets.swift $extra -o "$binary" 2>&1 | grep -v "ignoring import" >&2 || true
  [ -x "$binary" ] || { echo "building $binary failed" >&2; exit 1; }
fi
# No allocation stacks, no fill of new memory and a smaller quarantine: about
# 10% more runs a second; a finding still reproduces with its full report.
DSW_FUZZ_TARGET="$target" \
  ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1:malloc_context_size=0:max_malloc_fill_size=0:quarantine_size_mb=16" \
  "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=16384 \
  -artifact_prefix="$out/findings/$target-" -print_final_stats=1 "$@" \
  "$out/corpus/$target" "Fuzz/corpus/$target"
