"""transposed: the right numbers, transposed."""

from autograder.mistakes import Evidence, Finding
from autograder.mistakes.common import close, join, leafwise


def recognise(ev: Evidence) -> Finding | None:
    def related(s, e, case):
        return e.ndim >= 2 and s.shape == e.T.shape and close(s, e.T, ev.check.tolerance)

    parts = leafwise(ev, related)
    if not parts:
        return None
    return Finding("transposed",
                   f"{join(parts)} holds the right numbers, transposed: a weight gradient has the shape of its "
                   f"weight, (inputs, outputs) — e.g. dW1 = X.T @ delta1 is (D, H), delta1.T @ X would be (H, D)",
                   {"parts": parts})
