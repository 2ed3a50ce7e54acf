"""builtin-sum: Python's sum(a) on a 2-d array adds up its rows — a sum over axis 0 only, not every element.

A loss of shape (K,) instead of a number, a relative error per column (in relative_error, and in a
gradient_check that computes its own). For a bias gradient, sum(delta) is exactly the sum over the
samples that is due: right, so never named. A train on top of such a loss returns a list of arrays
where numbers are due (wrong-type): it is said to fail through its loss (autograder.inherit).
"""

import numpy as np

from autograder.mistakes import Answers, Change, Finding, Mistake
from autograder.mistakes.common import matches_mutant, mutant_functions, variant


def loss_by_rows(Y, A2):
    """E with the built-in sum: one total per output column, shape (K,)."""
    return 0.5 * sum((A2 - Y) ** 2)


def norm_by_rows(x):
    return np.sqrt(sum(np.asarray(x, dtype=np.float64) ** 2))


def relative_error_by_rows(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖) with built-in sums: per column for a matrix."""
    denom = norm_by_rows(a) + norm_by_rows(b)
    if np.all(denom == 0):
        return 0.0
    return norm_by_rows(np.asarray(a, dtype=np.float64) - b) / denom


FIX = "Python's built-in sum(a) adds up the rows of a 2-d array (a sum over axis 0 only), not every element"
SAYS = {
    "loss": f"loss returned an array, one total per output column, instead of the number E: {FIX} — use "
            f"np.sum((A2 - Y) ** 2) (or ((A2 - Y) ** 2).sum())",
    "relative_error": f"relative_error gives one ratio per column for a matrix: its norms use the built-in sum — "
                      f"{FIX}; the norms are over all elements: np.linalg.norm(x) or np.sqrt(np.sum(x ** 2))",
    "gradient_check": f"gradient_check gives one relative error per column for a matrix parameter: its norms use "
                      f"the built-in sum — {FIX}; use np.linalg.norm (or np.sum), over all elements",
}


def mutants() -> dict:
    """The reference with the built-in sum in the loss and the relative error."""
    return mutant_functions(loss=loss_by_rows, relative_error=relative_error_by_rows)


def recognise(ev: Answers) -> Finding | None:
    if matches_mutant(ev, mutants()[ev.name], key="builtin-sum"):
        return Finding("builtin-sum", SAYS[ev.name])
    return None


PUBLIC = ("this is what Python's built-in sum gives: on a 2-d array it adds up the rows only (axis 0) — use np.sum, "
          "which adds every element")


def public(check):
    yield PUBLIC, variant(mutants()[check.name])


def _by_rows(e, s, at):
    """loss: the right E summed by rows (the built-in sum), when `e` is the right E itself."""
    if e.ndim or s.ndim != 1:
        return None
    rows = np.asarray(loss_by_rows(*at.case.args))
    return rows if np.isclose(rows.sum(), e, rtol=1e-12, atol=0) else None


BY_ROWS = Change("builtin-sum", "summed with Python's built-in sum, which adds up only the rows (use np.sum)", _by_rows)

MISTAKE = Mistake("builtin-sum", frozenset(SAYS), recognise, public,
                  changes=lambda name: [BY_ROWS] if name == "loss" else [])
