#!/usr/bin/env python3
"""Fit the weights of norm/scoring.toml on the tuning folds of the labelled ads.

Cross-validated coordinate search: the labelled sets (shared/eval/dev-real.jsonl and
dev-written.jsonl) are split by `rolenorm eval --folds 5` (stratified by role and language, seed
20261201); the objective is the mean, over both sets, of the tuning folds' role accuracy, macro-F1
(all roles), social-media family F1, jack-of-all-trades F1 and task F1. The held-out fold is never
part of the objective: it is printed beside it, before and after, for the closing note.

One weight at a time is tried at a few values around its current one (x0.5, x0.75, x1.25, x1.5, and
0 for bonuses); a value is taken only if it raises the objective by at least --min-gain (the
regularisation: without a clear gain every weight keeps its value, so noise on ~250 ads does not move
the norm). Sweeps repeat until one changes nothing (at most --sweeps). --write writes the chosen
values into norm/scoring.toml; every line it changes keeps its comments.

    python3 scripts/fit-scoring.py --rolenorm target/debug/rolenorm [--write]
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURES = ["role_accuracy", "macro_f1_all", "social_family_f1", "jack_f1", "task_f1"]
# The weights the search may move; `core_weight` stays 1 (it sets the scale of all others).
PARAMETERS = [
    "optional_weight", "excluded_weight", "coverage_weight", "title_bonus", "title_bonus_decay",
    "title_bonus_min", "other_title_bonus", "other_threshold", "other_work_weight",
    "unknown_duty_weight", "generalist_bonus", "platform_focus_bonus", "task_threshold",
    "intro_weight", "unsectioned_weight", "title_weight", "task_cap", "title_second_role_share",
]
FACTORS = [0.5, 0.75, 1.25, 1.5]


def read_values(scoring: str) -> dict:
    """The current value of every parameter in the text of scoring.toml."""
    values = {}
    for name in PARAMETERS:
        match = re.search(rf"^{name} = ([0-9.]+)\s*$", scoring, re.M)
        if match is None:
            sys.exit(f"fit-scoring: norm/scoring.toml has no line `{name} = <number>`")
        values[name] = float(match.group(1))
    return values


def with_values(scoring: str, values: dict) -> str:
    """scoring.toml's text with `values` written into their lines."""
    for name, value in values.items():
        scoring = re.sub(rf"^{name} = [0-9.]+\s*$", f"{name} = {round(value, 4)}", scoring, flags=re.M)
    return scoring


class Evaluator:
    """Runs `rolenorm eval --folds 5 --json` on a copy of the norm with given values."""

    def __init__(self, binary: str, sets: list, norm: Path):
        self.binary, self.sets, self.norm = binary, sets, norm
        self.scoring = (norm / "scoring.toml").read_text(encoding="utf-8")
        self.folder = Path(tempfile.mkdtemp(prefix="rolenorm-fit-"))
        shutil.copytree(norm, self.folder / "norm")
        self.cache = {}

    def measures(self, values: dict) -> dict:
        key = tuple(sorted(values.items()))
        if key not in self.cache:
            (self.folder / "norm" / "scoring.toml").write_text(with_values(self.scoring, values), encoding="utf-8")
            command = [self.binary, "eval", *self.sets, "--folds", "5", "--json", "--norm", str(self.folder / "norm")]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                sys.exit(f"fit-scoring: {' '.join(command)} failed: {result.stderr.strip()}")
            self.cache[key] = json.loads(result.stdout)
        return self.cache[key]

    def objective(self, values: dict, part: str = "tune_mean") -> float:
        report = self.measures(values)
        scores = [report[s][part][m] for s in report for m in MEASURES]
        return sum(scores) / len(scores)

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def candidates(name: str, value: float) -> list:
    """The values tried for one weight: factors around the current one, and 0 for shares and bonuses."""
    tried = [round(value * f, 4) for f in FACTORS] if value else [0.25, 0.5, 1.0]
    if name.endswith(("_bonus", "_share")) and value:
        tried.append(0.0)
    return tried


def search(evaluator: Evaluator, values: dict, min_gain: float, sweeps: int) -> dict:
    best = evaluator.objective(values)
    print(f"start: tuning objective {best:.4f}")
    for sweep in range(1, sweeps + 1):
        changed = False
        for name in PARAMETERS:
            for value in candidates(name, values[name]):
                trial = dict(values, **{name: value})
                score = evaluator.objective(trial)
                if score >= best + min_gain:
                    print(f"  sweep {sweep}: {name} {values[name]} -> {value}: {best:.4f} -> {score:.4f}")
                    values, best, changed = trial, score, True
        if not changed:
            print(f"sweep {sweep}: no weight gains {min_gain} or more; done")
            break
    return values


def table(evaluator: Evaluator, before: dict, after: dict):
    """Every measure of both sets, tune / held-out, before and after."""
    old, new = evaluator.measures(before), evaluator.measures(after)
    print(f"{'set':14} {'measure':22} {'before tune/held':>18} {'after tune/held':>18}")
    for path in old:
        name = Path(path).stem
        for measure in sorted(old[path]["tune_mean"]):
            o = old[path]["tune_mean"][measure], old[path]["held_out_measures"][measure]
            n = new[path]["tune_mean"][measure], new[path]["held_out_measures"][measure]
            print(f"{name:14} {measure:22} {o[0]:8.3f} / {o[1]:.3f}  {n[0]:8.3f} / {n[1]:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rolenorm", default=str(ROOT / "target/debug/rolenorm"), help="the rolenorm binary")
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared/eval"), help="folder of dev-real/dev-written")
    parser.add_argument("--min-gain", type=float, default=0.002, help="smallest objective gain that moves a weight")
    parser.add_argument("--sweeps", type=int, default=3, help="at most this many passes over the weights")
    parser.add_argument("--write", action="store_true", help="write the chosen values into norm/scoring.toml")
    args = parser.parse_args()
    sets = [str(Path(args.eval_dir) / f"dev-{kind}.jsonl") for kind in ("real", "written")]
    missing = [s for s in sets if not Path(s).is_file()]
    if missing:
        sys.exit(f"fit-scoring: labelled ads not found: {', '.join(missing)}")
    if not Path(args.rolenorm).is_file():
        sys.exit(f"fit-scoring: no rolenorm binary at {args.rolenorm} (cargo build -p rolenorm-cli)")
    norm = ROOT / "norm"
    evaluator = Evaluator(args.rolenorm, sets, norm)
    try:
        before = read_values(evaluator.scoring)
        after = search(evaluator, dict(before), args.min_gain, args.sweeps)
        print(f"tuning objective {evaluator.objective(before):.4f} -> {evaluator.objective(after):.4f}; "
              f"held-out {evaluator.objective(before, 'held_out_measures'):.4f} -> "
              f"{evaluator.objective(after, 'held_out_measures'):.4f}")
        table(evaluator, before, after)
        changed = {k: v for k, v in after.items() if v != before[k]}
        print("changed:", ", ".join(f"{k} {before[k]} -> {v}" for k, v in changed.items()) or "nothing")
        if args.write and changed:
            (norm / "scoring.toml").write_text(with_values(evaluator.scoring, changed), encoding="utf-8")
            print(f"written to {norm / 'scoring.toml'}")
    finally:
        evaluator.close()


if __name__ == "__main__":
    main()
