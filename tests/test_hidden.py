"""The hidden test cells in the instructor's own kernel: `nbgrader validate` and running a source notebook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from autograder import demo
from autograder.course import kit_course


def test_validate_passes_the_source_notebook(tmp_path):
    """nbgrader validate runs the source notebook, hidden cells included, in a kernel: it passes."""
    course = demo.make_course(tmp_path / "course")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "nbgrader", "validate", "source/ps1/backprop.ipynb"], cwd=course,
                          env=env, capture_output=True, text=True, timeout=600)
    assert "Success! Your notebook passes all the tests." in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def test_hidden_cells_grade_in_the_instructors_kernel(tmp_path):
    """A source notebook with one function broken: its hidden cell names the mistake and scores 0."""
    work = tmp_path / "ps1"
    shutil.copytree(kit_course() / "source" / "ps1", work)
    nb = nbformat.read(str(work / "backprop.ipynb"), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid_derivative":
            cell.source = "def sigmoid_derivative(z):\n    return z * (1 - z)"
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(work)}}).execute()
    out = {c.metadata["nbgrader"]["grade_id"]: c.outputs for c in nb.cells
           if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")}
    text = "".join(o.get("text", "") for o in out["test_sigmoid_derivative"])
    assert "derivative-of-activation" in text
    assert [o["data"]["text/plain"] for o in out["test_sigmoid_derivative"] if o.output_type == "execute_result"] \
        == ["0.0"]
    assert "✓ sigmoid: passed" in "".join(o.get("text", "") for o in out["test_sigmoid"])
