#!/usr/bin/env bash
# Runs every fuzz target (or the ones named after the time) for SECONDS each (default 60), with
# the limits of ../FUZZING.md, then minimizes each target's corpus in place (cargo fuzz cmin).
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS 0 runs nothing: the corpora are seeded and minimized only.
#
# Environment:
#   PARALLEL  targets run at once, one libFuzzer process each (default 2)
#   MAX_LEN   the largest input libFuzzer generates, in bytes (default 8192)
#   MAX_FILES the most files a minimized corpus keeps (default 3000; the smallest are kept)
#   SANITIZER cargo fuzz's sanitizer (default none: the crates forbid unsafe code, and without
#             AddressSanitizer's quarantine the RSS limit measures the decoders; `address` to
#             check the dependencies' unsafe code too)
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The corpus is seeded
# from the crates' tests/fixtures and kept in fuzz/corpus/<target>/; crashes, timeouts and
# out-of-memory inputs go to fuzz/artifacts/<target>/ (not committed: each one found becomes a
# regression test in its crate), logs to fuzz/logs/<target>.log. Exits non-zero when a target
# found anything.
set -euo pipefail
fuzz="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz")"
cd "$fuzz"
seconds="${1:-60}"
shift || true
parallel="${PARALLEL:-2}"
max_len="${MAX_LEN:-8192}"
max_files="${MAX_FILES:-3000}"
sanitizer="${SANITIZER:-none}"
all=(swid_xml swid_cbor swid_json ent_xml ent_json ent_cbor ent_cyclonedx rum_xml rum_json rum_cbor slmt cisco
     swid_roundtrip ent_roundtrip rum_roundtrip rum_stream)
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${all[@]}")

