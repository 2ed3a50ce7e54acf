"""A report read back is checked: a file that is not a bpkit report is a ValueError that says why."""

from __future__ import annotations

import copy
import json

import pytest

from autograder.report import jsonfile
from autograder.result import PUBLIC_TEST_FIELDS, Report, SubmissionResult, TestResult


@pytest.fixture
def written(tmp_path, class_report) -> dict:
    """A report as `bpkit grade --json` writes it: graded submissions and one that could not be graded (last)."""
    report = Report("ps1", class_report.submissions, {"confined": False, "namespaces": [], "chroot": False,
                                                      "unprivileged": False, "scratch": "a folder"})
    return json.loads(jsonfile.write(report, tmp_path / "r.json").read_text())


def read_back(tmp_path, raw, assignment: str | None = "ps1") -> Report:
    path = tmp_path / "given.json"
    path.write_text(raw if isinstance(raw, str) else json.dumps(raw))
    return jsonfile.read(path, assignment)


def test_the_schema_has_exactly_the_contracts_fields(written):
    """The schema names the fields GRADER.md's report has, no more, no less."""
    assert list(jsonfile.TEST["properties"]) == list(PUBLIC_TEST_FIELDS)
    sub = SubmissionResult("a", "p", [TestResult("sigmoid", 1.0, 1.0, "passed")]).public()
    assert list(jsonfile.SUBMISSION["properties"]) == list(sub)
    assert list(jsonfile.schema()["properties"]) == list(written)


def test_a_written_report_reads_back_as_it_was(tmp_path, written):
    report = read_back(tmp_path, written)
    assert report.public() == written
    assert read_back(tmp_path, {k: v for k, v in written.items() if k != "isolation"}).isolation is None


def changed(raw: dict, where: str, value) -> dict:
    """A copy of the report with one field, at a dotted path such as `submissions.0.tests.1.score`, set."""
    raw = copy.deepcopy(raw)
    *parents, last = where.split(".")
    target = raw
    for part in parents:
        target = target[int(part) if part.isdigit() else part]
    target[int(last) if last.isdigit() else last] = value
    return raw


@pytest.mark.parametrize("where, value, says", [
    ("submissions.0.tests.0.score", "1", "submissions[0].tests[0].score, '1' is not of type 'number'"),
    ("submissions.0.tests.0.score", -1, "less than the minimum"),
    ("submissions.0.tests.0.status", "great", "'great' is not one of"),
    ("submissions.0.tests.0.inherited", [{"function": 3, "mistake": None}], "3 is not of type 'string'"),
    ("submissions.0.student", None, "None is not of type 'string'"),
    ("submissions.4.error", 7, "7 is not of type 'string', 'null'"),
    ("submissions.0.tests.0.extra", 1, "'extra' was unexpected"),
    ("isolation.confined", "yes", "'yes' is not of type 'boolean'"),
    ("assignment", "ps9", "'ps9' is not one of"),
    ("submissions", {}, "{} is not of type 'array'"),
])
def test_a_field_of_the_wrong_form_is_named(tmp_path, written, where, value, says):
    with pytest.raises(ValueError, match="is not a report written by `bpkit grade --json`") as caught:
        read_back(tmp_path, changed(written, where, value))
    assert says in str(caught.value)


def test_what_no_grader_writes_is_refused(tmp_path, written):
    """Tests that are not the assignment's functions, or a score that is not their sum."""
    fewer = copy.deepcopy(written)
    fewer["submissions"][0]["tests"].pop()
    with pytest.raises(ValueError, match="the tests of 'ada' are not ps1's functions in order"):
        read_back(tmp_path, fewer)
    with pytest.raises(ValueError, match="the score or max_score of 'ada' is not the sum"):
        read_back(tmp_path, changed(written, "submissions.0.score", 16.0))


def test_another_assignment_is_refused_when_one_is_asked_for(tmp_path, written):
    with pytest.raises(ValueError, match="is a report of ps1, not of ps2"):
        read_back(tmp_path, written, "ps2")
    assert read_back(tmp_path, written, None).assignment == "ps1"


@pytest.mark.parametrize("raw, says", [("not json", "is not JSON"), ("", "is not JSON"),
                                       ('{"score": NaN}', "NaN is not a number a report holds"),
                                       ("[]", "is not of type 'object'")])
def test_text_that_is_no_report_is_refused(tmp_path, raw, says):
    with pytest.raises(ValueError, match=says):
        read_back(tmp_path, raw)


def test_bytes_that_are_no_text_and_files_too_large_are_refused(tmp_path, written, monkeypatch):
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match="is not JSON"):
        jsonfile.read(tmp_path / "bin.json")
    with pytest.raises(ValueError, match="cannot be read"):
        jsonfile.read(tmp_path / "absent.json")
    monkeypatch.setattr(jsonfile, "MAX_BYTES", 1024 * 1024)
    (tmp_path / "big.json").write_text(json.dumps({**written, "padding": "x" * 2 * 1024 * 1024}))
    with pytest.raises(ValueError, match="is larger than 1 MB"):
        jsonfile.read(tmp_path / "big.json")


ISOLATED = {"confined": True, "namespaces": ["pid"], "chroot": True, "unprivileged": True, "scratch": "a tmpfs"}
PASSED = TestResult("sigmoid", 1.0, 1.0, "passed", None, "é ✓ all right\nsecond line",
                    inherited=[{"function": "loss", "mistake": None}])


@pytest.mark.parametrize("report", [
    Report("ps1"), Report("ps1", [], ISOLATED), Report("ps1", [SubmissionResult("a", "a.ipynb", [])]),
    Report("ps1", [SubmissionResult("a", "a.ipynb", [PASSED, PASSED]), SubmissionResult("b", "b", [], "no notebook")],
           ISOLATED)], ids=["empty", "isolated", "one", "two"])
def test_written_a_submission_at_a_time_as_the_whole_document(tmp_path, report):
    """The file holds exactly the text of the whole report dumped at once, though written in pieces."""
    path = jsonfile.write(report, tmp_path / "r.json")
    assert path.read_text(encoding="utf-8") == json.dumps(report.public(), indent=2, ensure_ascii=False) + "\n"
