#!/usr/bin/env bash
# Builds and runs the example package the way a user would; run by the main .ci/run.
set -euo pipefail
cd "$(dirname "$0")"

swift build

# The plugin-generated SDK works.
swift run pet-store-demo | tee .build/pet-store-demo.out
grep -q '"name":"Rex"' .build/pet-store-demo.out
grep -q 'Tom is a lizard' .build/pet-store-demo.out

# book-invitee explains itself and books against a local stand-in for Calendly.
swift run book-invitee --help | grep -q "CALENDLY_TOKEN"
port_file="$(mktemp)"
python3 fake-calendly.py > "$port_file" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
CALENDLY_TOKEN=example-token CALENDLY_API_URL="http://127.0.0.1:$(cat "$port_file")" \
    swift run book-invitee --event-type https://api.calendly.com/event_types/AAA \
    --start 2026-12-01T09:00:00Z --email test@example.com --name "John Smith" | tee .build/book.out
grep -q "Booked John Smith <test@example.com>: active" .build/book.out

# A broken spec fails the build with the spec's file:line:column.
spec=Sources/PetStoreAPI/openapi.yaml
cp "$spec" .build/openapi.yaml.saved
trap 'cp .build/openapi.yaml.saved "$spec"; kill $server 2>/dev/null || true' EXIT
sed -i 's/format: int64}/format: int64, type: strng}/' "$spec"
if swift build > .build/broken.out 2>&1; then
    echo "a broken spec must fail the build"; exit 1
fi
grep -E "openapi.yaml:[0-9]+:[0-9]+: error: " .build/broken.out
cp .build/openapi.yaml.saved "$spec"
swift build
echo "example package: all checks passed"
