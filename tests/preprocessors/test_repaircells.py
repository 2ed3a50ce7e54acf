"""RepairCells: a submission's nbgrader metadata is the instructor's again, whatever the student did to it."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.preprocessors.repaircells import Known, repair

KNOWN = {k.name: k for k in [
    Known("setup", "code", True, "import numpy as np", "c0", None, False, False),
    Known("sigmoid", "code", False, "def sigmoid(z): ...", "c1", None, True, False),
    Known("test_sigmoid", "code", True, "grade('ps1', 'sigmoid')", "c2", 1.0, False, False),
    Known("loss", "code", False, "def loss(Y, A2): ...", "c3", None, True, False),
    Known("test_loss", "code", True, "grade('ps1', 'loss')", "c4", 1.0, False, False),
]}


def cell(gid=None, source="", **md):
    meta = {"nbgrader": {**KNOWN[gid].metadata(), **md}} if gid in KNOWN else ({"nbgrader": md} if md else {})
    if gid and gid not in KNOWN:
        meta = {"nbgrader": {"grade_id": gid, "grade": True, "points": 100, **md}}
    return new_code_cell(source, metadata=meta)


@pytest.fixture
def submission():
    return new_notebook(cells=[cell("setup"), cell("sigmoid", "def sigmoid(z): return z"), cell("test_sigmoid"),
                               cell("loss"), cell("test_loss")])


def ids(nb):
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]


def test_untouched_submission_is_unchanged(submission):
    """An honest notebook keeps its cells and metadata."""
    before = nbformat.writes(submission)
    assert repair(submission, KNOWN) == []
    assert nbformat.writes(submission) == before


def test_copied_test_cell_becomes_an_ordinary_cell(submission):
    """The first cell with an id keeps it; a copy is the student's own cell, and the kept one says so."""
    submission.cells.insert(3, cell("test_sigmoid"))
    changes = repair(submission, KNOWN)
    assert ids(submission) == ["setup", "sigmoid", "test_sigmoid", None, "loss", "test_loss"]
    assert "copy" in changes[0] and "copy" in submission.cells[2].metadata["bpkit"]["notes"][0]


def test_tampered_metadata_is_the_instructors_again(submission):
    """Points, solution flags and schema versions the student edited are restored from the gradebook."""
    submission.cells[2].metadata["nbgrader"].update(points=100, solution=True, schema_version=1, locked=False)
    repair(submission, KNOWN)
    assert submission.cells[2].metadata["nbgrader"] == KNOWN["test_sigmoid"].metadata()


def test_renamed_or_deleted_test_cell_is_put_back_in_its_place(submission):
    """A test cell under another id is ordinary; the missing one returns after its function's cell."""
    submission.cells[4].metadata["nbgrader"]["grade_id"] = "test_loss2"
    del submission.cells[2]
    changes = repair(submission, KNOWN)
    assert ids(submission) == ["setup", "sigmoid", "test_sigmoid", "loss", "test_loss", None]
    assert submission.cells[2].source == KNOWN["test_sigmoid"].source
    assert sum("put back" in c for c in changes) == 2


def test_damaged_metadata_never_raises(submission):
    """Metadata of the wrong type, or a missing id, makes an ordinary cell; a lost setup cell comes back first."""
    submission.cells[0].metadata["nbgrader"] = [1, 2]
    submission.cells[1]["metadata"] = "not a dict"
    submission.cells[3].metadata["nbgrader"] = {"grade": True}
    repair(submission, KNOWN)
    assert ids(submission)[0] == "setup" and submission.cells[0].source == KNOWN["setup"].source
    assert ids(submission).count("sigmoid") == 0 and ids(submission).count("loss") == 0
