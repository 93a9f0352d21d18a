#!/usr/bin/env python3
"""Measure the analyzer on the labelled market sample (eval/market).

Joins eval/market/labels.jsonl with the shared corpus by id, writes (in a temporary folder, never in
the repository: the corpus has no licence) the ads as `rolenorm batch` input and as gold JSONL in the
format of shared/eval (labels not given by the market sample are listed in `unscored`), runs the
release `rolenorm batch` on them, and prints precision and recall of

  - the social-media family, and the family without content-manager ("strict": social-media work
    is the job),
  - the adjacent family, and "any normed role" (the analyzer files the ad under a role other than
    `other`, and the ad is a job of some normed role),
  - each social-media role and each adjacent role,

both unweighted (as counted on the sample) and corpus-weighted: every labelled ad stands for
(stratum size in the corpus / labelled ads of its stratum) corpus ads, so the weighted figures
estimate what a user of the whole corpus would see. Weighted precision and recall of the family get a
95 % interval from a stratified bootstrap (fixed seed).

Usage:
  scripts/market-eval.py [--rolenorm PATH] [--json] [--keep DIR] [--clear-only]

Needs Python 3.11+ (tomllib) and nothing outside the standard library.
"""
import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UNLABELLED = ["level", "jack_of_all_trades", "platform_focus", "tasks"]
BOOTSTRAP_ROUNDS = 1000


def fail(message):
    """Stop with a message naming the input and the problem."""
    sys.exit(f"market-eval: {message}")


def read_jsonl(path):
    """All records of a JSONL file; names the file and line of a bad one."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        fail(f"cannot read {path}: {err}")
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                fail(f"{path}:{number}: not JSON: {err}")
    return records


def read_families(norm_dir):
    """Role id -> family (social-media / adjacent / other) from the norm's roles.toml."""
    path = Path(norm_dir) / "roles.toml"
    try:
        roles = tomllib.loads(path.read_text(encoding="utf-8"))["role"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as err:
        fail(f"cannot read the roles of {path}: {err}")
    return {role["id"]: role["family"] for role in roles}


def read_corpus(path, wanted):
    """The corpus records whose id is in `wanted`."""
    found = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                try:
                    ad = json.loads(line)
                except json.JSONDecodeError as err:
                    fail(f"{path}:{number}: not JSON: {err}")
                if ad.get("id") in wanted:
                    found[ad["id"]] = ad
    except OSError as err:
        fail(f"cannot read corpus {path}: {err}")
    missing = wanted - found.keys()
    if missing:
        fail(f"{len(missing)} labelled ids are not in {path}, e.g. {sorted(missing)[:3]}")
    return found


def load_labels(args, families):
    """Labelled ads with their stratum weights; checks them against the sample and the norm."""
    sample = {row["id"]: row for row in read_jsonl(args.sample)}
    labels = read_jsonl(args.labels)
    for label in labels:
        if label.get("id") not in sample:
            fail(f"{args.labels}: id {label.get('id')!r} is not in {args.sample}")
        for field in ("role", "title_role"):
            if label.get(field) not in families:
                fail(f"{args.labels}: {label['id']}: {field} {label.get(field)!r} is not a role of the norm")
        if label["stratum"] != sample[label["id"]]["stratum"]:
            fail(f"{args.labels}: {label['id']}: stratum differs from {args.sample}")
    if args.clear_only:
        labels = [label for label in labels if label.get("clear")]
    labelled = Counter(label["stratum"] for label in labels)
    size = {row["stratum"]: row["stratum_size"] for row in sample.values()}
    for label in labels:
        label["weight"] = size[label["stratum"]] / labelled[label["stratum"]]
    return labels, size, labelled


def write_inputs(labels, corpus, folder):
    """The ads as batch input, and as gold JSONL in the format of shared/eval."""
    ads_path, gold_path = folder / "ads.jsonl", folder / "gold.jsonl"
    with open(ads_path, "w", encoding="utf-8") as ads, open(gold_path, "w", encoding="utf-8") as gold:
        for label in labels:
            ad = corpus[label["id"]]
            record = {k: ad.get(k) for k in ("id", "lang", "source", "date", "title", "text", "company")}
            ads.write(json.dumps(record, ensure_ascii=False) + "\n")
            record.update({"role": label["role"], "title_role": label["title_role"], "clear": label["clear"],
                           "level": "professional", "jack_of_all_trades": False, "platform_focus": None,
                           "tasks": [], "tasks_allowed": [], "unscored": UNLABELLED})
            gold.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ads_path, gold_path


def run_batch(rolenorm, ads_path, folder, norm):
    """Runs `rolenorm batch` with the norm pack `norm` and returns id -> analysis."""
    out = folder / "analyses.jsonl"
    if not Path(rolenorm).is_file():
        fail(f"no rolenorm binary at {rolenorm} (build it: cargo build --release -p rolenorm-cli)")
    done = subprocess.run([str(rolenorm), "batch", str(ads_path), "-o", str(out), "--norm", str(norm)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        fail(f"rolenorm batch failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    analyses = {a["id"]: a for a in read_jsonl(out) if "role" in a}
    return analyses, done.stderr.strip().splitlines()[-1:] if done.stderr.strip() else []


def prf(rows, gold_in, pred_in, weighted):
    """Precision, recall, F1 and counts of a yes/no question over the labelled ads."""
    tp = fp = fn = 0.0
    n_gold = n_pred = n_tp = 0
    for row in rows:
        w = row["weight"] if weighted else 1.0
        g, p = gold_in(row), pred_in(row)
        tp += w * (g and p)
        fp += w * (p and not g)
        fn += w * (g and not p)
        n_gold += g
        n_pred += p
        n_tp += g and p
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "labelled": n_gold, "predicted": n_pred, "both": n_tp}


def bootstrap(rows, gold_in, pred_in, size, seed=20261201):
    """95 % stratified-bootstrap intervals of weighted precision and recall."""
    rng = random.Random(seed)
    by_stratum = defaultdict(list)
    for row in rows:
        by_stratum[row["stratum"]].append((gold_in(row), pred_in(row)))
    precisions, recalls = [], []
    for _ in range(BOOTSTRAP_ROUNDS):
        tp = fp = fn = 0.0
        for stratum, members in by_stratum.items():
            w = size[stratum] / len(members)
            for g, p in rng.choices(members, k=len(members)):
                tp += w * (g and p)
                fp += w * (p and not g)
                fn += w * (g and not p)
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))

    def interval(values):
        if not values:
            return None
        values.sort()
        return [values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1]]

    return {"precision": interval(precisions), "recall": interval(recalls)}


