"""Matching an answer to a mutant of the reference: overflow, round-off, and never a right answer."""

from __future__ import annotations

import numpy as np

from autograder.grading import grade_namespace
from autograder.mistakes.common import round_off
from autograder.mistakes.sigmoid_precedence import unparenthesised
from autograder.plain import Arr, Map, Num
from solutions import ps1


def graded(name: str, fn):
    ns = {k: v for k, v in vars(ps1).items() if callable(v)}
    ns[name] = fn
    return next(r for r in grade_namespace("ps1", ns, student="mutants") if r.name == name)


def test_an_answer_that_overflows_where_the_mutant_does_is_named():
    """1 + e^(−z) is inf at z = −1000, and so is the student's: sigmoid-precedence."""
    assert graded("sigmoid", lambda z: 1 / 1 + np.exp(-z)).mistake == "sigmoid-precedence"


def test_anything_beside_an_infinity_is_not_a_match():
    """The mutant's values where they are finite, 0 where it overflows: explained by no mistake."""
    def sigmoid(z):
        with np.errstate(over="ignore"):
            m = unparenthesised(z)
        return np.where(np.isfinite(m), m, 0.0)
    assert graded("sigmoid", sigmoid).mistake is None


def test_round_off_below_tiny_counts_as_right_element_by_element():
    """gradient_check: values under `tiny` where the right ones are under it too are taken as right."""
    s = Map({"W1": Arr(np.array([3e-11, 0.5])), "b1": Num(2e-9)})
    e = Map({"W1": Arr(np.array([1e-11, 0.4])), "b1": Num(5e-10)})
    out = round_off(s, e, 1e-7)
    assert list(out.items["W1"].a) == [1e-11, 0.5] and out.items["b1"].v == 5e-10
    assert round_off(s, e, None) is s
