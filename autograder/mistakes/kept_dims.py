"""kept-dims: the right values with a kept singleton axis, e.g. (1, H) for (H,)."""

import numpy as np

from autograder.mistakes import Answers, Change, Finding, Mistake
from autograder.mistakes.common import call_quiet, close, join, leafwise, related


def _squeezed(shape) -> tuple:
    return tuple(n for n in shape if n != 1)


def recognise(ev: Answers) -> Finding | None:
    seen = {}

    def related(s, e, case):
        if s.ndim <= e.ndim or s.size != e.size or _squeezed(s.shape) != _squeezed(e.shape):
            return False
        seen.setdefault("shapes", (s.shape, e.shape))
        return close(np.reshape(s, e.shape), e, ev.check.tolerance)

    parts = leafwise(ev, related)
    if not parts:
        return None
    got, want = seen["shapes"]
    want_txt = "a plain number" if want == () else f"shape {want}"
    return Finding("kept-dims",
                   f"{join(parts)} {'has' if len(parts) == 1 else 'have'} the right values but shape {got} "
                   f"instead of {want_txt}: a kept singleton "
                   f"axis — drop keepdims=True (or index the result) to get {want_txt}",
                   {"parts": parts, "got": list(got), "want": list(want)})


PUBLIC = "right values, but with an extra axis of length 1 — drop keepdims=True"


def public(check):
    if check.name in ("gradients", "backprop"):
        yield PUBLIC, related(check, lambda a: a[None] if a.ndim == 1 else a)
    if check.name == "loss":
        yield PUBLIC, lambda case: np.array([[call_quiet(check.reference, case)]])


def _kept(e, s, at):
    """The right part reshaped to the student's, when that only adds axes of length 1."""
    if s.ndim > e.ndim and s.size == e.size and _squeezed(s.shape) == _squeezed(e.shape):
        return e.reshape(s.shape)
    return None


KEEP = Change("kept-dims", "{parts} with a kept singleton axis (drop keepdims=True)", _kept)

MISTAKE = Mistake("kept-dims", None, recognise, public, changes=lambda name: [KEEP])
