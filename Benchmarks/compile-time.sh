#!/usr/bin/env bash
# Compile time of the SDK that each generator makes from one spec.
#
#   bash Benchmarks/compile-time.sh [--configuration debug|release] [--timeout SECONDS] [--only ours|peer]
#                                   [--files N] [--keep] [spec]
#
# Generates our SDK (openapi-gen) and the peer's (swift-openapi-generator 1.14.3, types
# and client) from the spec, puts each in a throwaway package in a temporary directory
# and builds it clean with `swift build`, in debug (the target is judged on) or, with
# `--configuration release`, in release (`swift build -c release`: whole-module, -O):
#   ours  depends on this repository's OpenAPIGenRuntime library, by path;
#   peer  depends on apple/swift-openapi-runtime 1.13.4 and apple/swift-http-types,
#         which its generated code imports (OpenAPIRuntime, HTTPTypes).
# Each build is done in two steps, both timed with /usr/bin/time -v: first the runtime
# and its dependencies alone, then the generated module. The second is the SDK's own
# compile time, and what the target is judged on. Ours is split as the generator splits
# it by default (one file per 512 KiB of the spec, at most 16: Stripe's gets 8), or into
# N files with `--files N`; the peer's layout is its own (9 files).
# Default spec: Stripe's, in shared/corpus beside the repository.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
main_dir=$(dirname "$bench_dir")
spec="$main_dir/../shared/corpus/stripe-spec3-2022-04.json"
timeout_seconds=3600
only=""
keep=false
files=auto
configuration=debug

usage() {
    sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    echo "Options:"
    echo "  --configuration C  debug (default) or release"
    echo "  --timeout SECONDS  give up on a build after this long (default $timeout_seconds)"
    echo "  --only ours|peer   build only one of the two SDKs"
    echo "  --files N          split our SDK into N files (default: the generator's own count; 1 = Types.swift + Client.swift)"
    echo "  --keep             keep the temporary packages and print where they are"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --configuration|-c) configuration=${2:?--configuration needs debug or release}; shift 2 ;;
        --timeout) timeout_seconds=${2:?--timeout needs a number of seconds}; shift 2 ;;
        --only) only=${2:?--only needs ours or peer}; shift 2 ;;
        --keep) keep=true; shift ;;
        --files) files=${2:?--files needs a number}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "error: unknown option $1" >&2; usage >&2; exit 64 ;;
        *) spec=$1; shift ;;
    esac
done
if [ "$files" != auto ]; then
    if ! [[ "$files" =~ ^[0-9]+$ ]] || [ "$files" -lt 1 ] || [ "$files" -gt 64 ]; then
        echo "error: --files takes a number from 1 to 64, not '$files'" >&2
        exit 64
    fi
    export OPENAPI_GEN_BENCH_FILES=$files
fi
case "$configuration" in debug|release) ;; *) echo "error: --configuration takes debug or release, not '$configuration'" >&2; exit 64 ;; esac
case "$only" in ""|ours|peer) ;; *) echo "error: --only takes ours or peer, not '$only'" >&2; exit 64 ;; esac
if ! [[ "$timeout_seconds" =~ ^[0-9]+$ ]] || [ "$timeout_seconds" -lt 1 ]; then
    echo "error: --timeout takes a whole number of seconds, not '$timeout_seconds'" >&2
    exit 64
fi
if [ ! -f "$spec" ]; then
    echo "error: spec not found: $spec" >&2
    exit 1
fi
spec=$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")
tools="ours peer"
[ -n "$only" ] && tools=$only

echo "Building the bench (release) to generate the SDKs..." >&2
swift build -c release --package-path "$bench_dir" --scratch-path "$bench_dir/.build" \
    --product openapi-gen-bench >&2
bench="$(swift build -c release --package-path "$bench_dir" --scratch-path "$bench_dir/.build" --show-bin-path)/openapi-gen-bench"

work=$(mktemp -d "${TMPDIR:-/tmp}/openapi-gen-compile-time.XXXXXX")
if $keep; then
    echo "Keeping the packages in $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

