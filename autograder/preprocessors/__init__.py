"""nbgrader preprocessors that make `nbgrader autograde` grade in bpkit's sandbox, without a kernel.

repaircells.py     — RepairCells: the submission's nbgrader metadata made the instructor's again
gradeinsandbox.py  — GradeInSandbox: grades the sanitized notebook in the sandbox, writes each test cell's output

The course's nbgrader_config.py installs both with `install(c)`; everything else in the pipeline is nbgrader's.
"""

from __future__ import annotations

import sys


def sanitize_pipeline() -> list:
    """nbgrader's sanitize steps, with RepairCells first (before anything reads the student's metadata)."""
    from nbgrader.converters import Autograde

    from autograder.preprocessors.repaircells import RepairCells

    return [RepairCells, *Autograde.class_traits()["sanitize_preprocessors"].default()]


def autograde_pipeline() -> list:
    """nbgrader's autograde steps, with GradeInSandbox where Execute stands."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    from autograder.preprocessors.gradeinsandbox import GradeInSandbox

    return [GradeInSandbox if step is Execute else step for step in Autograde.class_traits()[
        "autograde_preprocessors"].default()]


def install(c) -> None:
    """Configure nbgrader autograde to grade in the sandbox (called from nbgrader_config.py).

    Only when nbgrader is what reads the configuration: bpkit reads the same file for its `c.Bpkit`
    settings, and importing nbgrader to build pipelines it never runs would cost each command 2 s."""
    if "nbgrader" not in sys.modules:
        return
    c.Autograde.sanitize_preprocessors = sanitize_pipeline()
    c.Autograde.autograde_preprocessors = autograde_pipeline()


def stock(c) -> None:
    """nbgrader's own pipelines again: kernels execute the notebooks (for measuring against stock nbgrader)."""
    from nbgrader.converters import Autograde

    c.Autograde.sanitize_preprocessors = Autograde.class_traits()["sanitize_preprocessors"].default()
    c.Autograde.autograde_preprocessors = Autograde.class_traits()["autograde_preprocessors"].default()
