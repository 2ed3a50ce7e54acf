"""HTML views of a Report, written where nbgrader and the instructor look for them.

Each student's page (student_page.py) goes to feedback/<student>/<assignment>/, nbgrader's
feedback layout, so `nbgrader release_feedback` hands it out; the class dashboard
(dashboard.py) goes where the instructor asks.
"""

from __future__ import annotations

from pathlib import Path

from autograder.report.dashboard import dashboard_page, mistake_tally
from autograder.report.htmlparts import FEEDBACK_NAME
from autograder.report.student_page import student_page
from autograder.result import Report

__all__ = ["FEEDBACK_NAME", "dashboard_page", "mistake_tally", "student_page", "write_dashboard", "write_feedback"]


def folder_name(name: str) -> str:
    """`name`, checked to be one plain folder name (a student id, an assignment)."""
    if name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise ValueError(f"not usable as a folder name: {name!r}")
    return name


def write_feedback(report: Report, course_dir: Path) -> list[Path]:
    """Each student's page at <course_dir>/feedback/<student>/<assignment>/bpkit_report.html (nbgrader's layout).

    Raises ValueError, before writing anything, when a student id or the assignment is not a plain folder name.
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
