"""What nbgrader's hidden test cells call: `grade("ps1", "sigmoid")`.

It grades the student's function exactly as `bpkit grade` does (same cases, same
judge), prints the verdict on standard output, writes nothing to standard error,
and returns the score as a plain float — the cell's value, nbgrader's partial credit.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import warnings
from pathlib import Path

import numpy as np

from autograder.grading import grade_function
from autograder.secret import course_secret
from autograder.settings import TIMEOUT


def _student_and_course() -> tuple[str, Path | None]:
    """nbgrader autograde runs each notebook in <course>/autograded/<student>/<assignment>/."""
    if os.environ.get("NBGRADER_EXECUTION") != "autograde":
        return "", None
    cwd = Path.cwd()
    return cwd.parent.name, cwd.parents[2]


def grade(assignment: str, name: str, namespace: dict | None = None, timeout: float = TIMEOUT) -> float:
    """Grade `name` from the calling notebook; print the message; return the score."""
    ns = namespace if namespace is not None else sys._getframe(1).f_globals
    student, course = _student_and_course()
    sink = io.StringIO()
    with contextlib.redirect_stderr(sink), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        result = grade_function(assignment, name, ns, student, course_secret(course), timeout)
    mark = "✓" if result.status == "passed" else "✗"
    print(f"{mark} {result.name}: {result.status}"
          f"{' — ' + result.mistake if result.mistake else ''} ({result.score:g}/{result.max_score:g})")
    print(result.message)
    return float(result.score)
