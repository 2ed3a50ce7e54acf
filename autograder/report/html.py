"""HTML views of a Report, written where nbgrader and the instructor look for them.

Each student's page (student_page.py) goes to feedback/<student>/<assignment>/, nbgrader's
feedback layout, so `nbgrader release_feedback` hands it out; the class dashboard
(dashboard.py) goes where the instructor asks.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
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


PARALLEL_FROM = 24  # pages from which they are drawn on every core (a page's plots take about 0.3 s)


def write_feedback(report: Report, course_dir: Path, workers: int | None = None) -> list[Path]:
    """Each student's page at <course_dir>/feedback/<student>/<assignment>/bpkit_report.html (nbgrader's layout).

    A student id that is not a plain folder name gets a stand-in folder (folder_name). From PARALLEL_FROM pages
    on, `workers` processes (default: one per core) draw them, each page the same as drawn here.
    """
    folders = [Path(course_dir) / "feedback" / folder_name(s.student) / folder_name(report.assignment)
               for s in report.submissions]
    pages = [(sub, report.assignment, folder) for sub, folder in zip(report.submissions, folders, strict=True)]
    workers = min(workers or os.cpu_count() or 1, len(pages))
    if workers < 2 or len(pages) < PARALLEL_FROM:
        return [_write_page(*page) for page in pages]
    # spawned, not forked: the grader may still have threads (the journal's syncer), and a page needs nothing of it
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        return pool.starmap(_write_page, pages, chunksize=max(1, len(pages) // (8 * workers)))


def _write_page(sub, assignment: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FEEDBACK_NAME).write_text(student_page(sub, assignment), encoding="utf-8")
    return folder / FEEDBACK_NAME


def write_dashboard(report: Report, path: Path) -> Path:
    """The dashboard, written to `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dashboard_page(report), encoding="utf-8")
    return path
