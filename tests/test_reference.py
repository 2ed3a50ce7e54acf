"""The reference's answers: right, computed once per case, and remembered in bounded memory."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from autograder import reference
from autograder.assignments import get
from autograder.cases import Case, rng_for
from autograder.plain import Arr


@pytest.fixture
def counted(monkeypatch):
    """ps1's sigmoid check with a reference that counts its calls, and an empty memory."""
    monkeypatch.setattr(reference, "_REFERENCE_CACHE", type(reference._REFERENCE_CACHE)())
    check = get("ps1").check("sigmoid")
    calls = []

    def sigmoid(z):
        calls.append(1)
        return check.reference(z)

    return dataclasses.replace(check, reference=sigmoid), calls


def test_the_answer_is_the_references(counted):
    """The remembered answer is the reference's output, as plain data."""
    check, _ = counted
    case = check.cases(rng_for("ps1", "sigmoid", "amy"))[0]
    value = reference.reference_value(check, case)
    assert isinstance(value, Arr) and np.array_equal(value.a, get("ps1").check("sigmoid").reference(*case.args))


def test_a_case_met_again_is_not_computed_again(counted):
    """The same arguments in a new Case object (the next student's shared case) reuse the answer."""
    check, calls = counted
    z = np.linspace(-3, 3, 7)
    for _ in range(5):
        reference.reference_value(check, Case("shared", (z.copy(),)))
    assert len(calls) == 1


def test_memory_is_bounded_and_keeps_what_is_used(counted, monkeypatch):
    """Past MAX_CACHED answers the least recently used goes; a case used all along stays."""
    check, calls = counted
    monkeypatch.setattr(reference, "MAX_CACHED", 8)
    shared = Case("shared", (np.zeros(3),))
    for i in range(40):
        reference.reference_value(check, shared)
        reference.reference_value(check, Case(f"own {i}", (np.full(3, float(i + 1)),)))
    assert len(reference._REFERENCE_CACHE) == 8
    assert len(calls) == 41  # the shared case once, each student's own once
    reference.reference_value(check, Case("own 0", (np.full(3, 1.0),)))
    assert len(calls) == 42  # the oldest own case was let go
