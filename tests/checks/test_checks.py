"""Every check: the reference gets full marks, a stub gets zero, and a wrong answer fails it."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.assignments import ASSIGNMENTS
from autograder.checks import assignment
from autograder.grading import grade_function, grade_namespace
from tests.conftest import solved

ALL = [(a, c.name) for a in ASSIGNMENTS for c in assignment(a)]


def off_by_a_little(value):
    """The same structure with every number nudged: what a subtly wrong answer returns."""
    if isinstance(value, tuple | list):
        return type(value)(off_by_a_little(v) for v in value)
    if isinstance(value, dict):
        return {k: off_by_a_little(v) for k, v in value.items()}
    if isinstance(value, str):
        return "b1" if value != "b1" else "W1"
    a = np.asarray(value)
    if a.dtype.kind in "biu":
        return 1 - a
    return value * 1.001 + 1e-3


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_reference_gets_full_marks(name):
    """The reference solutions pass every check of the assignment with full points."""
    results = grade_namespace(name, solved(name), student="reference")
    assert [(r.name, r.status) for r in results] == [(c.name, "passed") for c in assignment(name)]
    assert sum(r.score for r in results) == sum(c.points for c in assignment(name))
    assert all(type(r.score) is float for r in results)


@pytest.mark.parametrize("a,name", ALL)
def test_a_stub_scores_zero(a, name):
    """The released stub (raise NotImplementedError) scores 0 with status raised (or missing for an answer)."""

    def stub(*args, **kwargs):
        raise NotImplementedError()

    ns = solved(a)
    ns.pop(name)
    if not next(c for c in assignment(a) if c.name == name).answer:
        ns[name] = stub
    r = grade_function(a, name, ns)
    assert r.score == 0.0 and r.status in ("raised", "missing"), r.message


@pytest.mark.parametrize("a,name", ALL)
def test_every_check_can_fail(a, name):
    """A deliberately wrong answer fails the check and loses points."""
    ns = solved(a)
    right = ns[name]
    if callable(right):
        ns[name] = lambda *args, **kwargs: off_by_a_little(right(*args, **kwargs))
    else:
        ns[name] = off_by_a_little(right)
    r = grade_function(a, name, ns)
    assert r.status != "passed" and r.score < r.max_score, r.message


@pytest.mark.parametrize("a,name", ALL)
def test_a_missing_function_is_missing(a, name):
    """A function the notebook never defines is 'missing', and only it."""
    ns = solved(a)
    ns.pop(name)
    assert grade_function(a, name, ns).status == "missing"


def test_scores_never_exceed_points_and_are_plain_floats():
    """Partial credit is a plain float between 0 and the points (nbgrader reads nothing else)."""
    ns = solved("ps1")
    ns["sigmoid"] = lambda z: np.exp(z) / (1 + np.exp(z))  # nan at z = 1000: partial credit
    r = grade_function("ps1", "sigmoid", ns)
    assert r.status == "not-finite" and 0 < r.score < r.max_score and type(r.score) is float
