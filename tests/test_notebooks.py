"""The notebooks run top to bottom in a fresh kernel: the solved ones cleanly, the released ones safely."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.assignments import ASSIGNMENTS
from autograder.course import kit_course

ROOT = kit_course()


def execute(tmp_path, folder, allow_errors: bool):
    """Run a copy of folder's notebook, in a copy of the folder, in a fresh python3 kernel."""
    work = tmp_path / folder.name
    shutil.copytree(folder, work)
    nb = nbformat.read(str(work / ASSIGNMENTS[folder.name].notebook), as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(work)}}).execute()
    return nb


def outputs(cell, kind):
    return [o for o in cell.get("outputs", []) if o.output_type == kind]


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_source_notebook_runs_clean(tmp_path, a):
    """With the solutions: no error anywhere, and every public check prints ✓."""
    nb = execute(tmp_path, ROOT / "source" / a, allow_errors=False)
    checks = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("check_")]
    assert checks
    for c in checks:
        text = "".join(o.get("text", "") for o in outputs(c, "stream"))
        assert "✓" in text, (c.source, text)


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_released_notebook_fails_only_where_the_student_writes(tmp_path, a):
    """The stubs raise in their own cells and their checks; every other cell runs."""
    nb = execute(tmp_path, ROOT / "release" / a, allow_errors=True)
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id", "")
        if outputs(c, "error"):
            solution = c.metadata.get("nbgrader", {}).get("solution")
            assert solution or gid.startswith("check_"), (gid, outputs(c, "error")[0].get("ename"))


@pytest.mark.parametrize("a", ASSIGNMENTS)
def test_plots_have_titles_labels_and_legends(a):
    """Every given cell that draws a plot sets a title, axis labels and a legend."""
    nb = nbformat.read(str(ROOT / "source" / a / ASSIGNMENTS[a].notebook), as_version=4)
    for c in nb.cells:
        if c.cell_type == "code" and (".plot(" in c.source or ".loglog(" in c.source or ".semilogy(" in c.source):
            for needed in ("title", "xlabel", "ylabel", "legend"):
                assert needed in c.source, (c.metadata.get("nbgrader", {}).get("grade_id"), needed)