# Copies a file into a corpus under the hash of its content (as libFuzzer names its inputs),
# optionally after a one-byte prefix (the form selector of the multi-form targets).
seed() { # corpus prefix file...
  local dir="$fuzz/corpus/$1" prefix="$2"; shift 2
  mkdir -p "$dir"
  local f tmp
  tmp="$(mktemp)"
  for f in "$@"; do
    [ -f "$f" ] || continue
    if [ -n "$prefix" ]; then { printf "\\x$prefix"; cat "$f"; } > "$tmp"; else cat "$f" > "$tmp"; fi
    cp "$tmp" "$dir/$(sha1sum "$tmp" | cut -c1-40)"
  done
  rm -f "$tmp"
}
# The CBOR fixtures are annotated hex (`a1  # map(1)`): comments and white space dropped.
unhex() { # out-dir file...
  local out="$1"; shift
  mkdir -p "$out"
  local f
  for f in "$@"; do
    sed 's/#.*//' "$f" | tr -d ' \t\n\r' | xxd -r -p > "$out/$(echo "$f" | tr '/' '_').cbor"
  done
}
hexdir="$(mktemp -d)"
trap 'rm -rf "$hexdir"' EXIT
s="$root/swid/tests/fixtures" e="$root/ent/tests/fixtures" r="$root/resource-util/tests/fixtures"
unhex "$hexdir/swid" "$s"/crossformat/*/tag.cbor.hex
unhex "$hexdir/ent" "$e"/crossformat/*/ent.cbor.hex
unhex "$hexdir/rum" "$r"/crossformat/*/rum.cbor.hex
swid_xml=("$s"/valid/* "$s"/invalid/* "$s"/containers/* "$s"/crossformat/*/tag.xml)
swid_cbor=("$s"/cbor/* "$hexdir"/swid/*)
swid_json=("$s"/json/* "$s"/crossformat/*/tag.json)
ent_xml=("$e"/crossformat/*/ent.xml)
ent_json=("$e"/valid/*.json "$e"/invalid/*.json "$e"/crossformat/*/ent.json)
rum_xml=("$r"/crossformat/*/rum.xml)
rum_json=("$r"/valid/*.json "$r"/invalid/*.json "$r"/crossformat/*/rum.json)
seed swid_xml "" "${swid_xml[@]}"
seed swid_cbor "" "${swid_cbor[@]}"
seed swid_json "" "${swid_json[@]}"
seed ent_xml "" "${ent_xml[@]}"
seed ent_json "" "${ent_json[@]}"
seed ent_cbor "" "$hexdir"/ent/*
seed ent_cyclonedx 00 "$e"/cyclonedx/*.json
seed ent_cyclonedx 01 "$e"/cyclonedx/*.xml
seed rum_xml "" "${rum_xml[@]}"
seed rum_json "" "${rum_json[@]}"
seed rum_cbor "" "$hexdir"/rum/*
seed slmt "" "$r"/slmt/*.slmtag
seed cisco "" "$r"/cisco/*.json "$r"/cisco/*.xml
seed swid_roundtrip 00 "${swid_xml[@]}"
seed swid_roundtrip 01 "${swid_cbor[@]}"
seed swid_roundtrip 02 "${swid_json[@]}"
seed ent_roundtrip 00 "${ent_xml[@]}"
seed ent_roundtrip 01 "$hexdir"/ent/*
seed ent_roundtrip 02 "${ent_json[@]}"
seed rum_roundtrip 00 "${rum_xml[@]}"
seed rum_roundtrip 01 "$hexdir"/rum/*
seed rum_roundtrip 02 "${rum_json[@]}"
seed rum_stream 00 "${rum_json[@]}"
seed rum_stream 01 "$hexdir"/rum/*
seed rum_stream 02 "${rum_xml[@]}"

# One build of every target (debug assertions and overflow checks on), then the runs.
cargo +nightly fuzz build -O -a -s "$sanitizer"
mkdir -p logs artifacts
bin="$fuzz/target/x86_64-unknown-linux-gnu/release"
run_one() {
  local t="$1"
  mkdir -p "artifacts/$t"
  echo "$(date -u +%FT%TZ) start $t (${seconds}s)"
  # The binaries built above, run directly: an edit of the crates during a long run does not
  # rebuild them under it.
  if "$bin/$t" -artifact_prefix="artifacts/$t/" "corpus/$t" \
      -max_total_time="$seconds" -rss_limit_mb=512 -malloc_limit_mb=512 -timeout=10 \
      -max_len="$max_len" -print_final_stats=1 > "logs/$t.log" 2>&1; then
    echo "$(date -u +%FT%TZ) done  $t: $(grep -E '^#[0-9]+.*DONE' "logs/$t.log" | tail -1)"
  else
    echo "$(date -u +%FT%TZ) FAIL  $t: see fuzz/logs/$t.log and fuzz/artifacts/$t/"
    return 1
  fi
}
export -f run_one
export seconds max_len bin
status=0
if [ "$seconds" -gt 0 ]; then
  printf '%s\n' "${targets[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one {}' || status=1
fi

# Minimize each corpus in place on edge coverage (-use_counters=0: one input per edge, not per
# hit count), and keep at most MAX_FILES files (the smallest) per target.
for t in "${targets[@]}"; do
  cargo +nightly fuzz cmin -O -a -s "$sanitizer" "$t" "corpus/$t" -- -use_counters=0 -max_len="$max_len" -rss_limit_mb=512 -timeout=10 \
    > "logs/$t.cmin.log" 2>&1 || { echo "cmin failed for $t: see fuzz/logs/$t.cmin.log"; status=1; }
  n=$(find "corpus/$t" -type f | wc -l)
  if [ "$n" -gt "$max_files" ]; then
    find "corpus/$t" -type f -printf '%s %p\n' | sort -n | tail -n +"$((max_files + 1))" | cut -d' ' -f2- | xargs rm -f
    echo "$t: corpus capped at $max_files of $n files"
  fi
  echo "$t: corpus $(find "corpus/$t" -type f | wc -l) files, $(du -sh --apparent-size "corpus/$t" | cut -f1)"
done
exit "$status"
