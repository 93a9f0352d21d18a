"""Type stubs of the rolenorm extension module (the Rust core)."""

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any, Literal

import pyarrow

__version__: str
SCHEMA_VERSION: int
AD_RECORD_FIELDS: list[str]

class InputError(ValueError):
    """An ad, a record, a column or a norm that cannot be used; the message names it."""

class Norm:
    """A norm pack: roles, tasks and their scope matrix, with the TOML files it came from."""

    @staticmethod
    def builtin() -> Norm:
        """The built-in norm."""
    @staticmethod
    def from_folder(path: str | PathLike[str]) -> Norm:
        """The norm pack in a folder of TOML files; raises InputError listing every problem."""
    @staticmethod
    def from_files(files: Mapping[str, str]) -> Norm:
        """A norm pack from ``{file name: contents}`` (what ``files()`` returns)."""
    @property
    def id(self) -> str:
        """The norm's id."""
    @property
    def version(self) -> str:
        """The norm's version; every analysis carries it."""
    @property
    def roles(self) -> list[dict[str, Any]]:
        """The roles in the norm's order (id, family, name, definition, core, optional, anchors, titles)."""
    @property
    def tasks(self) -> list[dict[str, Any]]:
        """The tasks in the norm's order (id, domain, owner, name, definition, esco, phrases)."""
    def scope(self, role: str, task: str) -> Literal["core", "optional", "excluded"]:
        """How ``task`` stands to ``role``; InputError for an unknown id."""
    def scope_matrix(self) -> dict[str, dict[str, Literal["core", "optional", "excluded"]]]:
        """``{role: {task: scope}}`` for every role and task."""
    def files(self) -> dict[str, str]:
        """The pack's TOML files, ``{name: contents}``."""
    def to_json(self) -> str:
        """The whole norm as JSON."""

class Analyzer:
    """The norm compiled once; thread-safe, reusable for any number of ads."""

    def __init__(self, norm: Norm | str | PathLike[str] | None = None) -> None:
        """Compiles ``norm``: None for the built-in norm, a Norm, or a norm pack folder."""
    @property
    def norm(self) -> Norm:
        """The norm this analyzer applies."""
    def analyze(
        self,
        text: str | None = None,
        html: str | None = None,
        job_posting: Mapping[str, Any] | str | None = None,
        title: str | None = None,
        lang: str | None = None,
        id: str | int | None = None,
        source: str | None = None,
        date: str | None = None,
        company: str | None = None,
    ) -> dict[str, Any]:
        """One ad -> its analysis (the wire format of ``rolenorm analyze --json``)."""
    def analyze_many(
        self,
        records: Iterable[Mapping[str, Any]],
        threads: int | None = None,
        errors: Literal["raise", "return"] = "raise",
    ) -> list[dict[str, Any]]:
        """Ad records (dicts with id, title, text, html, job_posting, lang, source, date, company) ->
        analyses in input order, on ``threads`` workers (None: all cores), GIL released."""
    def analyze_arrow(
        self,
        data: Any,
        text: str | None = None,
        title: str | None = None,
        html: str | None = None,
        id: str | None = None,
        lang: str | None = None,
        source: str | None = None,
        date: str | None = None,
        threads: int | None = None,
    ) -> pyarrow.RecordBatch:
        """An Arrow table, batch or stream -> one flat result row per input row (see
        ``rolenorm.RESULT_COLUMNS``); a row that cannot be analysed has ``error`` set."""
