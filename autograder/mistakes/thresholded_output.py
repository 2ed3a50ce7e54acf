"""thresholded-output: the error computed from 0/1 predictions instead of A2."""

import numpy as np

from autograder.mistakes.common import matching, mutant_functions
from solutions import ps1


def _hard(A2):
    return (A2 > 0.5).astype(np.float64)


def mutants():
    """The reference with the error computed from 0/1 predictions, in the loss and the output delta."""
    yield mutant_functions(loss=lambda Y, A2: float(0.5 * np.sum((_hard(A2) - Y) ** 2)),
                           output_delta=lambda Y, A2, Z2: (_hard(A2) - Y) * ps1.sigmoid_derivative(Z2))


FUNCTIONS = frozenset({"loss", "output_delta", "backprop", "train"})
HIDDEN = ("{name} computes the error from the 0/1 predictions (A2 > 0.5) instead of the network's output A2: "
          "thresholding throws the error's size away (and has no gradient) — use A2 − Y itself")
PUBLIC = "the error is computed from 0/1 predictions (A2 > 0.5) — use A2 itself"

BASE = "the error is computed from the 0/1 predictions (A2 > 0.5)"

MISTAKE = matching("thresholded-output", FUNCTIONS, mutants, HIDDEN, PUBLIC, BASE)
