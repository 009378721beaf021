#!/usr/bin/env bash
# Regenerates the two modules the decoding benchmark decodes with, or checks them.
#
#   bash Benchmarks/Decoding/regenerate.sh          # rewrite Sources/DecodingOurs and Sources/DecodingPeer
#   bash Benchmarks/Decoding/regenerate.sh --check  # exit 1 if they differ from what the generators make now
#
# 1. `fixtures.py spec` trims Stripe's and OpenAI's specs (shared/corpus beside the
#    repository) to the schemas the payloads use: one OpenAPI document, the same for both.
# 2. openapi-gen-bench (release) generates from it, with this repository's generator
#    (types only, public) and with swift-openapi-generator 1.14.3 (types mode, public):
#    `openapi-gen-bench --decoding-sources SPEC OURS_DIR PEER_DIR`.
# The generated files are checked in so that building the benchmark runs no generator;
# run --check after changing the generator (ours changes with it; the peer is pinned).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$(dirname "$here")
check=false
[ "${1:-}" = --check ] && check=true

work=$(mktemp -d "${TMPDIR:-/tmp}/openapi-gen-decoding.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$here/fixtures.py" spec "$work/decoding-spec.json"
swift build -c release --package-path "$bench_dir" --product openapi-gen-bench >&2
bench="$(swift build -c release --package-path "$bench_dir" --show-bin-path)/openapi-gen-bench"
"$bench" --decoding-sources "$work/decoding-spec.json" "$work/DecodingOurs" "$work/DecodingPeer"

status=0
for module in DecodingOurs DecodingPeer; do
    if $check; then
        if ! diff -r -q "$bench_dir/Sources/$module" "$work/$module" >/dev/null 2>&1; then
            echo "Benchmarks/Sources/$module is not what the generator makes now; run bash Benchmarks/Decoding/regenerate.sh" >&2
            diff -r "$bench_dir/Sources/$module" "$work/$module" | head -20 >&2 || true
            status=1
        fi
    else
        rm -rf "${bench_dir:?}/Sources/$module"
        cp -R "$work/$module" "$bench_dir/Sources/$module"
        echo "wrote Benchmarks/Sources/$module ($(cat "$bench_dir/Sources/$module"/*.swift | wc -l) lines)"
    fi
done
$check && [ $status = 0 ] && echo "Benchmarks/Sources/DecodingOurs and DecodingPeer are current"
exit $status
