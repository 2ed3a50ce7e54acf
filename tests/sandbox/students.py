"""Building attackers from the solved notebook, grading them between honest students, and looking for leftovers."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import nbformat

from autograder import batch
from autograder.demo import EXAMPLES
from autograder.submissions import Found

TIMEOUT = 2.0
MEMORY_MB = 600

SET_NAME = """
import ctypes
ctypes.CDLL(None).prctl(15, {marker!r}.encode(), 0, 0, 0)  # PR_SET_NAME: a marker in /proc/<pid>/comm
"""


def notebook(tmp: Path, student: str, assignment: str = "ps1", replace: dict | None = None,
             extra: str | list[str] | None = None) -> Path:
    """alice's solved notebook, with some solution cells replaced and extra code cells after the setup."""
    nb = nbformat.read(str(EXAMPLES / assignment / "alice.ipynb"), as_version=4)
    for cell in nb.cells:
        code = (replace or {}).get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if code:
            cell.source = textwrap.dedent(code).strip()
    if extra:
        at = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
        for code in reversed([extra] if isinstance(extra, str) else extra):
            nb.cells.insert(at + 1, nbformat.v4.new_code_cell(textwrap.dedent(code).strip()))
    path = tmp / f"{student}.ipynb"
    nbformat.write(nb, str(path))
    return path


def honest(assignment: str = "ps1") -> Path:
    return EXAMPLES / assignment / "alice.ipynb"


def grade_between(tmp: Path, attackers: list[Found], assignment: str = "ps1", workers: int = 1,
                  timeout: float = TIMEOUT, **kw) -> dict:
    """Grade honest, *attackers, honest2 with a private temporary folder; results by student, and that folder."""
    found = [Found("honest", honest(assignment)), *attackers, Found("honest2", honest(assignment))]
    private = Path(tempfile.mkdtemp(prefix="sandbox-test-", dir=tmp))
    old = tempfile.tempdir
    tempfile.tempdir = str(private)
    try:
        report = batch.grade(assignment, found, workers=workers, timeout=timeout, memory_mb=MEMORY_MB, **kw)
    finally:
        tempfile.tempdir = old
    return {"subs": {s.student: s for s in report.submissions}, "tmp": private, "report": report}


def alone(student: str, assignment: str = "ps1") -> list[dict]:
    """An honest student's tests, graded alone."""
    report = batch.grade(assignment, [Found(student, honest(assignment))], workers=1, timeout=TIMEOUT)
    return [t.public() for t in report.submissions[0].tests]


def processes_named(marker: str) -> list[int]:
    """Pids whose /proc/<pid>/comm is the marker (PR_SET_NAME keeps 15 characters)."""
    found = []
    for pid in os.listdir("/proc"):
        try:
            if pid.isdigit() and Path(f"/proc/{pid}/comm").read_text().strip() == marker[:15]:
                found.append(int(pid))
        except OSError:
            pass
    return found


def leftovers(folder: Path) -> list[str]:
    """Anything under the private temporary folder: zygote homes, scratch, probes."""
    return sorted(str(p) for p in folder.rglob("*"))
