"""rolenorm on Apache Spark (here local[2]; the same code runs on a cluster).

    python examples/python/spark_example.py [ADS.jsonl[.gz]] [OUTPUT.parquet]

Each Python worker compiles the analyzer once from the norm's TOML files; every Arrow batch is
analysed in Rust. Set PYSPARK_PYTHON to an interpreter that has rolenorm installed.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

from pyspark.sql import SparkSession, functions as F  # noqa: E402

import rolenorm.spark  # noqa: E402

default = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "ads.jsonl.gz"
source = sys.argv[1] if len(sys.argv) > 1 else str(default)
spark = SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]")).appName("rolenorm").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")

if Path(source).exists():
    ads = spark.read.json(source)
else:
    print(f"{source} is absent; analysing two inline ads")
    ads = spark.createDataFrame(
        [("s1", "Social Media Manager (m/w/d)", "Du planst Content für Instagram und TikTok und wertest KPIs aus."),
         ("s2", "Community Manager", "You moderate our community, answer comments and run our Discord.")],
        "id string, title string, text string",
    )

analyses = rolenorm.spark.analyze(ads, text="text", title="title", id="id")
analyses.groupBy("role").agg(F.count("*").alias("ads"), F.avg(F.col("title_fits").cast("int")).alias("title_fits")) \
    .orderBy(F.desc("ads")).show(20, truncate=False)
if len(sys.argv) > 2:
    analyses.write.mode("overwrite").parquet(sys.argv[2])
    print("written", sys.argv[2])
spark.stop()
