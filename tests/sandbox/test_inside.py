"""What runs inside the sandbox is `autograder.sandbox` (and `autograder.plain`), and the reference is out of its reach.

The zygote's import closure is computed the way a zygote makes it — a fresh `python -I`, `preload()`, then a real
job's pickle read as its supervisor reads it — and a real child lists what it holds. Submissions that reach for
`solutions`, the checks or the cases, graded in one batch with honest students, earn nothing for it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from autograder import batch
from autograder.cases import Case
from autograder.sandbox import pool
from autograder.submissions import Found
from tests.sandbox.students import grade_between, honest, notebook

FORBIDDEN = ("solutions", "autograder.checks", "autograder.cases", "autograder.mistakes", "autograder.judge",
             "autograder.public")
SHARED = {"autograder", "autograder.plain"}  # the package itself, and the plain-data format both sides speak

# in a fresh interpreter, as a zygote and then a supervisor: preload, read the job, load its imports
ZYGOTE = """
import json, pickle, sys
from autograder.sandbox import zygote
zygote.preload()
job = pickle.loads(sys.stdin.buffer.read())
zygote.load_imports(job["imports"])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("autograder", "solutions"))))
"""

# a cell that lists, in the confined child, the grader's modules it holds
LISTS_MODULES = """
import sys
held = sorted(m for m in sys.modules if m.split(".")[0] in ("autograder", "solutions"))
"""


def outside(modules: list[str]) -> list[str]:
    """The modules that are neither the sandbox package nor what it shares with the grader."""
    return [m for m in modules if m not in SHARED and m.split(".")[:2] != ["autograder", "sandbox"]]


def reaching(modules: list[str]) -> list[str]:
    """The modules that are, or are inside, one the sandbox must never load."""
    return [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]


@pytest.fixture(scope="module", params=["ps1", "ps2", "ps3"])
def closure(request) -> list[str]:
    """The grader's modules a zygote and its supervisor hold once they have read alice's real job."""
    job, _, error = batch.prepared(request.param, Found("alice", honest(request.param)), "")
    assert error is None
    data = pool.payload(job, 2.0, 600, True, 60.0)
    done = subprocess.run([sys.executable, "-I", "-c", ZYGOTE], input=data, capture_output=True, timeout=120,
                          env=pool.zygote_env(), check=True)
    return json.loads(done.stdout)


def test_the_zygote_loads_nothing_that_reaches_the_reference(closure):
    """No solutions, checks, cases, mistakes, judge or public checks in the zygote's closure."""
    assert closure and not reaching(closure), reaching(closure)


def test_everything_the_zygote_loads_lives_in_the_sandbox_package(closure):
    """Of the grader, the zygote holds autograder.sandbox.* and autograder.plain, nothing else."""
    assert "autograder.sandbox.child" in closure and "autograder.sandbox.runner" in closure
    assert not outside(closure), outside(closure)


def test_a_real_child_holds_only_the_sandbox_package():
    """A confined child, run by the pool on a check with a real case, lists only the sandbox's modules."""
    steps = [{"kind": "cell", "label": "lists", "source": LISTS_MODULES},
             {"kind": "check", "name": "held", "answer": True, "cases": [Case("one", (np.zeros(2),))]}]
    with pool.Pool(1, timeout=5.0) as p:
        ((_, result),) = p.run([pool.Job("lists", steps)])
    held = [item["v"] for item in result.checks["held"]["outcomes"][0]["value"]["items"]]
    assert "autograder.sandbox.child" in held
    assert not outside(held), outside(held)


