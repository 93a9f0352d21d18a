#!/usr/bin/env bash
# End-to-end test of the web app in Debian's headless Chromium through chromedriver (selenium from
# PyPI in a throw-away virtualenv). Screenshots go to target/e2e-screenshots/. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromedriver >/dev/null || [ ! -x /usr/bin/chromium ]; then
  if [ "${CI:-}" = true ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "e2e: skipped (chromium and chromium-driver are not installed)"; exit 0
  fi
fi
WORK=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if ! python3 -m venv "$WORK/venv" >/dev/null 2>&1; then
  [ "${CI:-}" = true ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  rm -rf "$WORK/venv"; python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q "selenium>=4.20,<5"
cargo build --locked -q -p rolenorm-cli
# A free port, so that two runs on one machine never talk to each other's server.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
# The community flow needs a moderator and a maintainer, the credential flow an assessor
# (scripts/e2e_community.py, scripts/e2e_credentials.py).
printf 'community password\n' > "$WORK/pw"
target/debug/rolenorm admin user add --data "$WORK/data" --role moderator --name Mia --email mia@example.org --password-file "$WORK/pw"
target/debug/rolenorm admin user add --data "$WORK/data" --role maintainer --name Max --email max@example.org --password-file "$WORK/pw"
ASSESSOR_PASSWORD="e2e assessor password"
printf '%s\n' "$ASSESSOR_PASSWORD" > "$WORK/password"
target/debug/rolenorm admin user add --data "$WORK/data" --role assessor --name "Ada Assessor" \
  --email ada@example.org --password-file "$WORK/password" >/dev/null
target/debug/rolenorm serve --addr "127.0.0.1:$PORT" --data "$WORK/data" 2> "$WORK/serve.log" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
kill -0 "$PID" 2>/dev/null || { echo "e2e: rolenorm serve did not start:"; cat "$WORK/serve.log"; exit 1; }
SE_OFFLINE=true timeout 300 "$WORK/venv/bin/python" scripts/e2e.py "http://127.0.0.1:$PORT" target/e2e-screenshots
SE_OFFLINE=true timeout 300 "$WORK/venv/bin/python" scripts/e2e_community.py "http://127.0.0.1:$PORT" target/e2e-screenshots
SE_OFFLINE=true timeout 300 "$WORK/venv/bin/python" scripts/e2e_credentials.py "http://127.0.0.1:$PORT" \
  target/e2e-screenshots crates/rolenorm-server/tests/fixtures/community-manager.cv.de.txt \
  ada@example.org "$ASSESSOR_PASSWORD"
echo "e2e: passed; screenshots in target/e2e-screenshots/"
