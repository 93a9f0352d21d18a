"""rolenorm: which normed social-media role a job ad really describes.

The analyzer is the Rust core of rolenorm (one Aho-Corasick automaton compiled from the norm),
called in process:

>>> import rolenorm
>>> analyzer = rolenorm.Analyzer()
>>> result = analyzer.analyze(title="Community Manager (m/w/d)",
...                           text="Du moderierst Kommentare und beantwortest Nachrichten.")
>>> result["title_role"], result["norm"]["version"] == analyzer.norm.version
('community-manager', True)

- ``Analyzer.analyze`` (one ad -> dict), ``Analyzer.analyze_many`` (dicts -> dicts, on all
  cores with the GIL released), ``Analyzer.analyze_arrow`` (Arrow table -> flat
  ``pyarrow.RecordBatch``);
- ``Norm``: the roles, tasks and scope matrix;
- ``rolenorm.pandas.analyze`` and ``rolenorm.spark.analyze`` for DataFrames;
- ``InputError`` (a ``ValueError``) names the input and the problem.
"""

from rolenorm._rolenorm import (
    AD_RECORD_FIELDS,
    SCHEMA_VERSION,
    Analyzer,
    InputError,
    Norm,
    __version__,
)

#: The columns of ``Analyzer.analyze_arrow``'s result, in order.
RESULT_COLUMNS = (
    "id",
    "language",
    "role",
    "confidence",
    "title_role",
    "title_fits",
    "level",
    "jack_of_all_trades",
    "platform_focus",
    "tasks",
    "norm_version",
    "error",
)

__all__ = [
    "AD_RECORD_FIELDS",
    "RESULT_COLUMNS",
    "SCHEMA_VERSION",
    "Analyzer",
    "InputError",
    "Norm",
    "__version__",
]
