"""bpkit grade writes into nbgrader's real SQLite gradebook; a re-grade replaces every score."""

from __future__ import annotations

import shutil

from nbgrader.api import Gradebook

from autograder import batch, demo
from autograder.report import gradebook
from autograder.submissions import Found, find


def scores(course, student):
    with Gradebook(gradebook.db_url(course)) as gb:
        sub = gb.find_submission("ps1", student)
        return {g.name: g.score for nb in sub.notebooks for g in nb.grades}


def test_scores_land_in_the_gradebook_and_are_replaced(tmp_path):
    """Per-function scores become the test cells' scores; grading a worse notebook lowers them."""
    course = demo.make_course(tmp_path / "course")
    demo.nbgrader(course, "generate_assignment", "ps1", "--force")
    folder = course / "submitted" / "zoe" / "ps1"
    folder.mkdir(parents=True)
    shutil.copy(demo.EXAMPLES / "ps1" / "alice.ipynb", folder / "backprop.ipynb")
    report = batch.grade("ps1", find([course], "ps1"), timeout=2)
    gradebook.write(gradebook.db_url(course), "ps1", report.submissions)
    assert sum(scores(course, "zoe").values()) == 17.0

    shutil.copy(demo.EXAMPLES / "ps1" / "bob.ipynb", folder / "backprop.ipynb")
    report = batch.grade("ps1", [Found("zoe", folder / "backprop.ipynb")], timeout=2)
    gradebook.write(gradebook.db_url(course), "ps1", report.submissions)
    after = scores(course, "zoe")
    assert sum(after.values()) == 6.0 and after["test_backprop"] == 0.0


def test_unknown_assignment_is_a_clear_error(tmp_path):
    """Writing before generate_assignment says what to run."""
    course = demo.make_course(tmp_path / "course")
    try:
        gradebook.write(gradebook.db_url(course), "ps1", [])
    except ValueError as exc:
        assert "generate_assignment" in str(exc)
    else:
        raise AssertionError("expected a ValueError")