def questions(families):
    """The yes/no questions measured: (name, gold test, prediction test, bootstrap?)."""
    social = [r for r, f in families.items() if f == "social-media"]
    adjacent = [r for r, f in families.items() if f == "adjacent"]

    def fam(field, members):
        return lambda row: row[field] in members

    strict = [r for r in social if r != "content-manager"]
    found = [("family social-media", fam("role", social), fam("pred", social), True),
             ("family social-media strict (without content-manager)", fam("role", strict),
              fam("pred", strict), True),
             ("family adjacent", fam("role", adjacent), fam("pred", adjacent), False),
             ("any normed role (not other)", lambda r: r["role"] != "other",
              lambda r: r["pred"] != "other", True)]
    for role in social + adjacent:
        found.append((f"role {role}", fam("role", {role}), fam("pred", {role}), False))
    return found


def evaluate(labels, analyses, families, size):
    """All measures, unweighted and corpus-weighted."""
    rows = []
    for label in labels:
        analysis = analyses.get(label["id"])
        if analysis is None:
            fail(f"rolenorm gave no analysis for {label['id']}")
        rows.append(dict(label, pred=analysis["role"], pred_title=analysis["title_role"],
                         confidence=analysis.get("confidence")))
    measures = {}
    for name, gold_in, pred_in, with_interval in questions(families):
        entry = {"unweighted": prf(rows, gold_in, pred_in, False), "weighted": prf(rows, gold_in, pred_in, True)}
        if with_interval:
            entry["weighted_95"] = bootstrap(rows, gold_in, pred_in, size)
        measures[name] = entry
    agree = {"role": ("role", "pred"), "title_role": ("title_role", "pred_title")}
    accuracy = {}
    for name, (g, p) in agree.items():
        accuracy[name] = {
            "unweighted": sum(r[g] == r[p] for r in rows) / len(rows),
            "weighted": sum(r["weight"] * (r[g] == r[p]) for r in rows) / sum(r["weight"] for r in rows)}
    normed = [r for r in rows if r["pred"] != "other"]
    accuracy["role, among ads filed under a normed role"] = {
        "unweighted": sum(r["role"] == r["pred"] for r in normed) / len(normed) if normed else None,
        "weighted": (sum(r["weight"] * (r["role"] == r["pred"]) for r in normed)
                     / sum(r["weight"] for r in normed)) if normed else None}
    social = {r for r, f in families.items() if f == "social-media"}
    errors = [{"id": r["id"], "stratum": r["stratum"], "gold": r["role"], "predicted": r["pred"],
               "weight": round(r["weight"], 2)}
              for r in rows if (r["role"] in social) != (r["pred"] in social)]
    confusion = Counter((families[r["role"]], families.get(r["pred"], "?")) for r in rows)
    return rows, measures, accuracy, errors, confusion


