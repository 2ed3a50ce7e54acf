"""The course's grading settings, in one home: `c.Bpkit.…` in its nbgrader_config.py.

`nbgrader autograde` reads them through nbgrader's own configuration, and `bpkit grade` loads the
same file, so both grade a course the same way; a `bpkit grade` option overrides its setting for
that run.
"""

from __future__ import annotations

from pathlib import Path

from traitlets import Bool, Float, Integer
from traitlets.config import Configurable

from autograder.sandbox.limits import MEMORY_MB, TIMEOUT


class Bpkit(Configurable):
    """How the course's submissions are graded."""

    timeout = Float(TIMEOUT, help="Seconds each function may run.").tag(config=True)
    memory_mb = Integer(MEMORY_MB, help="Address-space limit of a submission's process, in MB.").tag(config=True)
    confine = Bool(True, help="Namespaces and an empty root for a submission (False: limits only).").tag(config=True)
    carry_forward = Bool(False, help="A test whose failure is entirely inherited from the student's other, wrong "
                                     "functions keeps its points.").tag(config=True)


def course_settings(course: Path | None) -> Bpkit:
    """The settings of the course at `course` (its nbgrader_config.py), defaults where it says nothing."""
    if course is None or not (Path(course) / "nbgrader_config.py").is_file():
        return Bpkit()
    from traitlets.config.loader import PyFileConfigLoader

    return Bpkit(config=PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config())