# The throwaway package for each SDK: module name, runtime target, Package.swift.
write_package() {
    local tool=$1 dir=$2
    mkdir -p "$dir"
    if [ "$tool" = ours ]; then
        cat >"$dir/Package.swift" <<EOF
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "OursSDKBuild",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "swift-openapi-gen", path: "$main_dir")],
    targets: [
        .target(name: "OursSDK", dependencies: [.product(name: "OpenAPIGenRuntime", package: "swift-openapi-gen")])
    ],
    swiftLanguageModes: [.v6]
)
EOF
    else
        cat >"$dir/Package.swift" <<EOF
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PeerSDKBuild",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.7.0"),
    ],
    targets: [
        .target(
            name: "PeerSDK",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
EOF
    fi
}

module_of() { [ "$1" = ours ] && echo OursSDK || echo PeerSDK; }
runtime_of() { [ "$1" = ours ] && echo OpenAPIGenRuntime || echo OpenAPIRuntime; }

# Runs `swift build --target TARGET` in DIR under /usr/bin/time -v and a timeout;
# prints "wall_seconds cpu_seconds peak_kilobytes status" (status: ok, timeout or
# failed). CPU seconds are user + system over the whole build, all processes.
timed_build() {
    local dir=$1 target=$2 log=$3
    local start end status=ok
    start=$(date +%s.%N)
    if ! /usr/bin/time -v -o "$log.time" timeout --kill-after=30 "$timeout_seconds" \
        swift build -c "$configuration" --package-path "$dir" --scratch-path "$dir/.build" --target "$target" \
        >"$log" 2>&1; then
        status=failed
        grep -q "status 124" "$log.time" && status=timeout
        grep -q "status 137" "$log.time" && status=timeout
    fi
    end=$(date +%s.%N)
    local peak cpu
    peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time")
    cpu=$(awk -F': ' '/User time|System time/ { total += $2 } END { printf "%.1f", total }' "$log.time")
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') $cpu ${peak:-0} $status"
}

declare -A files lines bytes deps_s deps_cpu deps_kb deps_status sdk_s sdk_cpu sdk_kb sdk_status
for tool in $tools; do
    dir="$work/$tool"
    module=$(module_of "$tool")
    write_package "$tool" "$dir"
    echo "[$tool] generating $module from $(basename "$spec")..." >&2
    report=$("$bench" --child "$tool" "$spec" "$dir/Sources/$module") || {
        echo "error: $tool could not generate the SDK: $report" >&2
        exit 1
    }
    files[$tool]=$(find "$dir/Sources/$module" -name '*.swift' | wc -l)
    lines[$tool]=$(cat "$dir/Sources/$module"/*.swift | wc -l)
    bytes[$tool]=$(cat "$dir/Sources/$module"/*.swift | wc -c)

    echo "[$tool] resolving packages..." >&2
    swift package --package-path "$dir" --scratch-path "$dir/.build" resolve >"$work/$tool-resolve.log" 2>&1 || {
        echo "error: resolving $tool's package failed:" >&2
        cat "$work/$tool-resolve.log" >&2
        exit 1
    }

    runtime=$(runtime_of "$tool")
    echo "[$tool] clean $configuration build of $runtime and its dependencies..." >&2
    read -r deps_s[$tool] deps_cpu[$tool] deps_kb[$tool] deps_status[$tool] < <(timed_build "$dir" "$runtime" "$work/$tool-deps.log")
    echo "[$tool]   ${deps_s[$tool]} s, ${deps_status[$tool]}" >&2
    if [ "${deps_status[$tool]}" != ok ]; then
        tail -20 "$work/$tool-deps.log" >&2
        sdk_s[$tool]=-; sdk_cpu[$tool]=-; sdk_kb[$tool]=0; sdk_status[$tool]="not built"
        continue
    fi
    echo "[$tool] $configuration build of $module (${lines[$tool]} lines; timeout $timeout_seconds s)..." >&2
    read -r sdk_s[$tool] sdk_cpu[$tool] sdk_kb[$tool] sdk_status[$tool] < <(timed_build "$dir" "$module" "$work/$tool-sdk.log")
    echo "[$tool]   ${sdk_s[$tool]} s (CPU ${sdk_cpu[$tool]} s), ${sdk_status[$tool]}" >&2
    [ "${sdk_status[$tool]}" = failed ] && grep -m 20 "error:" "$work/$tool-sdk.log" >&2
done

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }

echo
echo "Compile time of the generated SDKs for $(basename "$spec") ($(wc -c <"$spec") bytes)"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(swift --version 2>/dev/null | head -1); clean $configuration builds (swift build -c $configuration), timeout $timeout_seconds s"
echo
row() { printf "%-5s %5s %8s %10s %9s %9s %10s %7s %7s %11s  %s\n" "$@"; }
row tool files lines bytes "runtime s" "(CPU s)" "runtime MB" "SDK s" "(CPU s)" "SDK peak MB" status
for tool in $tools; do
    row "$tool" "${files[$tool]}" "${lines[$tool]}" "${bytes[$tool]}" "${deps_s[$tool]}" "${deps_cpu[$tool]}" \
        "$(mb "${deps_kb[$tool]}")" "${sdk_s[$tool]}" "${sdk_cpu[$tool]}" "$(mb "${sdk_kb[$tool]}")" "${sdk_status[$tool]}"
done
echo "(runtime: the runtime library and its dependencies, built first; SDK: the generated module alone;"
echo " s: wall seconds; CPU s: user + system seconds of all the build's processes;"
echo " MB: peak resident memory of the largest process in the build, 10^6 bytes)"
if [ -z "$only" ]; then
    if [ "${sdk_status[ours]}" = ok ] && [ "${sdk_status[peer]}" = ok ]; then
        awk -v o="${sdk_s[ours]}" -v p="${sdk_s[peer]}" -v ot="${deps_s[ours]}" -v pt="${deps_s[peer]}" \
            -v oc="${sdk_cpu[ours]}" -v pc="${sdk_cpu[peer]}" -v c="$configuration" 'BEGIN {
            r = o / p
            if (c == "debug") verdict = sprintf("; target <= 0.10 (issue 15): %s", r <= 0.10 ? "met" : "NOT met")
            printf "ours/peer SDK build time: %.3f (1/%.1f)%s\n", r, p / o, verdict
            printf "ours/peer SDK build CPU time: %.3f (1/%.1f)\n", oc / pc, pc / oc
            printf "ours/peer including the runtime: %.3f (1/%.1f)\n", (o + ot) / (p + pt), (p + pt) / (o + ot)
        }'
    elif [ "${sdk_status[ours]}" = ok ] && [ "${sdk_status[peer]}" = timeout ]; then
        awk -v o="${sdk_s[ours]}" -v t="$timeout_seconds" -v c="$configuration" 'BEGIN {
            if (c == "debug") verdict = sprintf("; target <= 0.10 (issue 15): %s", o / t <= 0.10 ? "met" : "unknown")
            printf "ours/peer SDK build time: < %.3f (the peer did not finish in %d s)%s\n", o / t, t, verdict
        }'
    else
        echo "ours/peer SDK build time: not measured (ours: ${sdk_status[ours]}, peer: ${sdk_status[peer]})"
    fi
fi
