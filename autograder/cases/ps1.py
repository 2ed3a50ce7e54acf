"""Hidden cases for ps1: the worked example, N=5 D=4 H=3 K=2, random sizes, |z| up to 1000."""

from __future__ import annotations

import numpy as np

from autograder.cases import Case, distinct_sizes, shared_rng
from solutions import ps1 as ref

WORKED = {
    "X": np.array([[0.5, 0.1]]),
    "Y": np.array([[0.9]]),
    "W1": np.array([[0.15, 0.2], [0.24, 0.3]]),
    "b1": np.array([1.0, 1.0]),
    "W2": np.array([[-0.4], [0.5]]),
    "b2": np.array([1.0]),
    "lr": 0.5,
}
EXTREMES = np.array([-1000.0, -710.0, -40.0, -1.0, 0.0, 0.5, 37.0, 40.0, 710.0, 1000.0])


def network(rng: np.random.Generator, N: int, D: int, H: int, K: int, scale: float = 1.0) -> dict:
    """Data and parameters of an N-sample D-H-K network, every array float64."""
    return {
        "X": rng.normal(0, 1, (N, D)),
        "Y": rng.uniform(0, 1, (N, K)),
        "W1": rng.normal(0, scale, (D, H)),
        "b1": rng.normal(0, scale, H),
        "W2": rng.normal(0, scale, (H, K)),
        "b2": rng.normal(0, scale, K),
        "lr": float(rng.uniform(0.05, 1.0)),
    }


def networks(rng: np.random.Generator) -> list[tuple[str, dict]]:
    """The worked example, the awkward 5-4-3-2 case (the same for the whole class: with the worked example,
    what answers are compared on across students), two random sizes and a saturated one."""
    n1, n2 = distinct_sizes(rng), distinct_sizes(rng)
    return [
        ("the worked example (N=1, D=2, H=2, K=1)", WORKED),
        ("N=5, D=4, H=3, K=2", network(shared_rng(), 5, 4, 3, 2)),
        (f"random N={n1[0]}, D={n1[1]}, H={n1[2]}, K={n1[3]}", network(rng, *n1)),
        (f"random N={n2[0]}, D={n2[1]}, H={n2[2]}, K={n2[3]}", network(rng, *n2)),
        ("large weights (N=6, D=3, H=4, K=2)", network(rng, 6, 3, 4, 2, scale=40.0)),
    ]


def _params(n):
    return n["W1"], n["b1"], n["W2"], n["b2"]


def _z_cases(rng):
    return [
        Case("the worked example's Z1", (np.array([[1.099, 1.13]]),)),
        Case("|z| up to 1000 (shape (10,))", (EXTREMES.copy(),)),
        Case("a (5, 3) matrix", (rng.normal(0, 3, (5, 3)),)),
        Case("a 3-d array (2, 3, 4)", (rng.normal(0, 6, (2, 3, 4)),)),
        Case("random (4, 7) with |z| up to 1000", (rng.uniform(-1000, 1000, (4, 7)),)),
    ]


def sigmoid(rng):
    return _z_cases(rng)


def sigmoid_derivative(rng):
    return _z_cases(rng)


def forward(rng):
    return [Case(label, (n["X"], *_params(n))) for label, n in networks(rng)]


def loss(rng):
    cases = []
    for label, n in networks(rng):
        A2 = ref.forward(n["X"], *_params(n))[3]
        cases.append(Case(label, (n["Y"], A2)))
    return cases


def output_delta(rng):
    cases = []
    for label, n in networks(rng):
        _, _, Z2, A2 = ref.forward(n["X"], *_params(n))
        cases.append(Case(label, (n["Y"], A2, Z2)))
    return cases


def hidden_delta(rng):
    cases = []
    for label, n in networks(rng):
        Z1, _, Z2, A2 = ref.forward(n["X"], *_params(n))
        delta2 = ref.output_delta(n["Y"], A2, Z2)
        cases.append(Case(label, (delta2, n["W2"], Z1)))
    return cases


def gradients(rng):
    cases = []
    for label, n in networks(rng):
        Z1, A1, Z2, A2 = ref.forward(n["X"], *_params(n))
        delta2 = ref.output_delta(n["Y"], A2, Z2)
        delta1 = ref.hidden_delta(delta2, n["W2"], Z1)
        cases.append(Case(label, (n["X"], A1, delta1, delta2)))
    return cases


def backprop(rng):
    return [Case(label, (n["X"], n["Y"], *_params(n))) for label, n in networks(rng)]


def sgd_step(rng):
    cases = []
    for label, n in networks(rng):
        grads = ref.backprop(n["X"], n["Y"], *_params(n))
        cases.append(Case(f"{label}, lr={n['lr']:.3g}", (_params(n), grads, n["lr"])))
    return cases
