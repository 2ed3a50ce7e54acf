"""HTML views of a Report, written where nbgrader and the instructor look for them.

Each student's page (student_page.py) goes to feedback/<student>/<assignment>/, nbgrader's
feedback layout, so `nbgrader release_feedback` hands it out; the class dashboard
(dashboard.py) goes where the instructor asks.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from autograder.report.dashboard import dashboard_page, mistake_tally
from autograder.report.htmlparts import FEEDBACK_NAME
from autograder.report.student_page import student_page
from autograder.result import Report

__all__ = ["FEEDBACK_NAME", "dashboard_page", "mistake_tally", "student_page", "write_dashboard", "write_feedback"]


def folder_name(name: str) -> str:
    """`name` as one plain folder name (a student id, an assignment): itself when it is one, else a stand-in
    made from its hash (`..`, `a/b` or `a\\b` never reach outside feedback/, and never stop the others' pages)."""
    if name in ("", ".", "..") or any(c in name for c in "/\\\0") or len(name.encode()) > 200:
        return "student-" + hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:16]
    return name


def write_feedback(report: Report, course_dir: Path) -> list[Path]:
    """Each student's page at <course_dir>/feedback/<student>/<assignment>/bpkit_report.html (nbgrader's layout).

    A student id that is not a plain folder name gets a stand-in folder (folder_name).
    """
    folders = [Path(course_dir) / "feedback" / folder_name(s.student) / folder_name(report.assignment)
               for s in report.submissions]
    paths = []
    for sub, folder in zip(report.submissions, folders, strict=True):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FEEDBACK_NAME).write_text(student_page(sub, report.assignment), encoding="utf-8")
        paths.append(folder / FEEDBACK_NAME)
    return paths


def write_dashboard(report: Report, path: Path) -> Path:
    """The dashboard, written to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dashboard_page(report), encoding="utf-8")
    return path
