#!/usr/bin/env bash
# Seeds fuzz/corpus/{parse_check,format} from the project's own case files:
# tests/ui/pass (and its library), tests/ui/fail, and the examples, whole and
# cut into pieces of a few kilobytes (the scenario header and a run of
# top-level declarations) so that seeds fit under -max_len.
# run_case reads its input as choices, not text; it starts from a few random inputs.
set -euo pipefail
cd "$(dirname "$0")"
for target in parse_check format; do
  mkdir -p "corpus/$target"
  cp ../tests/ui/pass/*.cov ../tests/ui/pass/library/*.cov ../tests/ui/fail/*.cov ../examples/*.cov "corpus/$target/"
  for example in ../examples/*.cov; do
    base=$(basename "$example" .cov)
    awk -v out="corpus/$target/${base}_part" -v limit=1200 '
      function flush() { if (body != "") { n++; printf "%s%s", header, body > (out sprintf("%02d", n) ".cov"); close(out sprintf("%02d", n) ".cov") } body = "" }
      # A top-level declaration starts at a line with a letter in column one;
      # comment lines just above it go with it.
      /^[A-Za-z]/ { item_start = 1 } !/^[A-Za-z]/ { item_start = 0 }
      {
        if (item_start) {
          if (in_header) { header = header pending; pending = "" }
          in_header = ($1 == "scenario")
          if (!in_header && length(body) + length(pending) > limit) flush()
          if (!in_header) { body = body pending; pending = "" }
        }
        if (in_header) header = header $0 "\n"
        else if (/^#/ || /^[ \t]*$/) pending = pending $0 "\n"
        else { body = body pending $0 "\n"; pending = "" }
      }
      END { body = body pending; flush() }
    ' "$example"
  done
done
mkdir -p corpus/run_case
for i in $(seq -w 1 16); do head -c $((64 * 10#$i)) /dev/urandom > "corpus/run_case/random_$i"; done
