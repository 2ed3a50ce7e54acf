"""Facts about behaviour come from outside the student's process: patching the runner changes nothing,
and a submission's total time is bounded."""

from __future__ import annotations

import time

import pytest

from autograder.sandbox import limits
from autograder.submissions import Found
from tests.sandbox.students import alone, grade_between, leftovers, notebook

PATCH = """
import sys
for name in ("autograder.sandbox.runner", "autograder.plain", "autograder.judge", "autograder.sandbox.shared"):
    m = sys.modules.get(name)
    if m is None:
        continue
    for attr in ("_args_changed", "_args_after", "args_changed"):
        if hasattr(m, attr):
            setattr(m, attr, lambda *a, **k: [])
    if hasattr(m, "SharedArgs"):
        m.SharedArgs.changed = lambda self, step: []
import types
sys.modules["autograder.sandbox.runner"].copy = types.SimpleNamespace(deepcopy=lambda a: a)  # "before" is "after"
"""
MUTATING_SGD = """
def sgd_step(params, grads, lr):
    out = tuple(p - lr * g for p, g in zip(params, grads))
    for p in params:
        p *= 0.5
    return out
"""
UNRESTORED = """
import numpy as np
def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=np.float64)
    for ix in np.ndindex(x.shape):
        oldval = x[ix]
        x[ix] = oldval + eps
        fplus = f(x)
        x[ix] = oldval - eps
        fminus = f(x)
        grad[ix] = (fplus - fminus) / (2 * eps)
    return grad
"""


@pytest.fixture(scope="module")
def ps1(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verdicts1")
    return grade_between(tmp, [Found("patcher", notebook(tmp, "patcher", extra=PATCH,
                                                          replace={"sgd_step": MUTATING_SGD}))], workers=2)


@pytest.fixture(scope="module")
def ps2(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verdicts2")
    return grade_between(tmp, [Found("patcher", notebook(tmp, "patcher", "ps2", extra=PATCH,
                                                          replace={"numerical_gradient": UNRESTORED}))],
                         "ps2", workers=2)


def test_patched_runner_still_mutates_input(ps1):
    """The supervisor compares the shared arguments itself: the patch does not hide the mutation."""
    t = {t.name: t for t in ps1["subs"]["patcher"].tests}["sgd_step"]
    assert (t.status, t.mistake) == ("failed", "mutates-input"), t.message
    assert ps1["subs"]["patcher"].score == 15.0


def test_patched_runner_still_input_not_restored(ps2):
    t = {t.name: t for t in ps2["subs"]["patcher"].tests}["numerical_gradient"]
    assert (t.status, t.mistake) == ("failed", "input-not-restored"), t.message


@pytest.mark.parametrize("assignment", ["ps1", "ps2"])
def test_honest_students_are_graded_as_alone(ps1, ps2, assignment):
    graded = {"ps1": ps1, "ps2": ps2}[assignment]
    for student in ("honest", "honest2"):
        assert [t.public() for t in graded["subs"][student].tests] == alone(student, assignment)
    assert leftovers(graded["tmp"]) == []


def test_many_slow_cells_end_within_the_submissions_total(tmp_path, monkeypatch):
    """12 cells each sleeping just under the limit: the submission stops at its total time, and says so."""
    monkeypatch.setattr(limits, "TOTAL_FLOOR", 8.0)
    total = limits.submission_time(2.0)
    sleeper = notebook(tmp_path, "sleeper", extra=["import time\ntime.sleep(1.9)"] * 12)
    start = time.monotonic()
    graded = grade_between(tmp_path, [Found("sleeper", sleeper)], workers=1)
    seconds = time.monotonic() - start
    assert total == 12.0 and seconds < 3 * total, seconds
    tests = graded["subs"]["sleeper"].tests
    assert all(t.status == "timeout" and "total time of 12 s ran out" in t.message for t in tests), \
        [t.message for t in tests]
    assert graded["subs"]["honest2"].score == 17.0


def test_the_second_run_keeps_to_what_the_first_left(tmp_path, monkeypatch):
    """Slow cells and an inherited failure: the run that looks for it gets only the rest of the total time."""
    from autograder.batch import grade

    monkeypatch.setattr(limits, "TOTAL_FLOOR", 8.0)
    total = limits.submission_time(1.0)
    slow = notebook(tmp_path, "slow", replace={"sigmoid_derivative": "def sigmoid_derivative(z):\n"
                                                                     "    return z * (1 - z)"},
                    extra=["import time\ntime.sleep(0.8)"] * 12)
    start = time.monotonic()
    report = grade("ps1", [Found("slow", slow)], workers=1, timeout=1.0)
    seconds = time.monotonic() - start
    assert seconds < total + 6, seconds  # the first run's total, and no second run of the same length
    assert all(t.status == "timeout" for t in report.submissions[0].tests)
