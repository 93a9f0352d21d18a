#!/usr/bin/env bash
# The community over a live `rolenorm serve`: accounts from `rolenorm admin user add`, the API flow,
# the Atom feeds read by feedparser (PyPI, in a throw-away virtualenv), and `rolenorm norm pull`
# reproducing the released analysis. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if ! python3 -m venv "$WORK/venv" >/dev/null 2>&1; then
  [ "${CI:-}" = true ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  rm -rf "$WORK/venv"; python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q "feedparser>=6,<7"
cargo build --locked -q -p rolenorm-cli
BIN=target/debug/rolenorm
printf 'community password\n' > "$WORK/pw"
$BIN admin user add --data "$WORK/data" --role maintainer --name Max --email max@example.org --password-file "$WORK/pw"
$BIN admin user add --data "$WORK/data" --role moderator --name Mia --email mia@example.org < "$WORK/pw"
PORT=${PORT:-18473}
$BIN serve --addr "127.0.0.1:$PORT" --data "$WORK/data" --rate-limit 0 2> "$WORK/serve.log" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
"$WORK/venv/bin/python" scripts/community_check.py "http://127.0.0.1:$PORT" "$WORK/data" "$BIN"
