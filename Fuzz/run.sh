#!/usr/bin/env bash
# Fuzzes the generator (YAML bytes -> generated Swift) with libFuzzer and AddressSanitizer.
#   bash Fuzz/run.sh [seconds]     default 60; findings are written to Fuzz/findings/
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
# Instrument for coverage and AddressSanitizer, and link libFuzzer's driver without its
# `main`: SwiftPM gives the executable its own, which calls LLVMFuzzerRunDriver.
toolchain="$(dirname "$(readlink -f "$(command -v swiftc)")")/.."
runtime="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)"
flags=(-c release --scratch-path .build-fuzz
    -Xswiftc -sanitize=address
    -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
    -Xlinker "$runtime" -Xlinker -lstdc++)
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/OpenAPIGenFuzz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p findings
# Seeds: the Calendly spec, the snippet specs and the broken and hostile fixtures.
"$binary" "$work" ../spec ../Tests/OpenAPIGenTranslatorTests/Snippets \
    ../Tests/OpenAPIGenCoreTests/Fixtures/invalid ../Tests/OpenAPIGenCoreTests/Fixtures/hostile \
    -dict=yaml.dict -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -artifact_prefix=findings/ -print_final_stats=1
