#!/usr/bin/env python3
"""Draw the labelled market sample: a stratified random sample of the shared corpus.

Every ad of the corpus falls into exactly one stratum, by keywords in its title and text, tried in
this order (the first that matches wins):

  sm-strong    explicit social-media work words (social media, Instagram, TikTok, community manager,
               influencer, content creator, paid social, social channels/content/ads ...)
  sm-platform  only a platform name (Facebook, Twitter, LinkedIn, YouTube, Pinterest, Snapchat, Xing):
               mostly "follow us" footers and employer names
  marketing    marketing, PR, communication, media, content, editorial or design words
  false-friend social/community words that are not social media (social work, social care, social
               security, psycho-social, community nursing/health/teams, Sozialarbeit ...)
  rest         everything else

Within each stratum the ids are sorted and shuffled with a fixed seed; the first N form the sample,
in that order (a labelled prefix of a stratum is still a simple random sample of it). The output
records each ad's stratum and the stratum's size in the corpus, so that corpus-weighted figures can
be computed (weight of a labelled ad = stratum size / labelled ads of that stratum).

Only ids and strata are written (the corpus has no licence; no ad text goes into the repository).

Usage: scripts/market-sample.py [--corpus PATH] [--out PATH] [--seed N] [--sizes S=N,...]
"""
import argparse
import gzip
import json
import random
import re
import sys

STRATA = ["sm-strong", "sm-platform", "marketing", "false-friend", "rest"]
DEFAULT_SIZES = {"sm-strong": 219, "sm-platform": 120, "marketing": 240, "false-friend": 160, "rest": 160}

SM_STRONG = re.compile(
    r"social[\s-]?media|socialmedia|sozialen? (medien|netzwerke?n?)|instagram|tik ?tok"
    r"|community[\s-]?manag|influencer|content[\s-]?creat|paid social"
    r"|social (channels?|content|strategy|ads|advertising|listening|networks?|marketing|team|platforms?)"
    r"|head of social\b(?! work| care)",
    re.I,
)
SM_PLATFORM = re.compile(r"facebook|twitter|linkedin|youtube|pinterest|snapchat|xing", re.I)
MARKETING_TEXT = re.compile(
    r"marketing|\bPR\b|public relations|press (office|release)|pressemitteil|media relations"
    r"|medienarbeit|öffentlichkeitsarbeit|pressearbeit|redakt|copywrit|journalis|\bSEO\b"
    r"|content (manag|strateg|market|edit|writ|produc)|brand (manag|strateg|market)"
    r"|kommunikationsmanag|unternehmenskommunikation"
    r"|communications (manager|officer|lead|director|specialist|strateg|team|executive|assistant)"
    r"|head of communications|digital (media|communications)|graphic design|grafik"
    r"|video (edit|produc)|mediengestalt",
    re.I,
)
MARKETING_TITLE = re.compile(
    r"communicat|kommunikation|media|medien|content|brand|design|editor|press|campaign|advertis|werbe",
    re.I,
)
FALSE_FRIEND = re.compile(
    r"social (work|care|security|services?|prescrib|enterprise|inclusion|value|worker)|psycho-?social"
    r"|community (nurs|health|mental|matron|midwi|physio|therap|care|services?|team|paediatric|dent"
    r"|pharm|learning|rehab|hospital)|head of social|social and (emotional|community)"
    r"|sozial(arbeit|p[äa]dagog|versicherung|dienst|beratung|e arbeit)",
    re.I,
)


def stratum(ad):
    """The stratum of one corpus ad (a dict with title and text)."""
    title = ad.get("title") or ""
    full = title + "\n" + (ad.get("text") or "")
    if SM_STRONG.search(full):
        return "sm-strong"
    if SM_PLATFORM.search(full):
        return "sm-platform"
    if MARKETING_TEXT.search(full) or MARKETING_TITLE.search(title):
        return "marketing"
    if FALSE_FRIEND.search(full):
        return "false-friend"
    return "rest"


def parse_sizes(text):
    """Parse 'sm-strong=120,rest=60' into a dict, starting from the defaults."""
    sizes = dict(DEFAULT_SIZES)
    for part in filter(None, (text or "").split(",")):
        name, _, num = part.partition("=")
        if name not in STRATA or not num.isdigit():
            sys.exit(f"--sizes: bad entry {part!r} (want STRATUM=N with STRATUM in {STRATA})")
        sizes[name] = int(num)
    return sizes


def read_strata(path):
    """Map stratum -> list of ad ids, reading the corpus once."""
    ids = {name: [] for name in STRATA}
    seen = set()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                try:
                    ad = json.loads(line)
                except json.JSONDecodeError as err:
                    sys.exit(f"{path}:{lineno}: not JSON: {err}")
                if ad["id"] in seen:
                    continue
                seen.add(ad["id"])
                ids[stratum(ad)].append(ad["id"])
    except OSError as err:
        sys.exit(f"{path}: cannot read corpus: {err}")
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="/work/shared/corpus/ads.jsonl.gz")
    ap.add_argument("--out", default="eval/market/sample.jsonl")
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--sizes", default="", help="sample size per stratum, e.g. sm-strong=120,rest=60")
    args = ap.parse_args()
    sizes = parse_sizes(args.sizes)
    strata = read_strata(args.corpus)
    total = sum(len(v) for v in strata.values())
    rows = []
    print(f"{'stratum':<13} {'corpus':>7} {'share':>6} {'sampled':>8}")
    for name in STRATA:
        ids = sorted(strata[name])
        random.Random(f"{args.seed}:{name}").shuffle(ids)
        take = ids[: sizes[name]]
        for order, ad_id in enumerate(take):
            rows.append({"id": ad_id, "stratum": name, "order": order,
                         "stratum_size": len(ids), "stratum_sampled": len(take)})
        print(f"{name:<13} {len(ids):>7} {len(ids) / total:>6.1%} {len(take):>8}")
    print(f"{'total':<13} {total:>7} {1:>6.0%} {len(rows):>8}")
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    print(f"wrote {len(rows)} ids to {args.out} (seed {args.seed})")


if __name__ == "__main__":
    main()
