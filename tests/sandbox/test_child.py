"""Inside the child: the notebook's cells run as Jupyter would run them, magics and setup helpers included."""

from __future__ import annotations

import nbformat

from autograder import batch
from autograder.demo import EXAMPLES
from autograder.submissions import Found

PREFIX = {"sigmoid": "%%time\n", "sgd_step": "%%capture out\n", "loss": "with time_limit():\n    pass\n",
          "gradients": "%time x = 1\n"}


def test_timing_magics_and_the_setup_helpers_do_not_cost_an_honest_student(tmp_path):
    """%%time, %%capture and %time run their code; the setup cell's `time_limit` exists: 17/17, no cell errors."""
    nb = nbformat.read(str(EXAMPLES / "ps1" / "alice.ipynb"), as_version=4)
    for cell in nb.cells:
        cell.source = PREFIX.get(cell.metadata.get("nbgrader", {}).get("grade_id"), "") + cell.source
    nbformat.write(nb, str(tmp_path / "magic.ipynb"))
    job, _, error = batch.job_for("ps1", Found("magic", tmp_path / "magic.ipynb"), "")
    assert error is None
    report = batch.grade("ps1", [Found("magic", tmp_path / "magic.ipynb")], workers=1, timeout=5.0)
    sub = report.submissions[0]
    assert sub.score == 17.0, [(t.name, t.message) for t in sub.tests if t.status != "passed"]
