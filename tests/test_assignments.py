"""The registry of assignments: one record each, and a new one graded end to end from nothing but its record.

A throw-away assignment — one function, `double(x)` = 2·x, its own reference module, cases, check and
notebook — is registered for the tests that need it and taken away after: `bpkit grade` grades it in the
sandbox, the JSON report holds it, and the public checker built from its data tells right from wrong.
"""

from __future__ import annotations

import importlib.util
import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder import assignments, batch, cli, inherit, public
from autograder.assignments import ASSIGNMENTS, Assignment
from autograder.cases import Case
from autograder.checks import Check
from autograder.mistakes.common import mutant_functions
from autograder.report import jsonfile
from autograder.submissions import Found

NAME = "dbl"
MODULE = "bpkit_test_double"
REFERENCE = '''
def double(x):
    """2·x, elementwise."""
    return 2 * x
'''
RIGHT, WRONG = "def double(x):\n    return x + x\n", "def double(x):\n    return 3 * x\n"


def double_cases(rng: np.random.Generator) -> list[Case]:
    """A fixed vector, a matrix, and one drawn from the student's generator."""
    return [Case("x = [1, 2]", (np.array([1.0, 2.0]),)), Case("a 2×3 matrix", (np.arange(6.0).reshape(2, 3),)),
            Case("random x", (rng.normal(size=4),))]


def notebook(path: Path, code: str) -> Path:
    """A student's notebook of the assignment: a solution cell and its graded test cell, as nbgrader writes them."""
    nbg = {"schema_version": 3, "locked": False}
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Double it\n`double(x)` returns 2·x."),
                nbformat.v4.new_code_cell(code, metadata={"nbgrader": {**nbg, "grade_id": "double", "solution": True,
                                                                       "grade": False}}),
                nbformat.v4.new_code_cell("# hidden tests", metadata={"nbgrader": {
                    **nbg, "grade_id": "test_double", "solution": False, "grade": True, "locked": True,
                    "points": 2}})]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def load(folder: Path, name: str, source: str):
    """A reference module from a file of its own (so that its source can be read); not in sys.modules."""
    path = folder / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tmp_module(tmp_path_factory):
    """The throw-away assignment's reference module."""
    return load(tmp_path_factory.mktemp("reference"), MODULE, REFERENCE)


@pytest.fixture(scope="module")
def doubled(tmp_module):
    """The throw-away assignment, registered for as long as the tests of this module use it."""
    record = Assignment(NAME, "double.ipynb", (Check("double", 2, tmp_module.double, double_cases),), (tmp_module,))
    with assignments.registered(record):
        yield record


@pytest.fixture(scope="module")
def graded(doubled, tmp_path_factory):
    """`bpkit grade --json`, in this process, of a class of two: one right, one wrong."""
    tmp = tmp_path_factory.mktemp("class")
    notebook(tmp / "class" / "right.ipynb", RIGHT)
    notebook(tmp / "class" / "wrong.ipynb", WRONG)
    mp = pytest.MonkeyPatch()
    mp.chdir(tmp)
    mp.setenv("BPKIT_SECRET", "test-assignments-secret")
    code = cli.main(["grade", "--assignment", NAME, str(tmp / "class"), "--json", str(tmp / "report.json"),
                     "--no-journal", "--workers", "1", "--timeout", "10", "--quiet"])
    mp.undo()
    return code, tmp / "report.json"


def test_the_kits_assignments_in_order():
    """ps1, ps2, ps3 first, each with its notebook and its checks; an unknown name is a KeyError that lists them."""
    kits = list(ASSIGNMENTS.values())[:3]
    assert [a.name for a in kits] == ["ps1", "ps2", "ps3"]
    assert [a.notebook for a in kits] == ["backprop.ipynb", "gradcheck.ipynb", "training.ipynb"]
    assert all(a.checks for a in kits)
    with pytest.raises(KeyError, match="unknown assignment 'ps9': expected one of ps1, ps2, ps3"):
        assignments.get("ps9")


def test_a_name_is_registered_once(doubled):
    with pytest.raises(ValueError, match="registered already"):
        assignments.register(doubled)


