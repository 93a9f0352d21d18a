#!/usr/bin/env bash
# A short run of every fuzz target (fuzz/, cargo-fuzz on stable: `-s none`, no sanitizer; `--dev`: an unoptimised
# build compiles in a fraction of the release build's time, which cargo-fuzz forces to one codegen unit), seeded from the
# repository's example ads and norm files. A crash, timeout or differential mismatch fails CI; the input
# is left in fuzz/artifacts/TARGET/. Long runs: fuzz/README.md.
#
# Environment: FUZZ_SMOKE_SECONDS per target (default 8).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SMOKE_SECONDS:-8}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz" >&2
    cargo install cargo-fuzz --version 0.13.2 --locked
fi
echo "== building the fuzz targets" >&2
cargo fuzz build --dev -s none
# A fresh corpus of seeds only, so that the smoke's time does not grow with a local long run's corpus.
smoke_corpus="fuzz/smoke-corpus"
rm -rf "$smoke_corpus"
FUZZ_CORPUS="$smoke_corpus" fuzz/seed.sh
for target in $(cargo fuzz list); do
    echo "== fuzz smoke: $target (${seconds} s)" >&2
    cargo fuzz run "$target" "$smoke_corpus/$target" --dev -s none -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 2>"fuzz/smoke-$target.log" || {
        tail -40 "fuzz/smoke-$target.log" >&2
        echo "fuzz smoke: $target failed (input in fuzz/artifacts/$target/)" >&2
        exit 1
    }
    grep -E '^(#[0-9]+\s+DONE|Done [0-9]+ runs)' "fuzz/smoke-$target.log" | tail -1 >&2 || true
done
echo "fuzz smoke: every target ran without a crash, timeout or mismatch" >&2
