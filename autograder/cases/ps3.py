"""Hidden cases for ps3: the two tasks, awkward sizes, zero epochs, fixed and random seeds."""

from __future__ import annotations

import numpy as np

from autograder.cases import Case, distinct_sizes
from solutions import ps3 as ref

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
AND_OR_X = np.array([[a, b, c] for a in (0.0, 1.0) for b in (0.0, 1.0) for c in (0.0, 1.0)])
AND_OR_Y = (AND_OR_X[:, [0]] * np.maximum(AND_OR_X[:, [1]], AND_OR_X[:, [2]])).astype(float)


def init_params(rng):
    D, H, K, _ = distinct_sizes(rng)
    return [
        Case("D=2, H=3, K=1, seed=0", (2, 3, 1, 0)),
        Case("D=4, H=3, K=2, seed=7", (4, 3, 2, 7)),
        Case("D=3, H=5, K=4, seed=1234", (3, 5, 4, 1234)),
        Case(f"random D={D}, H={H}, K={K}", (D, H, K, int(rng.integers(0, 2**31)))),
    ]


def train(rng):
    X, Y = rng.normal(0, 1, (5, 4)), rng.uniform(0, 1, (5, 2))
    return [
        Case("XOR, 2-3-1, lr=2.0, 300 epochs", (XOR_X, XOR_Y, ref.init_params(2, 3, 1, 0), 2.0, 300)),
        Case("x1 AND (x2 OR x3), 3-4-1, lr=1.0, 100 epochs",
             (AND_OR_X, AND_OR_Y, ref.init_params(3, 4, 1, 5), 1.0, 100)),
        Case("N=5, D=4, H=3, K=2, lr=0.3, 7 epochs", (X, Y, ref.init_params(4, 3, 2, 11), 0.3, 7)),
        Case("zero epochs", (X, Y, ref.init_params(4, 3, 2, 12), 0.5, 0)),
        Case("one epoch", (XOR_X, XOR_Y, ref.init_params(2, 5, 1, int(rng.integers(0, 1000))), 0.7, 1)),
    ]


def predict(rng):
    cases = []
    for label, X, (D, H, K) in [
        ("XOR inputs, 2-3-1", XOR_X, (2, 3, 1)),
        ("N=5, D=4, H=3, K=2", rng.normal(0, 1, (5, 4)), (4, 3, 2)),
        ("N=9, D=3, H=6, K=4", rng.normal(0, 1, (9, 3)), (3, 6, 4)),
    ]:
        params = ref.init_params(D, H, K, int(rng.integers(0, 2**31)))
        params = {k: v * 6 for k, v in params.items()}  # outputs far from the 0.5 tie
        params["b2"] = params["b2"] + rng.normal(0, 1, K)
        cases.append(Case(label, (X, params)))
    return cases
