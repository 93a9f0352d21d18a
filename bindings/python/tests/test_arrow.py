"""Arrow in and out, and pandas: typed columns, round trips, the CLI's roles, bad columns."""

from __future__ import annotations

import pyarrow as pa
import pytest

import rolenorm
import rolenorm.pandas
from conftest import run_batch

ANALYZER = rolenorm.Analyzer()
FIELDS = ("id", "title", "text", "html", "lang")


def table_of(records: list[dict]) -> pa.Table:
    """The records' ad fields as an Arrow table of strings."""
    return pa.table({f: pa.array([r.get(f) for r in records], pa.string()) for f in FIELDS})


def flat(analysis: dict) -> dict:
    """The flat columns of one analysis, as analyze_arrow gives them."""
    return {
        "id": analysis["id"],
        "language": analysis["language"],
        "role": analysis["role"],
        "confidence": analysis["confidence"],
        "title_role": analysis["title_role"],
        "title_fits": analysis["title_fits"],
        "level": analysis["level"],
        "jack_of_all_trades": analysis["jack_of_all_trades"],
        "platform_focus": analysis["platform_focus"],
        "tasks": [t["id"] for t in analysis["tasks"]],
        "norm_version": analysis["norm"]["version"],
        "error": None,
    }


def test_schema_is_flat_and_typed(example_records):
    batch = ANALYZER.analyze_arrow(table_of(example_records))
    assert isinstance(batch, pa.RecordBatch)
    assert tuple(batch.schema.names) == rolenorm.RESULT_COLUMNS
    types = {f.name: f.type for f in batch.schema}
    assert types["confidence"] == pa.float64()
    assert types["title_fits"] == pa.bool_() and types["jack_of_all_trades"] == pa.bool_()
    assert types["tasks"] == pa.list_(pa.string())
    assert batch.num_rows == len(example_records)


def test_corpus_rows_equal_the_cli(corpus_records, tmp_path):
    expected = [flat(a) for a in run_batch(corpus_records, tmp_path)]
    table = table_of(corpus_records)
    got = ANALYZER.analyze_arrow(table, threads=2).to_pylist()
    assert len(got) == len(expected)
    differing = [(g["id"], g["role"], e["role"]) for g, e in zip(got, expected) if g != e]
    assert not differing, f"{len(differing)} rows differ from the CLI's, e.g. {differing[:5]}"
    # A table of several batches gives the same rows as one batch, in order.
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=97))
    assert ANALYZER.analyze_arrow(chunked).to_pylist() == got


def test_round_trip_batch_stream_and_renamed_columns(example_records):
    table = table_of(example_records)
    want = ANALYZER.analyze_arrow(table).to_pylist()
    batch = table.combine_chunks().to_batches()[0]
    assert ANALYZER.analyze_arrow(batch).to_pylist() == want
    assert ANALYZER.analyze_arrow(pa.RecordBatchReader.from_batches(table.schema, [batch])).to_pylist() == want
    renamed = table.rename_columns(["ad_id", "headline", "body", "page", "language"])
    got = ANALYZER.analyze_arrow(renamed, id="ad_id", title="headline", text="body", html="page", lang="language")
    assert got.to_pylist() == want
    # The result goes back through Arrow IPC unchanged.
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, got.schema) as writer:
        writer.write_batch(got)
    assert pa.ipc.open_stream(sink.getvalue()).read_all().to_pylist() == want


def test_large_and_view_strings_and_integer_ids():
    text = "Als Community Manager moderierst du unsere Kanäle und beantwortest Kommentare."
    want = ANALYZER.analyze(text=text, id=7)
    for kind in (pa.large_string(), pa.string_view()):
        table = pa.table({"id": pa.array([7], pa.int64()), "text": pa.array([text], kind)})
        row = ANALYZER.analyze_arrow(table).to_pylist()[0]
        assert row == flat(want)


def test_bad_rows_get_an_error_and_the_rest_goes_on():
    table = pa.table({"id": ["a", "b", "c"], "text": ["Community Manager gesucht", None, "x"], "lang": ["de", "de", "xx"]})
    rows = ANALYZER.analyze_arrow(table).to_pylist()
    assert rows[0]["error"] is None and rows[0]["role"]
    assert rows[1]["id"] == "b" and rows[1]["role"] is None and rows[1]["error"].startswith("row 2:")
    assert rows[2]["error"] and "xx" in rows[2]["error"]
    assert all(r["norm_version"] == ANALYZER.norm.version for r in rows)


@pytest.mark.parametrize(
    ("data", "kwargs", "message"),
    [
        (pa.table({"body": ["x"]}), {}, "no text or html column (columns: body)"),
        (pa.table({"text": ["x"]}), {"title": "headline"}, 'title="headline": the data has no column "headline"'),
        (pa.table({"text": [1]}), {}, 'text="text": the column is of type Int64; expected strings'),
        ([{"text": "x"}], {}, "data must be a pyarrow.Table or RecordBatch"),
    ],
)
def test_bad_columns_raise(data, kwargs, message):
    with pytest.raises(rolenorm.InputError, match=None) as error:
        ANALYZER.analyze_arrow(data, **kwargs)
    assert message in str(error.value)


def test_pandas_keeps_the_index_and_equals_arrow(corpus_records):
    import pandas as pd

    records = corpus_records[:500]
    df = pd.DataFrame(records, index=[f"row{i}" for i in range(len(records))])
    out = rolenorm.pandas.analyze(df, text="text", title="title", id="id")
    assert list(out.index) == list(df.index)
    want = ANALYZER.analyze_arrow(table_of(records)).to_pylist()
    assert out["role"].tolist() == [w["role"] for w in want]
    assert out["tasks"].tolist() == [w["tasks"] for w in want]
    with pytest.raises(rolenorm.InputError, match="no column for title='headline'"):
        rolenorm.pandas.analyze(df, title="headline")
