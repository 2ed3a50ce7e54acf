"""Scores into nbgrader's gradebook (its SQLite database), so `nbgrader export` and formgrader see them.

Each function's score becomes the auto score of its graded cell (`test_<name>`). The
assignment must be known to the gradebook (`nbgrader generate_assignment` puts it
there). A re-grade overwrites every score: a stale one is never kept.
"""

from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry

from autograder.result import SubmissionResult
from autograder.submissions import NOTEBOOKS


def db_url(course) -> str:
    return f"sqlite:///{course}/gradebook.db"


def write(url: str, assignment: str, subs: list[SubmissionResult]) -> int:
    """Store the scores of `subs`; returns how many submissions were written."""
    notebook = NOTEBOOKS[assignment].removesuffix(".ipynb")
    with Gradebook(url) as gb:
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
