#!/usr/bin/env bash
# Prints the figures of the last run of each target (fuzz/logs/<target>.log) as a Markdown
# table, with the files of its minimized corpus: the table of ../FUZZING.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
echo "| target | time (s) | executions | exec/s | coverage (edges) | features | corpus after the run | minimized corpus (files, bytes) | peak RSS (MB) | crashes, timeouts, OOMs |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for log in logs/*.log; do
  case "$log" in *.cmin.log) continue ;; esac
  t="$(basename "$log" .log)"
  done_line="$(grep -E '^#[0-9]+.*DONE' "$log" | tail -1 || true)"
  [ -n "$done_line" ] || done_line="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  execs="$(grep -oP 'stat::number_of_executed_units:\s+\K[0-9]+' "$log" || echo "?")"
  rate="$(grep -oP 'stat::average_exec_per_sec:\s+\K[0-9]+' "$log" || echo "?")"
  rss="$(grep -oP 'stat::peak_rss_mb:\s+\K[0-9]+' "$log" || echo "?")"
  time="$(grep -oP '^Done [0-9]+ runs in \K[0-9]+' "$log" || echo "running")"
  cov="$(grep -oP 'cov: \K[0-9]+' <<<"$done_line" || echo "?")"
  ft="$(grep -oP 'ft: \K[0-9]+' <<<"$done_line" || echo "?")"
  corp="$(grep -oP 'corp: \K[0-9]+/[0-9A-Za-z]+' <<<"$done_line" || echo "?")"
  files="$(find "corpus/$t" -type f 2>/dev/null | wc -l)"
  bytes="$(find "corpus/$t" -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')"
  found="$(find "artifacts/$t" -type f 2>/dev/null | wc -l)"
  echo "| $t | $time | $execs | $rate | $cov | $ft | $corp | $files, $bytes | $rss | $found |"
done
