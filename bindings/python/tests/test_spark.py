"""A PySpark job in local[2] mode over corpus ads gives the CLI's roles."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

import rolenorm
from conftest import run_batch

SPARK_ADS = 3000


@pytest.fixture(scope="module")
def spark():
    pyspark = pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        print("skipping: no java on PATH for Spark")
        pytest.skip("no java on PATH for Spark")
    from pyspark.sql import SparkSession

    # The workers must run this interpreter, the one that has rolenorm installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    session = (
        SparkSession.builder.master("local[2]")
        .appName("rolenorm-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    assert pyspark.__version__
    yield session
    session.stop()


def test_spark_local_gives_the_cli_roles(spark, corpus_records, tmp_path):
    import rolenorm.spark

    records = corpus_records[:SPARK_ADS]
    expected = {a["id"]: (a["role"], a["title_role"], a["norm"]["version"]) for a in run_batch(records, tmp_path)}
    source = tmp_path / "spark-ads.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    df = spark.read.json(str(source)).repartition(4)
    result = rolenorm.spark.analyze(df, text="text", title="title", id="id", lang="lang")
    rows = result.select("id", "role", "title_role", "norm_version", "error").collect()
    assert len(rows) == len(records)
    assert all(r["error"] is None for r in rows), [r["error"] for r in rows if r["error"]][:3]
    got = {r["id"]: (r["role"], r["title_role"], r["norm_version"]) for r in rows}
    differing = [(k, got.get(k), v) for k, v in expected.items() if got.get(k) != v]
    assert not differing, f"{len(differing)} ads differ from the CLI's, e.g. {differing[:5]}"


def test_spark_names_a_missing_column(spark):
    import rolenorm.spark

    df = spark.createDataFrame([("a", "x")], "id string, body string")
    with pytest.raises(rolenorm.InputError, match="no text or html column"):
        rolenorm.spark.analyze(df)
    with pytest.raises(rolenorm.InputError, match="title='headline'"):
        rolenorm.spark.analyze(df, text="body", title="headline")
