#!/usr/bin/env bash
# Fingerprints everything the generator produces, so a refactor can prove that output did
# not change: for every spec in the corpus (../shared/corpus, subfolders included), every
# snippet spec, every invalid fixture, the checked-in specs and the test SDKs' specs, it
# runs openapi-gen and records one line per spec: a SHA-256 over the generated files,
# the diagnostics printed and the exit status. Specs are also generated split into 4 files.
#
#   scripts/output-fingerprint.sh record fingerprints.txt   # before the refactor
#   scripts/output-fingerprint.sh compare fingerprints.txt  # after: exit 1 on any change
#
# Uses the debug openapi-gen (`swift build --product openapi-gen` first, or set GEN).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"; file="${2:-}"
if [ -z "$mode" ] || [ -z "$file" ]; then
    echo "usage: $0 record|compare FILE" >&2; exit 2
fi
GEN="${GEN:-.build/debug/openapi-gen}"
[ -x "$GEN" ] || { echo "no $GEN: run swift build --product openapi-gen" >&2; exit 2; }
CORPUS="${CORPUS:-../shared/corpus}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

specs=()
if [ -d "$CORPUS" ]; then
    while IFS= read -r f; do specs+=("$f"); done < <(find "$CORPUS" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | LC_ALL=C sort)
else
    echo "note: no corpus at $CORPUS; fingerprinting the repository's specs only" >&2
fi
while IFS= read -r f; do specs+=("$f"); done < <(find spec Tests -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -not -path '*/.build/*' | LC_ALL=C sort)

out="$work/fingerprints.txt"; : > "$out"
for spec in "${specs[@]}"; do
    for files in 1 4; do
        dir="$work/out"; rm -rf "$dir"; mkdir -p "$dir"
        status=0
        "$GEN" generate "$spec" -o "$dir/SDK" --files "$files" > "$work/log" 2>&1 || status=$?
        # Paths in messages differ between machines only by the temporary folder.
        sed "s#$work#TMP#g" "$work/log" > "$work/log.clean"
        hash="$( { echo "exit $status"; cat "$work/log.clean"; \
            if [ -d "$dir/SDK" ]; then (cd "$dir/SDK" && find . -type f | LC_ALL=C sort | while read -r g; do echo "== $g"; cat "$g"; done); fi; } \
            | sha256sum | cut -c1-16)"
        echo "$hash files=$files exit=$status $spec" >> "$out"
    done
done

case "$mode" in
record) cp "$out" "$file"; echo "recorded $(wc -l < "$file") fingerprints in $file" ;;
compare)
    if diff -u "$file" "$out"; then echo "identical: $(wc -l < "$out") fingerprints"; else echo "output changed (lines above)"; exit 1; fi ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
