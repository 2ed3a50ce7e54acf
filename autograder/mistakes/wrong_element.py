"""wrong-element: the numerical gradient perturbs, or writes, the wrong element."""

import numpy as np

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import matches_mutant, mutant_functions, variant


def _misplaced(s: np.ndarray, e: np.ndarray, tol) -> bool:
    """Every element of s is some element of e (or 0, never written), and not all in place."""
    if s.shape != e.shape or not np.all(np.isfinite(s)):
        return False
    bound = tol.atol * float(np.max(np.abs(e))) + tol.floor + 1e-9 * float(np.max(np.abs(e)))
    flat_e = np.append(e.ravel(), 0.0)
    for v in s.ravel():
        if np.min(np.abs(flat_e - v)) > bound:
            return False
    return not tol.close(s, e)


def shifted(offset: int):
    """numerical_gradient that perturbs element i+offset (flat, wrapping) but writes element i."""

    def numerical_gradient(f, x, eps=1e-5):
        grad = np.zeros_like(x, dtype=np.float64)
        flat = x.reshape(-1)
        for i in range(flat.size):
            j = (i + offset) % flat.size
            xp, xm = x.copy(), x.copy()
            xp.reshape(-1)[j] += eps
            xm.reshape(-1)[j] -= eps
            grad.reshape(-1)[i] = (f(xp) - f(xm)) / (2 * eps)
        return grad

    return numerical_gradient


def rowwise(f, x, eps=1e-5):
    """numerical_gradient that perturbs a whole slice x[i] at once and writes it to grad[i]."""
    grad = np.zeros_like(x, dtype=np.float64)
    for i in range(x.shape[0]):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        grad[i] = (f(xp) - f(xm)) / (2 * eps)
    return grad


ROWWISE = ("numerical_gradient perturbs a whole row x[i] at once (a loop over the first axis only), so each "
           "entry gets the sum of the row's partial derivatives — loop over every element with "
           "np.ndindex(x.shape) and perturb x[ix] alone")


def recognise(ev: Answers) -> Finding | None:
    if ev.name == "numerical_gradient" and any(np.ndim(c.args[1]) > 1 for c in ev.cases) and matches_mutant(
            ev, mutant_functions(numerical_gradient=rowwise)["numerical_gradient"]):
        return Finding("wrong-element", ROWWISE)
    if ev.name == "numerical_gradient":
        wrong = False
        for s, e, v in zip(ev.student, ev.expected, ev.verdicts):
            if not hasattr(s, "a") or not hasattr(e, "a"):
                return None
            if v.status == "passed":
                continue
            if not _misplaced(s.a, e.a, ev.check.tolerance):
                return None
            wrong = True
        if wrong:
            return Finding("wrong-element",
                           "numerical_gradient puts the right partial derivatives in the wrong places: it "
                           "perturbs one element and writes the result to another (or perturbs the same "
                           "element twice) — perturb x[ix] and store the difference in grad[ix], same ix")
        return None
    if ev.name == "gradient_check":
        for offset in (1, -1):
            if matches_mutant(ev, mutant_functions(numerical_gradient=shifted(offset))["gradient_check"]):
                return Finding("wrong-element",
                               "gradient_check's numerical gradient perturbs a neighbouring element instead of "
                               "the one it computes: perturb params[name][ix] and store the result at ix")
    return None


PUBLIC = "the partial derivatives are in the wrong places — perturb x[ix] and write grad[ix]"


def public(check):
    yield PUBLIC, variant(mutant_functions(numerical_gradient=shifted(1))[check.name])


MISTAKE = Mistake("wrong-element", frozenset({"numerical_gradient", "gradient_check"}), recognise, public)
