"""The score table printed by `bpkit grade` and `bpkit demo`."""

from autograder.checks import assignment
from autograder.report.table import TRANSPOSE_UP_TO, summary


def _report(students: list[str], error: str | None = None):
    """A ps1 report: student i gets every point on function j when i + j is even, else none."""
    from autograder.result import Report, SubmissionResult, TestResult

    return Report("ps1", [SubmissionResult(s, f"{s}.ipynb", [TestResult(c.name, c.points * ((i + j) % 2 == 0),
                                                                        c.points, "passed")
                                                             for j, c in enumerate(assignment("ps1"))],
                                           error if i == len(students) - 1 else None)
                          for i, s in enumerate(students)])


def test_summary_of_a_small_class_has_a_column_per_student():
    """Six students: a row per function with its whole name, a column per student, a total row."""
    report = _report(["alice", "bob", "carol", "dan", "erin", "frank"], error="not a notebook")
    rows = [ln.split() for ln in summary(report, 1.0).splitlines()]
    assert rows[0] == ["function", "alice", "bob", "carol", "dan", "erin", "frank*", "points"]
    assert [r[0] for r in rows[1:10]] == [c.name for c in assignment("ps1")]
    assert rows[10] == ["total"] + [f"{s.score:g}" for s in report.submissions] + ["17"]
    assert rows[10][1:3] != rows[10][2:4]  # the scores differ per student, so the columns are the students'
    assert rows[11] == ["*", "frank:", "not", "a", "notebook"] and rows[12][0] == "6"


def test_summary_of_a_large_class_has_a_row_per_student():
    """Thirteen students or more: a row per student, whole function names as the headers."""
    report = _report([f"s{i:02d}" for i in range(TRANSPOSE_UP_TO + 1)])
    rows = [ln.split() for ln in summary(report).splitlines()]
    assert rows[0] == ["student"] + [c.name for c in assignment("ps1")] + ["total"]
    assert [r[0] for r in rows[1:]] == [s.student for s in report.submissions]
    assert [r[-1] for r in rows[1:]] == [f"{s.score:g}/17" for s in report.submissions]


def test_terminal_escapes_in_student_ids_and_errors_are_written_out():
    """A notebook named with escape sequences (retitle, clear the screen), a bell or a right-to-left override
    prints them as text: nothing a student names reaches the terminal as a control."""
    hostile = "e\x1b]0;pwned\x07\x1b[2J\u202emit"
    for students in (["alice", hostile], ["alice", *(f"s{i}" for i in range(TRANSPOSE_UP_TO)), hostile]):
        text = summary(_report(students, error=f"cannot be read: {hostile}"), 1.0)
        assert not any(c in text for c in "\x1b\x07\u202e"), repr(text)
        assert "e\\x1b]0;pwned\\x07\\x1b[2J\\u202emit" in text
        assert "alice" in text
