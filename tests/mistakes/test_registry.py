"""The mistake registry: a mistake is one object, and registering one is all it takes to be named."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap

import nbformat
import numpy as np
import pytest

from autograder import batch, public
from autograder.demo import EXAMPLES
from autograder.mistakes import ORDER, catalogue, registered, registry
from autograder.mistakes.common import matching, mutant_functions
from autograder.report import jsonfile
from autograder.submissions import Found
from solutions import ps1

HALVED = "sigmoid(z) returned σ(z)/2: the result is halved — return 1 / (1 + np.exp(-z))"


def halved_sigmoid(z):
    return 0.5 * ps1.sigmoid(z)


@pytest.fixture
def halved():
    """A throw-away mistake, registered for one test: σ(z)/2, recognised by matching its variant."""
    mistake = matching("sigmoid-halved", {"sigmoid"}, lambda: [mutant_functions(sigmoid=halved_sigmoid)],
                       HALVED, "this is σ(z)/2 — the sigmoid halved")
    with registered(mistake):
        yield mistake


def test_the_registry_lists_the_catalogue_once_in_order():
    """Every id of ORDER is one mistake whose module is named after it, each once."""
    assert catalogue() == list(ORDER)
    assert len(set(ORDER)) == len(ORDER)
    for mistake_id, mistake in zip(ORDER, registry()):
        module = importlib.import_module(f"autograder.mistakes.{mistake_id.replace('-', '_')}")
        assert module.MISTAKE is mistake and mistake.id == mistake_id


def test_registering_is_undone(halved):
    """A registered mistake is tried after the catalogue, and gone after its block."""
    assert catalogue() == [*ORDER, "sigmoid-halved"]


def test_after_the_block_the_catalogue_is_as_it_was():
    """Outside any block the registry is the catalogue."""
    assert "sigmoid-halved" not in catalogue()


def _student(tmp_path, sigmoid_body: str):
    nb = nbformat.read(str(EXAMPLES / "ps1" / "alice.ipynb"), as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    cell.source = f"import numpy as np\n\ndef sigmoid(z):\n    {sigmoid_body}\n"
    path = tmp_path / "halver.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_a_registered_mistake_is_graded_and_named_in_the_json(tmp_path, halved):
    """A sandboxed grade names the new mistake in sigmoid, in the JSON report; an honest student is untouched."""
    found = [Found("halver", _student(tmp_path, "return 0.5 / (1 + np.exp(-z))")),
             Found("alice", EXAMPLES / "ps1" / "alice.ipynb")]
    report = batch.grade("ps1", found, workers=1, timeout=5.0)
    path = jsonfile.write(report, tmp_path / "report.json")
    tests = {s["student"]: {t["name"]: t for t in s["tests"]} for s in json.loads(path.read_text())["submissions"]}
    assert tests["halver"]["sigmoid"]["mistake"] == "sigmoid-halved"
    assert tests["halver"]["sigmoid"]["message"].startswith(HALVED)
    assert all(t["status"] == "passed" for t in tests["alice"].values())


def test_without_it_the_same_answer_is_unnamed(tmp_path):
    """The same student, the catalogue alone: sigmoid fails with no mistake named (the test above can fail)."""
    report = batch.grade("ps1", [Found("halver", _student(tmp_path, "return 0.5 / (1 + np.exp(-z))"))],
                         workers=1, timeout=5.0)
    sigmoid = next(t for t in report.submissions[0].tests if t.name == "sigmoid")
    assert sigmoid.status == "failed" and sigmoid.mistake is None


def test_a_registered_mistake_is_named_by_the_public_check(tmp_path, halved):
    """The public data carries the new mistake's variant, and the students' checker names it."""
    public.write("ps1", tmp_path)
    code = textwrap.dedent("""
        import sys
        sys.modules['autograder'] = None; sys.modules['solutions'] = None
        sys.path.insert(0, '.')
        import numpy as np
        import bpkit_public as bp
        try:
            bp.check('sigmoid', lambda z: 0.5 / (1 + np.exp(-z)))
        except AssertionError as e:
            print(e)
    """)
    done = subprocess.run([sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert "[sigmoid-halved]" in done.stdout, done.stdout + done.stderr
    assert "this is σ(z)/2" in done.stdout


def test_the_variant_is_the_mistake_on_the_public_cases(halved):
    """The public output stored for it is σ/2 of each case's input."""
    data = public.public_data("ps1")
    for case in data["functions"]["sigmoid"]["cases"]:
        stored = [m for m in case["mutants"] if m["mistake"] == "sigmoid-halved"]
        z = np.asarray(case["args"][0]["array"], dtype=np.float64)
        assert stored and np.allclose(stored[0]["output"]["array"], halved_sigmoid(z))
