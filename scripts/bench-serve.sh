#!/usr/bin/env bash
# Load benchmark of `rolenorm serve` (not a test): POST /api/v1/analyze on loopback with wrk and a
# Lua POST body, at rising connection counts, each run bounded in time. Prints one Markdown table
# row per connection count (requests/s, p50, p99, errors).
#
#   scripts/bench-serve.sh                       # release build, 10 s per step, 1 2 4 8 16 32 64 128 256 conns
#   DURATION=5s CONNS="1 8 64" scripts/bench-serve.sh
#   BIN=target/release/rolenorm AD=examples/ads/community-manager-en.html FIELD=html scripts/bench-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNS=${CONNS:-"1 2 4 8 16 32 64 128 256"}
THREADS=${THREADS:-2}
PORT=${PORT:-18471}
AD=${AD:-examples/ads/social-media-manager-de.txt}
FIELD=${FIELD:-text}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }

if [ -z "${BIN:-}" ]; then
  cargo build --release --locked -p rolenorm-cli >&2
  BIN=target/release/rolenorm
fi

WORK=$(mktemp -d)
python3 - "$AD" "$FIELD" > "$WORK/body.json" <<'PY'
import json, sys
print(json.dumps({sys.argv[2]: open(sys.argv[1], encoding="utf-8").read()}))
PY
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$WORK/body.json", "r")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.3f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, summary.requests))
end
LUA

"$BIN" serve --addr "127.0.0.1:$PORT" --data "$WORK/data" --rate-limit 0 2> "$WORK/serve.log" &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

# Check the body analyses (a 200 with a role) before measuring.
curl -fsS -H 'Content-Type: application/json' --data-binary "@$WORK/body.json" \
  "http://127.0.0.1:$PORT/api/v1/analyze" | python3 -c 'import json,sys; print("role:", json.load(sys.stdin)["role"], file=sys.stderr)'

echo "ad: $AD ($(wc -c < "$AD") bytes, field $FIELD); $DURATION per step; wrk threads: $THREADS; nproc: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| connections | requests/s | p50 ms | p99 ms | max ms | errors | requests |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for c in $CONNS; do
  t=$THREADS; [ "$c" -lt "$t" ] && t=$c
  line=$(wrk -t"$t" -c"$c" -d"$DURATION" --timeout 5s -s "$WORK/post.lua" "http://127.0.0.1:$PORT/api/v1/analyze" | grep '^RESULT' || true)
  read -r _ rps p50 p99 max errors total <<< "$line"
  echo "| $c | $rps | $p50 | $p99 | $max | $errors | $total |"
done
