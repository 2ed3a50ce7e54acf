"""derivative-missing: a delta without σ' — δ2 = A2 − Y (cross-entropy's delta, used with ½·SSE), δ1 = δ2 W2ᵀ."""

import numpy as np

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import sigma_prime_where, wrong_sigma_prime

# not sigmoid_derivative: a 1 there is no slip
FUNCTIONS = frozenset({"output_delta", "hidden_delta", "backprop", "train"})
LEFT = {"both layers": "δ2 = A2 − Y and δ1 = δ2 W2ᵀ",
        "the output layer": "δ2 = A2 − Y, the output delta of the cross-entropy loss, not of E = ½·Σ(A2 − Y)²",
        "the hidden layer": "δ1 = δ2 W2ᵀ"}
FIX = "each delta carries its layer's sigmoid slope: δ2 = (A2 − Y) ⊙ σ'(Z2), δ1 = (δ2 W2ᵀ) ⊙ σ'(Z1)"


def no_sigma_prime(z):
    """σ' left out: a factor of 1."""
    return np.ones_like(z, dtype=np.float64)


def recognise(ev: Answers) -> Finding | None:
    where = sigma_prime_where(ev, no_sigma_prime)
    if not where:
        return None
    if ev.name == "output_delta":
        msg = ("output_delta returned A2 − Y without the factor σ'(Z2): that is the output delta of the "
               "cross-entropy loss, but E = ½·Σ(A2 − Y)² is differentiated through the sigmoid too — "
               "δ2 = (A2 − Y) ⊙ σ'(Z2)")
    elif ev.name == "hidden_delta":
        msg = ("hidden_delta returned δ2 W2ᵀ without the factor σ'(Z1): the error reaching the hidden units "
               "must pass back through their sigmoid — δ1 = (delta2 @ W2.T) ⊙ σ'(Z1)")
    else:
        msg = f"{ev.name} leaves σ' out in {where}: {LEFT[where]} — {FIX}"
    return Finding("derivative-missing", msg, {"where": where})


PUBLIC = ("this is what a delta without σ' gives — A2 − Y is the cross-entropy loss's output delta; for "
          "E = ½·Σ(A2 − Y)² multiply by σ'(Z2) (and δ2 W2ᵀ by σ'(Z1))")


BASE = "σ' left out in {where}"  # in a combination

MISTAKE = Mistake("derivative-missing", FUNCTIONS, recognise,
                  **wrong_sigma_prime(no_sigma_prime, PUBLIC, BASE))
