#!/usr/bin/env bash
# API contract test: schemathesis (from PyPI, in a throw-away virtualenv) against a live
# `rolenorm serve`, driven by the server's own OpenAPI document. Bounded in examples and time:
# no 5xx, every status, content type and body conforms to the document. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; wait "${PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if ! python3 -m venv "$WORK/venv" >/dev/null 2>&1; then
  [ "${CI:-}" = true ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  rm -rf "$WORK/venv"; python3 -m venv "$WORK/venv"
fi
"$WORK/venv/bin/pip" install -q "schemathesis>=4.30,<5"
cargo build --locked -q -p rolenorm-cli
PORT=${PORT:-18473}
target/debug/rolenorm serve --addr "127.0.0.1:$PORT" --data "$WORK/data" --rate-limit 0 2> "$WORK/serve.log" &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
status=0
timeout 600 "$WORK/venv/bin/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection \
  --max-examples "${EXAMPLES:-30}" --max-time "${MAX_TIME:-120}" --phases examples,coverage,fuzzing \
  --workers 2 --request-timeout 10 --seed 7 --generation-database none --no-color || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis failed; server log tail:"; tail -20 "$WORK/serve.log"
fi
exit "$status"
