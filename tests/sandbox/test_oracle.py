"""The oracle: the right versions' answers, from a process of their own, for arguments a student chose."""

from __future__ import annotations

import time

import numpy as np

from autograder.inherit import reference_functions
from autograder.plain import from_plain, native, to_plain
from autograder.sandbox.oracle import Oracle, respond
from autograder.sandbox.protocol import Call
from solutions import ps1


def _call(name: str, *args, **kwargs) -> Call:
    return Call(0, name, [to_plain(a) for a in args], {k: to_plain(v) for k, v in kwargs.items()})


def test_an_answer_is_the_reference_value():
    """forward's four arrays and sigmoid_derivative's array come back exactly as the reference computes them."""
    X, W1, b1, W2, b2 = np.ones((5, 4)), np.full((4, 3), 0.1), np.zeros(3), np.full((3, 2), -0.2), np.ones(2)
    got = native(from_plain(respond(_call("forward", X, W1, b1, W2, b2), reference_functions()).value))
    assert all(np.array_equal(g, r) for g, r in zip(got, ps1.forward(X, W1, b1, W2, b2), strict=True))
    z = np.linspace(-3, 3, 7)
    d = native(from_plain(respond(_call("sigmoid_derivative", z=z), reference_functions()).value))
    assert np.array_equal(d, ps1.sigmoid_derivative(z))


def test_arguments_the_reference_refuses_are_an_error_not_a_crash():
    """Mismatched shapes, a string, or something that is not a value at all: the answer is the error's type,
    never the reference's own words about its workings (the shapes it multiplied)."""
    functions = reference_functions()
    mismatched = respond(_call("forward", np.ones((2, 3)), np.ones((4, 3)), 0, 0, 0), functions).error
    assert mismatched == "the right forward raised ValueError"
    assert respond(_call("sigmoid", "z"), functions).error
    assert respond(Call(0, "sigmoid", [{"t": "other", "type": "function"}]), functions).error


def test_the_oracle_answers_only_the_right_versions_put_in_place():
    """A call to a function not in the set, such as the one being checked, gets no answer from the reference."""
    oracle = Oracle({"sigmoid"}, 1024)
    try:
        answer = oracle.answer(_call("backprop", 1.0), time.monotonic() + 10)
        assert answer.value is None and "not one of the right versions" in answer.error
        assert oracle.pid is None  # nothing was forked for it
        assert native(from_plain(oracle.answer(_call("sigmoid", 0.0), time.monotonic() + 10).value)) == 0.5
    finally:
        oracle.close()


def test_an_answer_too_large_for_its_memory_costs_the_call_only():
    """Arguments that broadcast to 10⁸ elements (800 MB) exhaust the oracle's own memory, not the grader's: the
    call gets the error; a line too long for the protocol ends the oracle, and the next call gets a fresh one's
    answer."""
    oracle = Oracle({"sigmoid", "hidden_delta"}, 512)
    try:
        huge = oracle.answer(_call("hidden_delta", np.ones((10**4, 1)), np.eye(1), np.ones((1, 10**4))),
                             time.monotonic() + 20)
        assert huge.value is None and "MemoryError" in huge.error
        first = oracle.pid
        long = oracle.answer(_call("sigmoid", np.ones(10**6)), time.monotonic() + 20)
        assert long.value is None and "gave no answer" in long.error and oracle.pid is None
        again = oracle.answer(_call("sigmoid", np.zeros(3)), time.monotonic() + 10)
        assert np.array_equal(native(from_plain(again.value)), np.full(3, 0.5)) and oracle.pid != first
    finally:
        oracle.close()
