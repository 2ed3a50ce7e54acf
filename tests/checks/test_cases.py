"""Hidden cases: reproducible per student, different between students and secrets, awkward sizes."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from autograder import hidden, secret
from autograder.assignments import ASSIGNMENTS
from autograder.checks import assignment
from autograder.grading import cases_for

ALL = [(a, c) for a in ASSIGNMENTS for c in assignment(a) if not c.answer]


def blob(cases) -> bytes:
    return pickle.dumps([(c.label, c.args, c.kwargs) for c in cases])


@pytest.mark.parametrize("a,check", ALL, ids=[c.name for _, c in ALL])
def test_cases_are_reproducible_and_per_student(a, check):
    """The same student gets the same cases on a re-grade; another student or another secret, others."""
    alice = blob(cases_for(a, check, "alice", "s3cret"))
    assert alice == blob(cases_for(a, check, "alice", "s3cret"))
    assert alice != blob(cases_for(a, check, "bob", "s3cret"))
    assert alice != blob(cases_for(a, check, "alice", "another"))


def test_awkward_and_worked_cases_are_there_for_everyone():
    """Every student's backprop cases include the worked example and N=5, D=4, H=3, K=2."""
    for student in ("alice", "bob"):
        labels = [c.label for c in cases_for("ps1", assignment("ps1")[7], student, "x")]
        assert any("worked example" in x for x in labels) and "N=5, D=4, H=3, K=2" in labels


def test_sigmoid_cases_reach_1000():
    """sigmoid's hidden cases include |z| = 1000."""
    cases = cases_for("ps1", assignment("ps1")[0], "alice")
    assert max(float(np.max(np.abs(c.args[0]))) for c in cases) == 1000.0


def test_student_and_course_from_nbgrader_autograde(tmp_path, monkeypatch):
    """Inside `nbgrader autograde` the student is the folder above the assignment's, the course above that."""
    folder = tmp_path / "autograded" / "zoe" / "ps1"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert hidden._student_and_course() == ("zoe", tmp_path)
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert hidden._student_and_course() == ("", None)


def test_course_secret_file_and_environment(tmp_path, monkeypatch):
    """The secret comes from BPKIT_SECRET, else from .bpkit_secret, which `create` writes privately."""
    monkeypatch.delenv("BPKIT_SECRET", raising=False)
    assert secret.course_secret(tmp_path) == ""
    path = secret.create(tmp_path)
    assert secret.course_secret(tmp_path) == path.read_text().strip() and len(path.read_text().strip()) == 64
    assert path.stat().st_mode & 0o077 == 0
    monkeypatch.setenv("BPKIT_SECRET", "from-env")
    assert secret.course_secret(tmp_path) == "from-env"
