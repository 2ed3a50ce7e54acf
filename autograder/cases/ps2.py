"""Hidden cases for ps2: vectors, matrices and 3-d arrays, other eps values, wrong grad_fns."""

from __future__ import annotations

import numpy as np

from autograder.cases import Case
from autograder.sandbox.casefns import Fn

NAMES = ("W1", "b1", "W2", "b2")


def _field(rng, shape):
    """A scalar field on arrays of `shape` whose partials are all different."""
    C = rng.uniform(0.5, 2.0, shape) * rng.choice([-1.0, 1.0], shape)
    w = rng.uniform(-1.0, 1.0, shape)
    return Fn("scalar_field", {"C": C, "w": w})


def numerical_gradient(rng):
    cases = []
    for label, shape, eps in [
        ("a vector (7,), default eps", (7,), None),
        ("a (4, 3) matrix, eps=1e-4", (4, 3), 1e-4),
        ("a 3-d array (2, 3, 2), eps=1e-3", (2, 3, 2), 1e-3),
        ("a (3, 5) matrix, eps=1e-2", (3, 5), 1e-2),
        ("a (5, 2) matrix, eps=1e-6", (5, 2), 1e-6),
    ]:
        x = rng.normal(0, 1, shape)
        args = (_field(rng, shape), x) if eps is None else (_field(rng, shape), x, eps)
        cases.append(Case(label, args))
    return cases


def relative_error(rng):
    a, b = rng.normal(0, 1, (4, 3)), rng.normal(0, 1, (4, 3))
    v = rng.normal(0, 1, 6)
    tiny = rng.normal(0, 1, 5)
    return [
        Case("two (4, 3) matrices", (a, b)),
        Case("nearly equal vectors (6,)", (v, v * (1 + 1e-7 * rng.normal(0, 1, 6)))),
        Case("both zero", (np.zeros(3), np.zeros(3))),
        Case("one of them zero", (np.zeros((2, 2)), rng.normal(0, 1, (2, 2)))),
        Case("tiny gradients (1e-20)", (1e-20 * tiny, 1e-20 * tiny * (1 + 0.01 * rng.normal(0, 1, 5)))),
        Case("3-d arrays (2, 2, 3)", (rng.normal(0, 1, (2, 2, 3)), rng.normal(0, 1, (2, 2, 3)))),
    ]


def _problem(rng, D, H, K):
    shapes = {"W1": (D, H), "b1": (H,), "W2": (H, K), "b2": (K,)}
    params = {k: rng.normal(0, 1, s) for k, s in shapes.items()}
    C = {k: rng.uniform(0.5, 2.0, s) * rng.choice([-1.0, 1.0], s) for k, s in shapes.items()}
    w = {k: rng.uniform(-1.0, 1.0, s) for k, s in shapes.items()}
    return params, C, w


def gradient_check(rng):
    cases = []
    for label, wrong, eps in [
        ("a correct grad_fn, default eps", None, None),
        ("a correct grad_fn, eps=1e-4", None, 1e-4),
        ("a grad_fn with dW1 doubled", "scale:W1:2", None),
        ("a grad_fn with db2's sign flipped", "sign:b2", None),
        ("a grad_fn with dW2 slightly off", "shift:W2", 1e-6),
        ("a grad_fn with db1 reversed", "swap:b1", None),
    ]:
        params, C, w = _problem(rng, 4, 3, 2)
        loss_fn = Fn("params_loss", {"C": C, "w": w})
        grad_fn = Fn("params_grad", {"C": C, "w": w, "wrong": wrong})
        args = (loss_fn, grad_fn, params) if eps is None else (loss_fn, grad_fn, params, eps)
        cases.append(Case(label, args))
    return cases


def buggy_parameter(rng):
    return [Case("your answer", ())]
