#!/usr/bin/env bash
# Instruction counts (valgrind callgrind) of `rolenorm batch --threads 1` on a fixed 1,993-ad sample of the shared
# corpus (every 9th line from the first): stable on a shared, noisy machine where wall-clock figures are not.
# Prints the total, the fixed cost (norm loading + Analyzer::new), the per-ad cost, and the stages.
#
#   scripts/bench-instructions.sh [BINARY]        # default target/release/rolenorm (built if missing)
#
# Environment: ROLENORM_CORPUS (default ../shared/corpus/ads.jsonl.gz), BENCH_TMP (kept if given), BENCH_ARGS
# (more arguments for `rolenorm batch`, e.g. `--norm DIR` to measure another pack with the same binary).
# Needs valgrind (Debian package `valgrind`). Not run in CI. Figures: docs/benchmarks.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${ROLENORM_CORPUS:-$root/../shared/corpus/ads.jsonl.gz}"
binary="${1:-$root/target/release/rolenorm}"
if ! command -v valgrind >/dev/null; then
    echo "bench-instructions: valgrind is missing; install it with: apt-get install valgrind" >&2
    exit 2
fi
if [[ ! -x "$binary" ]]; then
    (cd "$root" && cargo build --release -p rolenorm-cli) >&2
fi
if [[ -n "${BENCH_TMP:-}" ]]; then
    tmp="$BENCH_TMP"
    mkdir -p "$tmp"
else
    tmp="$(mktemp -d -t rolenorm-ir.XXXXXX)"
    trap 'rm -rf "$tmp"' EXIT
fi

sample="$tmp/sample.jsonl"
gzip -dcf "$corpus" | awk 'NR % 9 == 1' | head -1993 >"$sample"
out="$tmp/callgrind.out"
read -r -a extra <<<"${BENCH_ARGS:-}"
valgrind --tool=callgrind --callgrind-out-file="$out" "$binary" batch "$sample" -o "$tmp/analyses.jsonl" --threads 1 --force "${extra[@]}" \
    2>"$tmp/valgrind.log" || { tail -20 "$tmp/valgrind.log" >&2; exit 2; }

ads=$(wc -l <"$sample")
bytes=$(stat -c %s "$sample")
inclusive="$tmp/inclusive.txt"
# From the temporary folder: inside the repository callgrind_annotate splits functions by relative source paths.
(cd "$tmp" && callgrind_annotate --inclusive=yes "$out" >"$inclusive" 2>/dev/null)
# The inclusive count of the function whose name ends in $1: the largest of its lines (the others are its code
# inlined from other files); 0 if none.
ir() { grep -F "$1 [" "$inclusive" | awk '{gsub(",", "", $1); v = $1 + 0; if (v > max) max = v} END {print max + 0}'; }
total=$(grep -E 'PROGRAM TOTALS' "$inclusive" | awk '{gsub(",", "", $1); print $1}')
fixed=$(ir 'rolenorm::load_analyzer')
echo "sample: $ads ads, $bytes bytes of JSONL ($(basename "$corpus"), every 9th line)"
printf '%-44s %15s %12s\n' "part" "instructions" "per ad"
row() { printf '%-44s %15s %12s\n' "$1" "$2" "$(awk -v i="$2" -v n="$ads" 'BEGIN { printf "%.0f", i / n }')"; }
row "whole run" "$total"
row "norm loading + Analyzer::new (once)" "$fixed"
row "  of which Analyzer::new" "$(ir 'rolenorm_analyze::analyzer::Analyzer::new')"
row "per-ad work (whole run minus the above)" "$((total - fixed))"
row "  Analyzer::analyze_line" "$(ir 'rolenorm_analyze::analyzer::Analyzer::analyze_line')"
row "    JSON in (AdLine::parse: UTF-8 check, fields)" "$(ir 'rolenorm_analyze::record::AdLine::parse')"
row "    MatchKey::rebuild (fold)" "$(ir 'rolenorm_text::key::MatchKey::rebuild')"
row "    Vocabulary::scan (automaton + rules)" "$(ir 'rolenorm_analyze::compile::Vocabulary::scan')"
row "    sections::split" "$(ir 'rolenorm_analyze::stages::sections::split')"
row "  JSON out (Analysis::serialize)" "$(ir 'Serialize for rolenorm_wire::analysis::Analysis>::serialize')"
echo "instructions per byte of JSONL (per-ad work): $(awk -v i="$((total - fixed))" -v b="$bytes" 'BEGIN { printf "%.1f", i / b }')"
