"""transposed: the right numbers, transposed."""

from autograder.mistakes import Answers, Change, Finding, Mistake
from autograder.mistakes.common import close, join, leafwise, related

HINTS = {
    "hidden_delta": "δ1 has one row per sample, (N, H) — it is delta2 @ W2.T, scaled by σ'(Z1)",
    "output_delta": "δ2 has one row per sample, (N, K), like A2 and Y",
    "forward": "rows are samples: Z1 = X @ W1 + b1 is (N, H)",
}


def recognise(ev: Answers) -> Finding | None:
    def related(s, e, case):
        return e.ndim >= 2 and s.shape == e.T.shape and close(s, e.T, ev.check.tolerance)

    parts = leafwise(ev, related)
    if not parts:
        return None
    hint = HINTS.get(ev.name, "a weight gradient has the shape of its weight, (inputs, outputs) — e.g. "
                                "dW1 = X.T @ delta1 is (D, H), delta1.T @ X would be (H, D)")
    verb = "holds" if len(parts) == 1 else "hold"
    return Finding("transposed", f"{join(parts)} {verb} the right numbers, transposed: {hint}", {"parts": parts})


PUBLIC = "these are the right numbers, transposed — a weight gradient has its weight's shape"


def public(check):
    if check.name in ("gradients", "backprop"):
        yield PUBLIC, related(check, lambda a: a.T)


TRANSPOSE = Change("transposed", "{parts} transposed", lambda e, s, at: e.T if e.ndim >= 2 else None)

MISTAKE = Mistake("transposed", None, recognise, public, changes=lambda name: [TRANSPOSE])