# student → {grade id of a ps1 solution cell: code that answers with the reference}; each function a leaf of ps1's
# call graph, so only the function attacked loses its points
REACHES = {
    "imports_solutions": {"loss": """
        def loss(Y, A2):
            import solutions
            return solutions.ps1.loss(Y, A2)
        """, "sgd_step": """
        def sgd_step(params, grads, lr):
            from solutions import ps1
            return ps1.sgd_step(params, grads, lr)
        """},
    "imports_checks": {"loss": """
        def loss(Y, A2):
            import autograder.checks
            check = next(c for c in autograder.checks.assignment("ps1") if c.name == "loss")
            return check.reference(Y, A2)
        """, "sgd_step": """
        def sgd_step(params, grads, lr):
            import importlib
            return importlib.import_module("autograder.cases.ps1").ref.sgd_step(params, grads, lr)
        """},
    "unlocks_imports": {"loss": """
        import sys
        sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_Refuse"]
        def loss(Y, A2):
            from solutions import ps1
            return ps1.loss(Y, A2)
        """, "sgd_step": """
        def sgd_step(params, grads, lr):
            import os, autograder
            here = os.path.dirname(os.path.dirname(autograder.__file__))
            ref = {}
            exec(open(os.path.join(here, "solutions", "ps1.py")).read(), ref)
            return ref["sgd_step"](params, grads, lr)
        """},
}
ATTACKED = ("loss", "sgd_step")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    """The reaching students graded in one confined batch between two honest ones."""
    tmp = tmp_path_factory.mktemp("inside")
    return grade_between(tmp, [Found(s, notebook(tmp, s, replace=cells)) for s, cells in REACHES.items()])


@pytest.mark.parametrize("student", sorted(REACHES))
def test_answering_with_the_reference_earns_nothing(graded, student):
    """Each function that reaches for the reference raises and scores 0; the student's other functions pass."""
    tests = {t.name: t for t in graded["subs"][student].tests}
    for name in ATTACKED:
        assert tests[name].status == "raised" and tests[name].score == 0, f"{name}: {tests[name].message}"
        assert "No module named" in tests[name].message or "FileNotFoundError" in tests[name].message
    assert all(t.status == "passed" for n, t in tests.items() if n not in ATTACKED)


def test_honest_students_in_the_batch_get_full_points(graded):
    """The honest students around the reaching ones get all 17 points."""
    assert graded["subs"]["honest"].score == graded["subs"]["honest2"].score == 17.0


def test_without_confinement_the_reference_still_does_not_import(tmp_path):
    """--no-confine: no chroot hides solutions/, yet importing it (or the checks, or the cases) fails."""
    attackers = [Found(s, notebook(tmp_path, s, replace=REACHES[s])) for s in ("imports_solutions", "imports_checks")]
    subs = grade_between(tmp_path, attackers, confine=False)["subs"]
    for student in ("imports_solutions", "imports_checks"):
        tests = {t.name: t for t in subs[student].tests}
        for name in ATTACKED:
            assert tests[name].status == "raised" and "No module named" in tests[name].message, tests[name].message
    assert subs["honest"].score == 17.0


def test_numpy_submodules_loaded_on_first_use_work_without_an_import(tmp_path):
    """numpy loads numpy.testing, numpy.fft and numpy.polynomial only when first used, which the confined process
    (it reads no file) cannot do: a student who uses them through `np.` alone is graded on their answers, between
    honest students — the sandbox loads them for that submission, not for every one."""
    uses = {"sigmoid": """
        import numpy as np
        def sigmoid(z):
            s = 1 / (1 + np.exp(-z))
            np.testing.assert_allclose(np.fft.ifft(np.fft.fft(s)).real, s, atol=1e-9)
            assert np.polynomial.Polynomial([0, 1])(2.0) == 2.0
            return s
        """}
    subs = grade_between(tmp_path, [Found("uses_numpy", notebook(tmp_path, "uses_numpy", replace=uses))])["subs"]
    sigmoid = next(t for t in subs["uses_numpy"].tests if t.name == "sigmoid")
    assert sigmoid.status == "passed", sigmoid.message
    assert subs["uses_numpy"].score == subs["honest"].score == subs["honest2"].score == 17.0
