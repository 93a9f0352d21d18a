"""rolenorm for pandas: ``rolenorm.pandas.analyze(df, text="text", title="title")``.

The DataFrame's columns go to the Rust core as Arrow (no Python object per ad); the result is
a DataFrame with ``rolenorm.RESULT_COLUMNS`` and the input's index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rolenorm._rolenorm import Analyzer, InputError, Norm

if TYPE_CHECKING:
    import pandas as pd

_FIELDS = ("id", "title", "text", "html", "lang", "source", "date")
_DEFAULT: Analyzer | None = None


def _analyzer(norm: Norm | str | None) -> Analyzer:
    """The built-in norm's analyzer (built once per process), or one for ``norm``."""
    global _DEFAULT
    if norm is not None:
        return Analyzer(norm)
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


def analyze(
    df: pd.DataFrame,
    text: str | None = "text",
    title: str | None = "title",
    html: str | None = None,
    id: str | None = None,
    lang: str | None = None,
    source: str | None = None,
    date: str | None = None,
    norm: Norm | str | None = None,
    analyzer: Analyzer | None = None,
    threads: int | None = None,
) -> pd.DataFrame:
    """Analyses every row of ``df``; the arguments name its columns (the default ``text`` and
    ``title`` are skipped when ``df`` has no such column; a column named explicitly must exist). Returns a DataFrame with
    ``rolenorm.RESULT_COLUMNS`` (``tasks`` as lists) and ``df``'s index."""
    import pyarrow as pa

    given = {"id": id, "title": title, "text": text, "html": html, "lang": lang, "source": source, "date": date}
    for field in ("text", "title"):
        if given[field] == field and field not in df.columns:
            given[field] = None  # a default name the DataFrame does not have
    named = {field: column for field, column in given.items() if column is not None}
    missing = [f"{field}={column!r}" for field, column in named.items() if column not in df.columns]
    if missing:
        raise InputError(f"the DataFrame has no column for {', '.join(missing)} (columns: {', '.join(map(str, df.columns))})")
    order = list(dict.fromkeys(named.values()))
    table = pa.Table.from_pandas(df[order], preserve_index=False)
    use = analyzer if analyzer is not None else _analyzer(norm)
    batch = use.analyze_arrow(table, threads=threads, **named)
    out = batch.to_pandas()
    out["tasks"] = out["tasks"].map(lambda tasks: [] if tasks is None else list(tasks))
    out.index = df.index
    return out
