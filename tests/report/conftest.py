"""Graded results to render: real grader output for students with known mistakes."""

from __future__ import annotations

import numpy as np
import pytest

import solutions.ps2
import solutions.ps3
from autograder import cluster
from autograder.checks import assignment
from autograder.grading import grade_namespace
from autograder.mistakes.common import rebind
from autograder.result import Report, SubmissionResult, TestResult, report_from_dict
from solutions import ps1

HOSTILE = "<script>alert(1)</script>"


def graded(assignment_name: str, student: str, namespace: dict) -> SubmissionResult:
    """A SubmissionResult from grading a namespace as the grader does."""
    tests = grade_namespace(assignment_name, namespace, student=student)
    return SubmissionResult(student, f"submitted/{student}/{assignment_name}/notebook.ipynb", tests)


def forward_difference(f, x, eps=1e-5):
    """A one-sided numerical gradient (the `forward-difference` mistake)."""
    grad = np.zeros_like(x, dtype=np.float64)
    for ix in np.ndindex(x.shape):
        oldval = x[ix]
        f0 = f(x)
        x[ix] = oldval + eps
        grad[ix] = (f(x) - f0) / eps
        x[ix] = oldval
    return grad


def climbing_train(X, Y, params, lr, epochs):
    """Gradient ascent (the `sign-flipped` mistake of train)."""
    p = {k: v.copy() for k, v in params.items()}
    losses = []
    for _ in range(epochs):
        losses.append(ps1.loss(Y, ps1.forward(X, p["W1"], p["b1"], p["W2"], p["b2"])[3]))
        grads = ps1.backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
        for name, g in zip(("W1", "b1", "W2", "b2"), grads, strict=True):
            p[name] = p[name] + lr * g
    return p, losses


def ungraded(student: str, assignment_name: str, error: str) -> SubmissionResult:
    """A submission that could not be graded: every test present with score 0."""
    tests = [TestResult(c.name, 0.0, float(c.points), "missing", None, f"{c.name}: not graded.")
             for c in assignment(assignment_name)]
    return SubmissionResult(student, f"submitted/{student}/{assignment_name}/x.ipynb", tests, error)


@pytest.fixture(scope="session")
def alice() -> SubmissionResult:
    """ps1 with sigmoid_derivative computed as z·(1−z)."""
    return graded("ps1", "alice", rebind(ps1, sigmoid_derivative=lambda z: z * (1 - z)))


@pytest.fixture(scope="session")
def bob() -> SubmissionResult:
    """ps2 with a one-sided numerical gradient."""
    ns = rebind(solutions.ps2, numerical_gradient=forward_difference)
    ns["buggy_parameter"] = "W2"
    return graded("ps2", "bob", ns)


@pytest.fixture(scope="session")
def carol() -> SubmissionResult:
    """ps3 whose train climbs the loss."""
    ns = dict(vars(solutions.ps3))
    ns.update(forward=ps1.forward, backprop=ps1.backprop, loss=ps1.loss, train=climbing_train)
    return graded("ps3", "carol", ns)


@pytest.fixture(scope="session")
def class_report(alice) -> Report:
    """A ps1 class: right, two with the same mistake, one with missing ½ in the loss, one ungradable."""
    halfless = rebind(ps1, loss=lambda Y, A2: float(np.sum((A2 - Y) ** 2)))
    times_a2 = rebind(ps1, output_delta=lambda Y, A2, Z2: (A2 - Y) * A2)  # no catalogue mistake: a cluster
    subs = [graded("ps1", "ada", dict(vars(ps1))), alice,
            graded("ps1", "ben", rebind(ps1, sigmoid_derivative=lambda z: z * (1 - z))),
            graded("ps1", "cy", halfless), ungraded("dee", "ps1", f"not a notebook: {HOSTILE}"),
            graded("ps1", "eve", times_a2), graded("ps1", "fay", times_a2)]
    return cluster.assign(Report("ps1", subs))


@pytest.fixture(scope="session")
def bare_report(class_report) -> Report:
    """The class report read back from its JSON: no evidence at all."""
    return report_from_dict(class_report.public())
