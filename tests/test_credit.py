"""Partial credit a constant cannot earn: only the cases a trivial answer gets wrong count."""

from __future__ import annotations

import numpy as np

from autograder.checks import assignment
from autograder.grading import grade_function


def check_of(a, name):
    return next(c for c in assignment(a) if c.name == name)


def test_constant_zero_gradient_check_earns_nothing(solved_namespace):
    """0.0 for every parameter is 'right' where grad_fn is right; it earned 1.33 of 4 points before."""
    ns = solved_namespace("ps2")
    ns["gradient_check"] = lambda loss_fn, grad_fn, params, eps=1e-5: {k: 0.0 for k in params}
    result = grade_function("ps2", "gradient_check", ns)
    assert result.status != "passed" and result.score == 0.0


def test_constant_zero_relative_error_earns_nothing(solved_namespace):
    """0.0 is right only on the both-zero case, which a trivial answer gets right too."""
    ns = solved_namespace("ps2")
    ns["relative_error"] = lambda a, b: 0.0
    assert grade_function("ps2", "relative_error", ns).score == 0.0


def test_work_done_on_some_cases_still_earns_its_share(solved_namespace):
    """A sigmoid right only for small |z| keeps the credit of the cases it really gets right."""
    ns = solved_namespace("ps1")
    ns["sigmoid"] = lambda z: np.where(np.abs(z) < 50, 1 / (1 + np.exp(-z)), 0.0)
    result = grade_function("ps1", "sigmoid", ns)
    assert 0 < result.score < check_of("ps1", "sigmoid").points


def test_handing_back_the_input_earns_nothing(solved_namespace):
    """sgd_step returning the params unchanged is right only where a step changes nothing."""
    ns = solved_namespace("ps1")
    ns["sgd_step"] = lambda params, grads, lr: tuple(params)
    assert grade_function("ps1", "sgd_step", ns).score == 0.0


def test_answers_copied_from_the_public_data_earn_nothing(solved_namespace):
    """A function that returns the published answers where it can, and garbage elsewhere, earns 0."""
    from autograder.public.data import public_cases

    ns = solved_namespace("ps1")
    known = [(c.args, ns["sigmoid_derivative"](*c.args)) for c in public_cases(check_of("ps1", "sigmoid_derivative"))]

    def sigmoid_derivative(z):
        for args, out in known:
            if np.shape(z) == np.shape(args[0]) and np.array_equal(z, args[0]):
                return out
        return np.zeros_like(z)

    ns["sigmoid_derivative"] = sigmoid_derivative
    result = grade_function("ps1", "sigmoid_derivative", ns)
    assert result.status != "passed" and "2/5 hidden cases right" in result.message and result.score == 0.0
