#!/usr/bin/env bash
# CI for the Python bindings (bindings/python): builds the `rolenorm` wheel with maturin in a
# throw-away virtualenv, installs it with pyarrow, pandas and pyspark from PyPI, and runs pytest
# (the CLI comparison, Arrow round trips, bad input, a PySpark job in local[2]; Java 17 needed).
# Exits non-zero when a test fails. Called from .ci/run: `bash .ci/python.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

# Debian's python3 needs python3-venv for `python3 -m venv`; Spark needs a JRE.
if ! python3 -c "import ensurepip, venv" 2>/dev/null || ! command -v java >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3-venv openjdk-17-jre-headless >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2" pytest pyarrow pandas pyspark

# The CLI the tests compare with (already built by .ci/run's release step), and the wheel.
export CARGO_TARGET_DIR="$PWD/target"
cargo build --locked --release -p rolenorm-cli
(cd bindings/python && "$work/venv/bin/maturin" build --release --locked --quiet --out "$work/wheels")
"$py" -m pip install --quiet --disable-pip-version-check --no-deps "$work"/wheels/rolenorm-*.whl

export ROLENORM_CLI="$PWD/target/release/rolenorm" PYSPARK_PYTHON="$py"
status=0
(cd "$work" && "$py" -m pytest "$OLDPWD/bindings/python/tests" -q -rs -p no:cacheprovider) || status=$?
echo "python bindings: $((SECONDS - start)) s"
exit "$status"
