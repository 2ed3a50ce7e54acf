"""The CSV: one row per submission; nothing a student named can become a spreadsheet formula."""

from __future__ import annotations

import csv

from autograder.report import csvfile
from autograder.result import Report, SubmissionResult, TestResult


def test_formula_like_ids_stay_text(tmp_path):
    """An id or error starting with = + - @ is written with a leading quote; plain ids are as they are."""
    tests = [TestResult("sigmoid", 1.0, 1.0, "passed")]
    report = Report("ps1", [SubmissionResult("=HYPERLINK(1)", "p", tests), SubmissionResult("-rf", "p", tests),
                            SubmissionResult("alice", "p", tests, "@boom")])
    rows = list(csv.reader(open(csvfile.write(report, tmp_path / "g.csv"))))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(1)", "'-rf", "alice"] and rows[3][4] == "'@boom"
    assert rows[1][5:8] == ["1.0", "passed", ""]


def test_a_report_without_submissions_keeps_the_function_columns(tmp_path):
    """A shard with no submission writes the same header as the others: every function's three columns."""
    from autograder.checks import assignment

    (header,) = list(csv.reader(open(csvfile.write(Report("ps1"), tmp_path / "g.csv"))))
    names = [c.name for c in assignment("ps1")]
    assert header[5:] == [col for n in names for col in (n, f"{n}_status", f"{n}_mistake")]
