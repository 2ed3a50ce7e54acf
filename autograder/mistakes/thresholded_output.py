"""thresholded-output: the error computed from 0/1 predictions instead of A2."""

import numpy as np

from autograder.mistakes import Evidence, Finding
from autograder.mistakes.common import matches_mutant, mutant_functions
from solutions import ps1


def _hard(A2):
    return (A2 > 0.5).astype(np.float64)


def _mutants():
    yield mutant_functions(loss=lambda Y, A2: float(0.5 * np.sum((_hard(A2) - Y) ** 2)),
                           output_delta=lambda Y, A2, Z2: (_hard(A2) - Y) * ps1.sigmoid_derivative(Z2))


FUNCTIONS = {"loss", "output_delta", "backprop", "train"}


def recognise(ev: Evidence) -> Finding | None:
    if ev.name not in FUNCTIONS:
        return None
    for fns in _mutants():
        if matches_mutant(ev, fns[ev.name]):
            return Finding("thresholded-output",
                           f"{ev.name} computes the error from the 0/1 predictions (A2 > 0.5) instead of the "
                           f"network's output A2: thresholding throws the error's size away (and has no "
                           f"gradient) — use A2 − Y itself")
    return None
