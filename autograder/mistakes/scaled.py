"""scaled: off by a constant factor (2, ½, N, 1/N, 1/(N·K) …), named with its likely cause."""

from __future__ import annotations

import numpy as np

from autograder.mistakes import Answers, Change, Finding, Mistake
from autograder.mistakes.common import call_quiet, dims, paired_leaves, related

HALF = "the ½ of E = ½·Σ(A2 − Y)² is missing: the derivative of (a − y)² is 2(a − y)"
FACTORS = [
    ("2", lambda d: 2.0, HALF),
    ("½", lambda d: 0.5, "an extra ½: the derivative of ½(a − y)² is (a − y), the ½ is already used up"),
    ("1/N", lambda d: 1.0 / d["N"], "a mean over the N samples instead of a sum"),
    ("N", lambda d: float(d["N"]), "multiplied by the number of samples N"),
    ("2/N", lambda d: 2.0 / d["N"], "a mean over the samples of (A2 − Y)², without the ½, instead of ½·sum"),
    ("1/(N·K)", lambda d: 1.0 / (d["N"] * d["K"]), "a mean over all N·K outputs (MSE) instead of E's ½·sum"),
    ("2/(N·K)", lambda d: 2.0 / (d["N"] * d["K"]),
     "the MSE mean((A2 − Y)²) instead of E = ½·sum((A2 − Y)²)"),
    ("1/K", lambda d: 1.0 / d["K"], "a mean over the K outputs instead of a sum"),
    ("K", lambda d: float(d["K"]), "multiplied by the number of outputs K"),
    ("1/H", lambda d: 1.0 / d["H"], "divided by the number of hidden units H"),
    ("H", lambda d: float(d["H"]), "multiplied by the number of hidden units H"),
]
# what still holds: a scaled gradient is the exact gradient of a scaled loss
STILL_HOLDS = {"2": "E without its ½, Σ(A2 − Y)²", "1/N": "the mean loss E/N",
               "2/N": "the mean of (A2 − Y)² over the samples", "1/(N·K)": "the mean over all outputs",
               "2/(N·K)": "the MSE, mean((A2 − Y)²)"}
GRADIENTS = {"output_delta", "hidden_delta", "gradients", "backprop"}
SPECIFIC = {("loss", "2"): "the ½ is missing: E = ½·Σ(A2 − Y)² (it makes the derivative simply A2 − Y)",
            ("loss", "2/(N·K)"): "the MSE mean((A2 − Y)²) instead of E = ½·Σ(A2 − Y)²",
            ("numerical_gradient", "2"): "dividing by eps instead of 2·eps",
            ("numerical_gradient", "½"): "dividing by 4·eps (or by 2·eps twice) instead of 2·eps"}
NOT_SCALED = {"sgd_step", "train", "init_params", "predict", "sigmoid", "buggy_parameter"}


def _factor(s_leaves, e_leaves, tol) -> float | None:
    if any(x.shape != y.shape for x, y in zip(s_leaves, e_leaves)):
        return None
    s = np.concatenate([np.ravel(x) for x in s_leaves])
    e = np.concatenate([np.ravel(x) for x in e_leaves])
    if not np.all(np.isfinite(s)) or not np.any(e):
        return None
    c = float(np.dot(s, e) / np.dot(e, e))
    if all(x.shape == y.shape and tol.close(x, c * y) for x, y in zip(s_leaves, e_leaves)):
        return c
    return None


def recognise(ev: Answers) -> Finding | None:
    if ev.name in NOT_SCALED:
        return None
    factors, case_dims = [], []
    for case, s, e in zip(ev.cases, ev.student, ev.expected):
        pair = paired_leaves(s, e)
        if pair is None:
            return None
        c = _factor(*pair, ev.check.tolerance)
        if c is None:
            if all(not np.any(x) for x in pair[1]):
                continue  # a zero reference is explained by any factor
            return None
        factors.append(c)
        case_dims.append(dims(ev.check, case))
    if not factors or all(abs(c - 1) < 1e-6 for c in factors) or any(c <= 0 for c in factors):
        return None
    for label, f, cause in FACTORS:
        try:
            if all(abs(c - f(d)) <= 1e-6 * abs(f(d)) for c, d in zip(factors, case_dims)):
                cause = SPECIFIC.get((ev.name, label), cause)
                holds = (f"; the rest holds — it is exactly the gradient of {STILL_HOLDS[label]}, so only the "
                         f"loss convention is off" if ev.name in GRADIENTS and label in STILL_HOLDS else "")
                return Finding("scaled", f"{ev.name} is exactly {label}× the right value on every case — "
                                         f"likely cause: {cause}{holds}", {"factor": label})
        except KeyError:
            continue
    if max(factors) - min(factors) <= 1e-6 * max(abs(c) for c in factors):
        shown = f"{factors[0]:.4g}" if f"{factors[0]:.4g}" != "1" else f"{factors[0]:.8g}"
        return Finding("scaled", f"{ev.name} is exactly {shown}× the right value on every case: look "
                                 f"for a stray constant factor", {"factor": shown})
    return None


def public(check):
    name = check.name
    if name in ("loss", "gradients", "backprop", "output_delta"):
        yield ("this is exactly 2× the right answer — the ½ of E = ½·Σ(A2 − Y)² is missing",
               related(check, lambda a: 2 * a))
    if name == "loss":
        yield ("this is the mean squared error — E is ½·sum((A2 − Y)²), not mean((A2 − Y)²)",
               lambda case: 2 * call_quiet(check.reference, case) / case.args[0].size)
    if name in ("gradients", "backprop"):
        yield ("this is exactly 1/N × the right answer — a mean over the samples where E sums",
               lambda case: related(check, lambda a: a / len(case.args[0]))(case))
    if name == "numerical_gradient":
        yield "this is exactly 2× the right answer — divide by 2·eps, not eps", related(check, lambda a: 2 * a)


def _scaled(factor):
    def apply(e, s, at):
        try:
            return factor(at.dims) * e
        except KeyError:  # a factor of a dimension this function's arguments do not show
            return None
    return apply


def changes(name):
    if name in NOT_SCALED:
        return []
    return [Change("scaled", f"{label}× ({SPECIFIC.get((name, label), cause)})", _scaled(f))
            for label, f, cause in FACTORS]


MISTAKE = Mistake("scaled", None, recognise, public, changes=changes)  # any function but NOT_SCALED