def fmt(value):
    """A ratio as 0.00, or a dash."""
    return "  -  " if value is None else f"{value:.3f}"


def print_report(report):
    """The human-readable report."""
    print(f"labelled ads: {report['labelled']} (strata: "
          + ", ".join(f"{s} {n}/{report['stratum_size'][s]}" for s, n in report["labelled_per_stratum"].items())
          + f"); corpus {report['corpus_size']} ads; rolenorm {report['rolenorm']}")
    print(f"{'measure':<54} {'P':>6} {'R':>6} {'F1':>6} | {'P(w)':>6} {'R(w)':>6} {'F1(w)':>6}"
          f" | gold pred both | 95% P(w)        95% R(w)")
    for name, m in report["measures"].items():
        u, w = m["unweighted"], m["weighted"]
        ci = m.get("weighted_95")
        ci_text = ""
        if ci:
            ci_text = " | " + "  ".join(f"[{fmt(i[0])}, {fmt(i[1])}]" if i else "      -        "
                                        for i in (ci["precision"], ci["recall"]))
        print(f"{name:<54} {fmt(u['precision'])} {fmt(u['recall'])} {fmt(u['f1'])} | {fmt(w['precision'])} "
              f"{fmt(w['recall'])} {fmt(w['f1'])} | {u['labelled']:>4} {u['predicted']:>4} {u['both']:>4}{ci_text}")
    print()
    for name, a in report["accuracy"].items():
        print(f"accuracy of {name}: {fmt(a['unweighted'])} unweighted, {fmt(a['weighted'])} corpus-weighted")
    print("\nfamily confusion (gold -> predicted, labelled ads):")
    for (g, p), n in sorted(report["family_confusion"].items()):
        print(f"  {g:>12} -> {p:<12} {n}")
    print("\nsocial-media family errors (id, stratum, gold, predicted, weight):")
    for e in report["family_errors"]:
        print(f"  {e['id']:<60} {e['stratum']:<12} {e['gold']:<22} {e['predicted']:<24} {e['weight']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rolenorm", default=str(REPO / "target/release/rolenorm"))
    ap.add_argument("--corpus", default="/work/shared/corpus/ads.jsonl.gz")
    ap.add_argument("--labels", default=str(REPO / "eval/market/labels.jsonl"))
    ap.add_argument("--sample", default=str(REPO / "eval/market/sample.jsonl"))
    ap.add_argument("--norm", default=str(REPO / "norm"))
    ap.add_argument("--json", action="store_true", help="print the measures as JSON")
    ap.add_argument("--keep", help="keep the gold, input and analyses JSONL in this folder (outside the repo)")
    ap.add_argument("--clear-only", action="store_true", help="score only the ads labelled clear")
    args = ap.parse_args()

    families = read_families(args.norm)
    labels, size, labelled = load_labels(args, families)
    corpus = read_corpus(args.corpus, {label["id"] for label in labels})
    with tempfile.TemporaryDirectory(prefix="market-eval-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        ads_path, _ = write_inputs(labels, corpus, folder)
        analyses, summary = run_batch(args.rolenorm, ads_path, folder, args.norm)
    rows, measures, accuracy, errors, confusion = evaluate(labels, analyses, families, size)
    version = subprocess.run([args.rolenorm, "--version"], capture_output=True, text=True, check=False)
    report = {"labelled": len(rows), "labelled_per_stratum": dict(sorted(labelled.items())),
              "stratum_size": size, "corpus_size": sum(size.values()),
              "rolenorm": version.stdout.strip() or args.rolenorm, "batch": summary,
              "clear_only": args.clear_only, "measures": measures, "accuracy": accuracy,
              "family_confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())},
              "family_errors": errors}
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        print()
    else:
        report["family_confusion"] = confusion
        print_report(report)


if __name__ == "__main__":
    main()
