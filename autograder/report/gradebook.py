"""nbgrader's gradebook (its SQLite database): bpkit's scores in, nbgrader's scores out.

`write`: each function's score becomes the auto score of its graded cell (`test_<name>`),
so `nbgrader export` and formgrader see it. The assignment must be known to the
gradebook (`nbgrader generate_assignment` puts it there). A re-grade overwrites every
score: a stale one is never kept.
`read`: the per-function scores `nbgrader autograde` gave, as a Report (no mistakes,
no evidence: nbgrader keeps neither), for the dashboard and the student pages.
"""

from __future__ import annotations

from pathlib import Path

from autograder.assignments import get
from autograder.checks import assignment as checks_of
from autograder.result import Report, SubmissionResult, TestResult
from autograder.venv import tools_on_path


def db_url(course) -> str:
    return f"sqlite:///{course}/gradebook.db"


def write(url: str, assignment: str, subs: list[SubmissionResult]) -> int:
    """Store the scores of `subs`; returns how many submissions were written."""
    from nbgrader.api import Gradebook, MissingEntry  # here: importing nbgrader costs every bpkit command 1.6 s

    notebook = get(assignment).notebook.removesuffix(".ipynb")
    with tools_on_path(), Gradebook(url) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise ValueError(f"the gradebook {url} does not know {assignment}: run "
                             f"`nbgrader generate_assignment {assignment}` first") from None
        for sub in subs:
            gb.update_or_create_student(sub.student)
            try:
                gb.find_submission(assignment, sub.student)
            except MissingEntry:
                gb.add_submission(assignment, sub.student)
            for t in sub.tests:
                grade = gb.find_grade(f"test_{t.name}", notebook, assignment, sub.student)
                grade.auto_score = float(t.score)
                grade.manual_score = None
                grade.needs_manual_grade = False
            gb.db.commit()
    return len(subs)


def read(course, assignment: str, students: list[str] | None = None) -> Report:
    """The scores in the gradebook, per student and function; every student with a submission by default."""
    from nbgrader.api import Gradebook, MissingEntry

    notebook = get(assignment).notebook.removesuffix(".ipynb")
    report = Report(assignment)
    with tools_on_path(), Gradebook(db_url(course)) as gb:
        if students is None:
            students = sorted(s.student.id for s in gb.find_assignment(assignment).submissions)
        for student in students:
            tests, error = [], None
            for c in checks_of(assignment):
                try:
                    score = float(gb.find_grade(f"test_{c.name}", notebook, assignment, student).score or 0.0)
                except MissingEntry:
                    score, error = 0.0, "no autograded submission in the gradebook"
                status = "passed" if score == c.points else "failed"
                tests.append(TestResult(c.name, score, float(c.points), status, None,
                                        f"{c.name}: {score:g} of {c.points:g} points (nbgrader autograde)."))
            if not (Path(course) / "autograded" / student / assignment).is_dir():
                error = "nbgrader could not autograde this submission"
            report.submissions.append(SubmissionResult(student, "", tests, error))
    return report
