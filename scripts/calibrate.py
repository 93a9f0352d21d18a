#!/usr/bin/env python3
"""Fits the confidence temperature of the analysis (issue 11, item 4) on the tuning folds.

The confidence of a verdict is the softmax share of the chosen role's score,
softmax(score / T). This script tries temperatures T on a grid, runs
`rolenorm eval --folds K --json` on the labelled sets with each, and picks the T whose
expected calibration error (ECE, 10 equal-width bins) is lowest on the tuning folds, pooled
over the sets (each fold weighted by its ads). The held-out fold is reported beside it, never
used for the choice. With --write the chosen T goes into the norm's scoring.toml
(`confidence_temperature`), with the command that produced it.

    python3 scripts/calibrate.py --rolenorm target/release/rolenorm            # print the table
    python3 scripts/calibrate.py --rolenorm target/release/rolenorm --write    # and write T
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GRID = [0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0]
KEY = "confidence_temperature"


def fail(message):
    print(f"calibrate.py: {message}", file=sys.stderr)
    sys.exit(2)


def with_temperature(norm, folder, temperature):
    """A copy of the norm pack `norm` in `folder` with `temperature` in its scoring.toml."""
    shutil.copytree(norm, folder, dirs_exist_ok=True)
    scoring = folder / "scoring.toml"
    text = scoring.read_text(encoding="utf-8")
    line = f"{KEY} = {temperature}"
    if re.search(rf"^{KEY} = .*$", text, flags=re.M):
        text = re.sub(rf"^{KEY} = .*$", line, text, flags=re.M)
    else:
        text += f"\n{line}\n"
    scoring.write_text(text, encoding="utf-8")


def evaluate(args, norm):
    """`rolenorm eval --folds` of every set with the pack `norm`: {set: fold report}."""
    command = [args.rolenorm, "eval", *args.sets, "--folds", str(args.folds), "--json", "--norm", str(norm)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        fail(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return json.loads(done.stdout)


def pooled_ece(reports, held_out, tuning):
    """ECE pooled over the tuning folds (tuning=True) or the held-out fold, weighted by ads."""
    total, weighted = 0, 0.0
    for report in reports.values():
        for number, fold in enumerate(report["per_fold"], start=1):
            if (number != held_out) == tuning:
                ads = fold["calibration"]["ads"]
                total += ads
                weighted += fold["calibration"]["ece"] * ads
    return weighted / total if total else float("nan")


def write_choice(norm, temperature, command):
    scoring = Path(norm) / "scoring.toml"
    text = scoring.read_text(encoding="utf-8")
    block = (f"# Fitted by `{command}` (lowest ECE on the tuning folds).\n{KEY} = {temperature}")
    pattern = rf"(# Fitted by `[^`]*` \(lowest ECE on the tuning folds\)\.\n)?^{KEY} = .*$"
    if re.search(pattern, text, flags=re.M):
        text = re.sub(pattern, block, text, count=1, flags=re.M)
    else:
        text += f"\n{block}\n"
    scoring.write_text(text, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rolenorm", default=str(REPO / "target/release/rolenorm"))
    ap.add_argument("--norm", default=str(REPO / "norm"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write the chosen temperature to scoring.toml")
    ap.add_argument("sets", nargs="*", default=[str(REPO.parent / "shared/eval/dev-real.jsonl"),
                                                  str(REPO.parent / "shared/eval/dev-written.jsonl")])
    args = ap.parse_args()
    if not Path(args.rolenorm).is_file():
        fail(f"no rolenorm binary at {args.rolenorm} (build it: cargo build --release -p rolenorm-cli)")
    for path in args.sets:
        if not Path(path).is_file():
            fail(f"no labelled set at {path}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for temperature in GRID:
            pack = Path(tmp) / f"t{temperature}"
            with_temperature(args.norm, pack, temperature)
            reports = evaluate(args, pack)
            held_out = next(iter(reports.values()))["held_out"]
            rows.append((temperature, pooled_ece(reports, held_out, True), pooled_ece(reports, held_out, False)))
    print(f"{'T':>5}  {'ECE tune':>9}  {'ECE held-out':>12}")
    for temperature, tune, held in rows:
        print(f"{temperature:>5}  {tune:>9.3f}  {held:>12.3f}")
    best = min(rows, key=lambda row: (row[1], row[0]))
    print(f"chosen T = {best[0]} (ECE tune {best[1]:.3f}, held-out {best[2]:.3f})")
    if args.write:
        write_choice(args.norm, best[0], "python3 scripts/calibrate.py --write")
        print(f"written to {Path(args.norm) / 'scoring.toml'}")


if __name__ == "__main__":
    main()
