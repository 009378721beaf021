#!/usr/bin/env bash
# The decoding benchmark, from the repository's root:
#
#   bash Benchmarks/Decoding/run.sh [--runs N] [--only floor|ours|peer]
#
# Writes the payloads (fixtures.py payloads: 1,000 Stripe customers, 200 OpenAI chat
# completions and one completion) into Benchmarks/.build/decoding-payloads, builds
# openapi-gen-decode-bench in release and runs it on them; options go to the bench.
# Profile one tool with perf:
#   perf record -g Benchmarks/.build/release/openapi-gen-decode-bench --only ours --loop 20 Benchmarks/.build/decoding-payloads
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$(dirname "$here")
payloads="$bench_dir/.build/decoding-payloads"
mkdir -p "$payloads"
spec="$payloads/decoding-spec.json"
python3 "$here/fixtures.py" spec "$spec"
python3 "$here/fixtures.py" payloads "$payloads" --spec "$spec" >&2
swift build -c release --package-path "$bench_dir" --product openapi-gen-decode-bench >&2
"$(swift build -c release --package-path "$bench_dir" --show-bin-path)/openapi-gen-decode-bench" "$@" "$payloads"