def test_graded_end_to_end(graded):
    """The right notebook gets every point, the wrong one none, both in a JSON report that reads back."""
    code, path = graded
    assert code == 0
    report = jsonfile.read(path, NAME)
    tests = {s.student: {t.name: t for t in s.tests} for s in report.submissions}
    assert set(tests) == {"right", "wrong"}
    right, wrong = tests["right"]["double"], tests["wrong"]["double"]
    assert (right.status, right.score, right.max_score) == ("passed", 2.0, 2.0)
    assert (wrong.status, wrong.score, wrong.max_score) == ("failed", 0.0, 2.0)
    assert wrong.message.startswith("double") and "0/3 hidden cases right" in wrong.message


def test_the_sandbox_is_sent_data_only(doubled, tmp_path):
    """The job a worker receives holds the cases as numbers: nothing of the reference module travels."""
    job, cases, error = batch.job_for(NAME, Found("right", notebook(tmp_path / "right.ipynb", RIGHT)), "s")
    assert error is None and [len(c) for c in cases.values()] == [3]
    sent = pickle.dumps(job.steps)
    assert MODULE.encode() not in sent and b"double_cases" not in sent
    assert b"autograder.cases" in sent  # the cases are there, as Case records


def run_checker(folder: Path, code: str) -> subprocess.CompletedProcess:
    """The public checker with the assignment's public data, in an interpreter that cannot import the kit."""
    prelude = "import sys; sys.modules['autograder'] = None; sys.modules['solutions'] = None\n" \
              "sys.path.insert(0, '.')\nimport bpkit_public as bp\n"
    return subprocess.run([sys.executable, "-I", "-c", prelude + textwrap.dedent(code)], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def test_public_data_and_checker(doubled, tmp_path):
    """public_data makes the public cases of `double`; the checker passes 2·x and fails 3·x."""
    data = public.public_data(NAME)
    cases = data["functions"]["double"]["cases"]
    assert data["assignment"] == NAME and [c["label"] for c in cases] == ["x = [1, 2]", "a 2×3 matrix"]
    assert cases[0]["expected"] == {"array": [2.0, 4.0], "dtype": "float"}
    public.write(NAME, tmp_path)
    right = run_checker(tmp_path, 'bp.check("double", lambda x: x + x)')
    assert right.returncode == 0 and "✓ double" in right.stdout, right.stderr
    wrong = run_checker(tmp_path, 'bp.check("double", lambda x: 3 * x)')
    assert wrong.returncode != 0 and "✗ double on the public case 'x = [1, 2]'" in wrong.stderr


def test_registered_for_the_block_only(tmp_path):
    """Inside the block every reader sees the new assignment; after it, the registry is as it was."""
    module = load(tmp_path, "bpkit_test_halve", "def halve(x):\n    return x / 2\n")
    before = dict(ASSIGNMENTS)
    record = Assignment("dbl2", "d.ipynb", (Check("halve", 1, module.halve, double_cases),), (module,))
    with assignments.registered(record):
        assert list(ASSIGNMENTS)[-1] == "dbl2" and assignments.get("dbl2") is record
        assert "halve" in inherit.reference_functions() and "halve" in mutant_functions()
        assert "dbl2" in jsonfile.schema()["properties"]["assignment"]["enum"]
        assert cli.parser().parse_args(["public", "--assignment", "dbl2"]).assignment == ["dbl2"]
    assert ASSIGNMENTS == before and list(ASSIGNMENTS) == list(before)
    assert "halve" not in inherit.reference_functions() and "halve" not in mutant_functions()
    with pytest.raises(KeyError, match="unknown assignment 'dbl2'"):
        assignments.get("dbl2")
    with pytest.raises(SystemExit):
        cli.parser().parse_args(["public", "--assignment", "dbl2"])


def test_a_block_that_raises_still_takes_it_away(tmp_module):
    """An error in the block does not leave the assignment behind."""
    record = Assignment("dbl3", "d.ipynb", (Check("double", 2, tmp_module.double, double_cases),), (tmp_module,))
    with pytest.raises(RuntimeError), assignments.registered(record):
        raise RuntimeError("boom")
    assert "dbl3" not in ASSIGNMENTS


def test_public_data_json_is_plain(doubled):
    """What ships is JSON, as `bpkit public` writes it."""
    assert json.loads(public.files(NAME)["public_cases.json"]) == public.public_data(NAME)
