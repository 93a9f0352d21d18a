"""Runs occupationcoder (UK SOC 2010 minor groups) on JSONL ads, one ad at a time, in one process.

    run_occupationcoder.py IN.jsonl OUT.jsonl

Writes one line per ad: {"id", "soc", "how"} where `how` is "exact" (title lookup) or "fuzzy" (TF-IDF top 5 +
fuzzy title match), and prints "occupationcoder: N ads, S s, X ads/s" on stderr.

Offline: needs NLTK WordNet under $NLTK_DATA (the Debian packages wordnet-base and wordnet-sense-index, linked
as corpora/wordnet). Two changes keep it runnable without downloads and under pandas >= 2; neither changes the
method:
- `tokenize` calls `nltk.word_tokenize(text, preserve_line=True)`: the same Treebank word tokenizer without the
  Punkt sentence splitter, whose model would be an NLTK download (the text is one line anyway after cleaning);
- the minor-group lookup takes the bucket by position (`.iloc`), as upstream fixed it for pandas >= 2
  (`mg_buckets.SOC_code[b]` with a numpy integer is a label lookup there).
We call the package's per-ad functions directly instead of `Coder.codedataframe`, which only wraps them in dask
process pools; this is the same work per ad without the pool start-up.
"""
import json
import sys
import time

import nltk
from occupationcoder.utilities import utilities as utils


def tokenize(text):
    return nltk.word_tokenize(text, preserve_line=True)


def best_top5(row_text):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    # Same as utils.get_best_score_top5_2, with the positional lookup fix.
    tfidf = TfidfVectorizer(tokenizer=tokenize, stop_words="english", ngram_range=(1, 3))
    known = tfidf.fit_transform(utils.mg_buckets.Titles_nospace)
    sims = cosine_similarity(tfidf.transform([row_text]), known)
    return [str(utils.mg_buckets.SOC_code.iloc[b]) for b in sims.argsort()[0, -5:]]


utils.tokenize = tokenize
utils.get_best_score_top5_2 = best_top5


def code(title, text):
    row = {"job_title": title or "", "job_description": text or "", "job_sector": ""}
    title_clean = utils.clean_title(row)
    desc_clean = utils.clean_desc(row)
    sector_clean = utils.clean_sector(row)
    soc = utils.exact_match(title_clean)
    if soc != "NA":
        return str(soc), "exact"
    top5 = best_top5(" ".join([title_clean, sector_clean, desc_clean]))
    best = utils.return_best_match_2({"title_nospace": title_clean, "top5": top5})
    return str(best[0]), "fuzzy"


def main():
    src, dst = sys.argv[1], sys.argv[2]
    ads = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    started = time.perf_counter()
    with open(dst, "w", encoding="utf-8") as out:
        for ad in ads:
            try:
                soc, how = code(ad.get("title"), ad.get("text") or ad.get("html") or "")
            except Exception as e:  # a peer failure is a result, not a crash
                soc, how = None, f"error: {type(e).__name__}: {e}"
            out.write(json.dumps({"id": ad.get("id"), "soc": soc, "how": how}) + "\n")
    seconds = time.perf_counter() - started
    print(f"occupationcoder: {len(ads)} ads, {seconds:.1f} s, {len(ads) / seconds:.2f} ads/s", file=sys.stderr)


if __name__ == "__main__":
    main()
