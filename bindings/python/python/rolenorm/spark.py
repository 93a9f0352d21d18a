"""rolenorm for Apache Spark: ``rolenorm.spark.analyze(df, text="text", title="title")``.

The job runs as ``DataFrame.mapInArrow``: each Python worker process compiles the analyzer once
from the norm's TOML files (shipped with the task as text, a few hundred kB; the compiled
automaton is never pickled) and keeps it in a module-level cache keyed by the files' digest;
each Arrow batch is analysed in Rust, single-threaded by default (Spark already runs one task
per core).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from rolenorm._rolenorm import Analyzer, InputError, Norm

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

#: The Spark schema of the result (``rolenorm.RESULT_COLUMNS``).
RESULT_SCHEMA = (
    "id string, language string, role string, confidence double, title_role string, "
    "title_fits boolean, level string, jack_of_all_trades boolean, platform_focus string, "
    "tasks array<string>, norm_version string, error string"
)

#: Analyzers of this worker process, by norm digest.
_ANALYZERS: dict[str, Analyzer] = {}


def _digest(files: Mapping[str, str]) -> str:
    """A digest of the norm's files (the cache key)."""
    sha = hashlib.sha256()
    for name in sorted(files):
        sha.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return sha.hexdigest()


def worker_analyzer(files: Mapping[str, str], digest: str) -> Analyzer:
    """This process's analyzer for the norm ``files`` (compiled on first use)."""
    analyzer = _ANALYZERS.get(digest)
    if analyzer is None:
        analyzer = Analyzer(Norm.from_files(dict(files)))
        _ANALYZERS[digest] = analyzer
    return analyzer


def _norm_files(norm: Norm | str | None) -> dict[str, str]:
    """The TOML files of ``norm`` (None: the built-in norm; a Norm; a folder path)."""
    if norm is None:
        return Norm.builtin().files()
    if isinstance(norm, Norm):
        return norm.files()
    return Norm.from_folder(norm).files()


def analyze(
    df: DataFrame,
    text: str | None = "text",
    title: str | None = "title",
    html: str | None = None,
    id: str | None = "id",
    lang: str | None = None,
    source: str | None = None,
    date: str | None = None,
    norm: Norm | str | None = None,
    threads: int | None = 1,
) -> DataFrame:
    """Analyses every row of the Spark DataFrame ``df`` and returns a DataFrame with
    ``RESULT_SCHEMA`` (lazily, like any Spark transformation). The arguments name ``df``'s
    columns; the defaults ``text``, ``title`` and ``id`` are skipped when ``df`` has no such
    column, a column named explicitly must exist. ``threads`` is per task (None: all cores)."""
    given = {"id": id, "title": title, "text": text, "html": html, "lang": lang, "source": source, "date": date}
    for field in ("text", "title", "id"):
        if given[field] == field and field not in df.columns:
            given[field] = None
    named = {field: column for field, column in given.items() if column is not None}
    missing = [f"{field}={column!r}" for field, column in named.items() if column not in df.columns]
    if missing:
        raise InputError(f"the DataFrame has no column for {', '.join(missing)} (columns: {', '.join(df.columns)})")
    if "text" not in named and "html" not in named:
        raise InputError(f"the DataFrame has no text or html column (columns: {', '.join(df.columns)}); name one with text=...")
    files = _norm_files(norm)
    Norm.from_files(files)  # fail on the driver, not in every task
    digest = _digest(files)
    columns = list(dict.fromkeys(named.values()))

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        analyzer = worker_analyzer(files, digest)
        for batch in batches:
            yield analyzer.analyze_arrow(batch, threads=threads, **named)

    return df.select(*columns).mapInArrow(run, RESULT_SCHEMA)
