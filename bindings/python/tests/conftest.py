"""Shared fixtures: the rolenorm CLI (what the bindings must agree with) and the ads."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO.parent / "shared" / "corpus" / "ads.jsonl.gz"
#: Corpus ads used by the comparison tests (every n-th line, so all sources are in).
SAMPLE_ADS = int(os.environ.get("ROLENORM_PY_SAMPLE", "3000"))


def cli() -> Path:
    """The rolenorm binary (``ROLENORM_CLI``, else the workspace's release or debug build)."""
    if "ROLENORM_CLI" in os.environ:
        return Path(os.environ["ROLENORM_CLI"])
    for profile in ("release", "debug"):
        path = REPO / "target" / profile / "rolenorm"
        if path.exists():
            return path
    pytest.skip("no rolenorm binary: build it with `cargo build -p rolenorm-cli` or set ROLENORM_CLI")


def run_batch(records: list[dict], tmp: Path) -> list[dict]:
    """The analyses ``rolenorm batch`` writes for ``records`` (JSONL in, JSONL out)."""
    source, output = tmp / "ads.jsonl", tmp / "analyses.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run([str(cli()), "batch", str(source), "-o", str(output)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def corpus_records() -> list[dict]:
    """A few thousand corpus ads, spread over the whole file."""
    if not CORPUS.exists():
        print(f"skipping: the shared corpus {CORPUS} is absent")
        pytest.skip(f"the shared corpus {CORPUS} is absent")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    step = max(1, len(records) // SAMPLE_ADS)
    return records[::step][:SAMPLE_ADS]


@pytest.fixture(scope="session")
def example_records() -> list[dict]:
    """The bundled example ads, as records."""
    records = []
    for path in sorted((REPO / "examples" / "ads").iterdir()):
        field = "html" if path.suffix == ".html" else "text"
        records.append({"id": path.stem, field: path.read_text(encoding="utf-8")})
    return records
