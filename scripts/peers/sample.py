"""Writes a fixed sample of ads from a JSONL corpus: `sample.py CORPUS.jsonl[.gz] N OUT.jsonl`.

The sample is reproducible (seed 20261127) and keeps each line as it is, so `rolenorm batch` and the peers read
exactly the same ads.
"""
import gzip
import random
import sys


def main() -> None:
    corpus, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    rng = random.Random(20261127)
    picked = sorted(rng.sample(range(len(lines)), min(n, len(lines))))
    with open(out, "w", encoding="utf-8") as f:
        for i in picked:
            f.write(lines[i] if lines[i].endswith("\n") else lines[i] + "\n")
    print(f"sample: {len(picked)} of {len(lines)} ads from {corpus} -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
