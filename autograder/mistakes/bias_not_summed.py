"""bias-not-summed: the bias gradient not summed over samples ((N, H)), or summed over the wrong axis."""

import numpy as np

from autograder.mistakes import Answers, Change, Finding, Mistake
from autograder.mistakes.common import call_quiet, close, join, paired_leaves
from solutions import ps1


def deltas(name: str, case):
    """(delta1, delta2) of a gradients or backprop case."""
    if name == "gradients":
        return case.args[2], case.args[3]
    X, Y, W1, b1, W2, b2 = case.args
    Z1, _, Z2, A2 = ps1.forward(X, W1, b1, W2, b2)
    delta2 = ps1.output_delta(Y, A2, Z2)
    return ps1.hidden_delta(delta2, W2, Z1), delta2


def _unsummed(s: np.ndarray, delta: np.ndarray, tol) -> str | None:
    for how, value in (("not summed over the samples", delta),
                       ("summed over the wrong axis (axis=1)", delta.sum(axis=1)),
                       ("summed over the wrong axis (axis=1)", delta.sum(axis=1, keepdims=True))):
        if close(s, value, tol):
            return how
    return None


def recognise(ev: Answers) -> Finding | None:
    parts, hows = [], set()
    for case, s, e in zip(ev.cases, ev.student, ev.expected):
        pair = paired_leaves(s, e)
        if pair is None or len(pair[0]) != 4:
            return None
        (sW1, sb1, sW2, sb2), (eW1, eb1, eW2, eb2) = pair
        tol = ev.check.tolerance
        if not (close(sW1, eW1, tol) and close(sW2, eW2, tol)):
            return None
        for name, sb, eb, delta in zip(("db1", "db2"), (sb1, sb2), (eb1, eb2), deltas(ev.name, case)):
            if close(sb, eb, tol):
                continue
            how = _unsummed(sb, delta, tol)
            if how is None:
                return None
            hows.add(how)
            if name not in parts:
                parts.append(name)
    if not parts:
        return None
    how = " / ".join(sorted(hows))
    return Finding("bias-not-summed",
                   f"{join(parts)} {'is' if len(parts) == 1 else 'are'} {how}: a bias is shared by all N "
                   f"samples, so its gradient sums the deltas over them — delta.sum(axis=0), shape (H,)",
                   {"parts": parts})


PUBLIC = "the bias gradient is not summed over the samples — use delta.sum(axis=0)"


def public(check):
    def unsummed(case):
        grads, (delta1, delta2) = call_quiet(check.reference, case), deltas(check.name, case)
        return grads[0], delta1, grads[2], delta2
    yield PUBLIC, unsummed


def _unsummed_part(e, s, at):
    """A bias gradient's part as the deltas it should have summed, when `e` is their sum."""
    if e.ndim != 1:
        return None
    for delta in deltas(at.name, at.case):
        if delta.shape[1:] == e.shape and np.allclose(delta.sum(axis=0), e, rtol=1e-9, atol=1e-12):
            return delta
    return None


UNSUMMED = Change("bias-not-summed", "the bias gradients are not summed over the samples (delta.sum(axis=0))",
                  _unsummed_part)
FUNCTIONS = frozenset({"gradients", "backprop"})

MISTAKE = Mistake("bias-not-summed", FUNCTIONS, recognise, public,
                  changes=lambda name: [UNSUMMED] if name in FUNCTIONS else [])
