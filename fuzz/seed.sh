#!/usr/bin/env bash
# Fills fuzz/corpus/TARGET with seed inputs made from the repository's own example ads and norm files
# (the selector byte that some targets read first is prepended). Safe to run again: it only adds files.
# FUZZ_CORPUS: another folder to fill (the CI smoke uses a fresh one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${FUZZ_CORPUS:-$root/fuzz/corpus}"
ads=("$root"/examples/ads/* "$root"/crates/rolenorm-analyze/tests/ads/*.txt "$root"/crates/rolenorm-analyze/tests/ads/*.html "$root"/crates/rolenorm-analyze/tests/ads/*.json)
mkdir -p "$corpus"/{key_reference,matcher_naive,record_readers,line_utf8,heading_line,decode,html,json_ld,batch_record,norm_toml,jsonl_fields}

# Writes the selector byte $2 and the file $3 to corpus $1.
prefixed() { { printf "\\x$(printf %02x "$2")"; cat "$3"; } >"$corpus/$1/seed-$2-$(basename "$3")"; }

for ad in "${ads[@]}"; do
    name=$(basename "$ad")
    cp "$ad" "$corpus/key_reference/$name"
    cp "$ad" "$corpus/matcher_naive/$name"
    cp "$ad" "$corpus/record_readers/$name"
    cp "$ad" "$corpus/line_utf8/$name"
    cp "$ad" "$corpus/html/$name"
    cp "$ad" "$corpus/json_ld/$name"
    prefixed decode 0 "$ad"
    # The selector byte is the limits: 35 reads as 70 characters and 3 words.
    prefixed heading_line 35 "$ad"
    prefixed decode 2 "$ad"
done
# A JSONL corpus line and a CSV file for the batch reader.
jsonl="$(mktemp)"
csv="$(mktemp)"
trap 'rm -f "$jsonl" "$csv"' EXIT
printf '%s\n' '{"id":"1","title":"Community Manager (m/w/d)","text":"Du moderierst Kommentare.\nDu planst Posts.","lang":"de"}' \
    '{"@type":"JobPosting","title":"Social Media Manager","description":"<p>You plan posts &amp; reply to comments.</p>"}' >"$jsonl"
printf '%s\n' 'id,title,text,lang' '7,Content Creator,"Du drehst Reels, schreibst Captions.",de' >"$csv"
prefixed batch_record 0 "$jsonl"
# Corpus-like lines for the JSONL fast path, one a file (escapes, null, an unknown field, a number).
split -l 1 "$jsonl" "$corpus/jsonl_fields/seed-line-"
printf '%s\n' '{"id": 7, "title": null, "text": "A\nB \"C\" \\ \t\u00e4", "x": "y", "lang": "en"}' >"$corpus/jsonl_fields/seed-escapes"
prefixed batch_record 1 "$csv"
cp "$jsonl" "$corpus/json_ld/seed-lines.jsonl"
# The selector byte picks the file of the pack to replace, in the order of rolenorm_norm::PACK_FILES.
index=0
for name in norm roles tasks levels platforms language scoring; do
    prefixed norm_toml "$index" "$root/norm/$name.toml"
    index=$((index + 1))
done
