"""forward-difference: a one-sided difference, whose error shrinks like eps instead of eps²."""

import numpy as np

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import matches_mutant, mutant_functions, variant
from autograder.tolerance import Tolerance


def one_sided(direction: int):
    """numerical_gradient with (f(x+eps) − f(x))/eps (direction 1) or (f(x) − f(x−eps))/eps (−1)."""

    def numerical_gradient(f, x, eps=1e-5):
        grad = np.zeros_like(x, dtype=np.float64)
        fx = f(x.copy())
        for ix in np.ndindex(x.shape):
            xp = x.copy()
            xp[ix] = x[ix] + direction * eps
            grad[ix] = direction * (f(xp) - fx) / eps
        return grad

    return numerical_gradient


FUNCTIONS = frozenset({"numerical_gradient", "gradient_check"})
# gradient_check's relative errors of a one-sided difference are ~eps: their rounding is ~1e-4 of them
LOOSE = Tolerance(rtol=1e-2, atol=0.0, floor=1e-12)


def recognise(ev: Answers) -> Finding | None:
    for direction, formula in ((1, "(f(x+eps) − f(x))/eps"), (-1, "(f(x) − f(x−eps))/eps")):
        fns = mutant_functions(numerical_gradient=one_sided(direction))
        if matches_mutant(ev, fns[ev.name], LOOSE if ev.name == "gradient_check" else None):
            who = "numerical_gradient" if ev.name == "numerical_gradient" else "the numerical gradient"
            return Finding("forward-difference",
                           f"{who} uses a one-sided difference {formula}: its error shrinks like eps, not "
                           f"eps² — use the central difference (f(x+eps) − f(x−eps))/(2·eps)",
                           {"formula": formula})
    return None


PUBLIC = "this is a one-sided difference — use (f(x+eps) − f(x−eps)) / (2·eps)"


def public(check):
    yield PUBLIC, variant(mutant_functions(numerical_gradient=one_sided(1))[check.name])


MISTAKE = Mistake("forward-difference", FUNCTIONS, recognise, public)
