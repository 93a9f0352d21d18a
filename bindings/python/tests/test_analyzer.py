"""The plain Python API: one ad, many ads, the norm, errors; results equal the CLI's."""

from __future__ import annotations

import pytest

import rolenorm
from conftest import REPO, run_batch

ANALYZER = rolenorm.Analyzer()


def test_version_and_norm_version_on_every_result():
    assert rolenorm.__version__ == "0.1.0"
    result = ANALYZER.analyze(text="Du moderierst Kommentare und beantwortest Nachrichten.", title="Community Manager")
    assert result["title_role"] == "community-manager"
    assert result["norm"] == {"id": ANALYZER.norm.id, "version": ANALYZER.norm.version}
    assert result["schema_version"] == rolenorm.SCHEMA_VERSION


def test_examples_equal_the_cli(example_records, tmp_path):
    expected = run_batch(example_records, tmp_path)
    assert ANALYZER.analyze_many(example_records) == expected
    for record, want in zip(example_records, expected):
        assert ANALYZER.analyze(**record) == want


def test_corpus_ads_equal_the_cli(corpus_records, tmp_path):
    expected = run_batch(corpus_records, tmp_path)
    got = ANALYZER.analyze_many(corpus_records, threads=2, errors="return")
    assert len(got) == len(expected) == len(corpus_records)
    differing = [(g.get("id"), g.get("role"), e.get("role")) for g, e in zip(got, expected) if g != e]
    assert not differing, f"{len(differing)} analyses differ from the CLI's, e.g. {differing[:5]}"


def test_threads_do_not_change_results(corpus_records):
    sample = corpus_records[:300]
    assert ANALYZER.analyze_many(sample, threads=1, errors="return") == ANALYZER.analyze_many(sample, errors="return")


def test_job_posting_as_dict_or_json_text():
    posting = {"@type": "JobPosting", "title": "Social Media Manager", "description": "Du planst Content für Instagram."}
    as_dict = ANALYZER.analyze(job_posting=posting)
    import json

    assert as_dict == ANALYZER.analyze(job_posting=json.dumps(posting))
    assert as_dict["format"] == "json-ld"


def test_norm_is_readable():
    norm = rolenorm.Norm.builtin()
    roles = [r["id"] for r in norm.roles]
    assert "social-media-manager" in roles and "other" in roles
    task = norm.tasks[0]["id"]
    assert norm.scope("social-media-manager", task) in ("core", "optional", "excluded")
    matrix = norm.scope_matrix()
    assert set(matrix) == set(roles)
    assert matrix["social-media-manager"][task] == norm.scope("social-media-manager", task)
    assert "roles.toml" in norm.files()
    assert rolenorm.Norm.from_files(norm.files()).version == norm.version


def test_norm_folder_equals_builtin():
    folder = rolenorm.Analyzer(str(REPO / "norm"))
    ad = {"text": "Wir suchen eine:n Social Media Manager:in. Du planst Inhalte für Instagram und TikTok."}
    assert folder.analyze(**ad) == ANALYZER.analyze(**ad)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ANALYZER.analyze(), "the ad"),
        (lambda: ANALYZER.analyze(text=42), 'field "text" must be a str'),
        (lambda: ANALYZER.analyze(text="x", lang="klingon"), 'field "lang"'),
        (lambda: ANALYZER.analyze(job_posting="{not json"), 'field "job_posting" is not valid JSON'),
        (lambda: ANALYZER.analyze_many([{"text": "ok"}, {"id": "b7"}]), 'records[1] (id "b7")'),
        (lambda: ANALYZER.analyze_many([{"text": "ok"}, "just text"]), "records[1] must be a dict"),
        (lambda: ANALYZER.analyze_many([{"text": "x"}], errors="ignore"), "errors must be"),
        (lambda: ANALYZER.analyze_many([{"text": "x"}], threads=0), "threads must be at least 1"),
        (lambda: rolenorm.Analyzer("/no/such/norm"), "/no/such/norm does not exist"),
        (lambda: rolenorm.Analyzer(3.5), "norm must be None"),
        (lambda: rolenorm.Norm.builtin().scope("nobody", "STR-01"), 'unknown role "nobody"'),
        (lambda: rolenorm.Norm.from_files({"norm.toml": "id = "}), "cannot use the given norm files"),
    ],
)
def test_bad_input_raises_input_error_naming_it(call, message):
    with pytest.raises(rolenorm.InputError) as error:
        call()
    assert isinstance(error.value, ValueError)
    assert message in str(error.value)


def test_errors_in_place():
    got = ANALYZER.analyze_many([{"id": 1, "text": "Community Manager gesucht"}, {"id": 2}], errors="return")
    assert got[0]["id"] == "1" and "role" in got[0]
    assert got[1]["id"] == "2" and got[1]["index"] == 1 and got[1]["error"]
