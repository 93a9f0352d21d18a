#!/usr/bin/env python3
"""Throughput of the Python bindings beside `rolenorm batch`, on the same ads.

    python scripts/bench-python.py [--ads PATH.jsonl[.gz]] [--repeat N] [--cli target/release/rolenorm]

Needs the `rolenorm` wheel, pyarrow and (for the Spark rows) pyspark in the running
interpreter, and a release build of the CLI. Reads the shared corpus by default, replicated
`--repeat` times (ids suffixed), and prints a Markdown table: wall seconds, ads/s and MB/s,
where MB are the ads' JSONL bytes (what `rolenorm batch` reads) for every row. Each figure is
the best of `--runs` runs. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load(path: Path, repeat: int) -> list[dict]:
    """The ads, replicated `repeat` times with distinct ids."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        base = [json.loads(line) for line in lines]
    return [{**r, "id": f"{r.get('id')}#{k}"} for k in range(repeat) for r in base]


def best(runs: int, work) -> float:
    """The shortest wall time of `runs` calls of `work`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def spark_rows(records: list[dict], jsonl: Path, runs: int) -> list[tuple[str, float]]:
    """Spark local[2]: an identity mapInArrow (Spark's own cost) and rolenorm.spark.analyze,
    over a cached DataFrame, written to the no-op sink."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    import rolenorm.spark

    spark = (
        SparkSession.builder.master("local[2]").appName("rolenorm-bench")
        .config("spark.ui.enabled", "false").config("spark.driver.memory", "2g").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.json(str(jsonl)).select("id", "title", "text", "lang").repartition(8).cache()
    df.count()
    identity = df.mapInArrow(lambda batches: batches, df.schema)
    analyzed = rolenorm.spark.analyze(df, text="text", title="title", id="id", lang="lang")
    analyzed.write.format("noop").mode("overwrite").save()  # warm the workers' analyzers
    rows = [
        ("Spark local[2], identity mapInArrow (no analysis)",
         best(runs, lambda: identity.write.format("noop").mode("overwrite").save())),
        ("Spark local[2], `rolenorm.spark.analyze`",
         best(runs, lambda: analyzed.write.format("noop").mode("overwrite").save())),
    ]
    spark.stop()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ads", type=Path, default=REPO.parent / "shared" / "corpus" / "ads.jsonl.gz")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "rolenorm")
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()

    import pyarrow as pa

    import rolenorm

    records = load(args.ads, args.repeat)
    tmp = Path(tempfile.mkdtemp())
    jsonl = tmp / "ads.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    megabytes = jsonl.stat().st_size / 1e6
    fields = ("id", "title", "text", "html", "lang")
    table = pa.table({f: pa.array([r.get(f) for r in records], pa.string()) for f in fields})
    analyzer = rolenorm.Analyzer()

    def cli(threads: int) -> None:
        out = tmp / "out.jsonl"
        subprocess.run([str(args.cli), "batch", str(jsonl), "-o", str(out), "--threads", str(threads)],
                       check=False, capture_output=True)

    rows = []
    for threads in (1, 2):
        rows.append((f"`rolenorm batch --threads {threads}` (JSONL in, JSONL out)", best(args.runs, lambda: cli(threads))))
        rows.append((f"`analyze_many(threads={threads})` (dicts in, dicts out)",
                     best(args.runs, lambda: analyzer.analyze_many(records, threads=threads, errors="return"))))
        rows.append((f"`analyze_arrow(threads={threads})` (Arrow table in, RecordBatch out)",
                     best(args.runs, lambda: analyzer.analyze_arrow(table, threads=threads))))
    if not args.no_spark:
        rows.extend(spark_rows(records, jsonl, args.runs))

    print(f"{len(records):,} ads, {megabytes:.1f} MB of JSONL; best of {args.runs} runs; "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| path | s | ads/s | MB/s |\n|---|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {len(records) / seconds:,.0f} | {megabytes / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
