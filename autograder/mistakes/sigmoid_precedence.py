"""sigmoid-precedence: `1 / 1 + np.exp(-z)`, which is 1 + e^(−z) — division binds tighter than addition.

Named in sigmoid, and in the functions built on σ (σ', forward, the deltas, backprop, train) wherever
the slip explains every case: σ wrong everywhere, in the forward pass only, or in σ' only. Not in
predict: an all-ones prediction (1 + e^(−z) > 0.5 always) singles out no mistake; a predict on top
of the student's wrong sigmoid is said to fail through it (autograder.inherit).
"""

import numpy as np

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import matches_mutant, mutant_functions, rebind, variant
from solutions import ps1

USERS = frozenset({"sigmoid", "sigmoid_derivative", "forward", "output_delta", "hidden_delta", "backprop", "train"})


def unparenthesised(z):
    """`1 / 1 + np.exp(-z)`: 1 + e^(−z)."""
    return 1 / 1 + np.exp(-np.asarray(z, dtype=np.float64))


def unparenthesised_stable(z):
    """The stable form with both branches unparenthesised: `1 / 1 + e` for z ≥ 0, `e / 1 + e` (2e) below."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / 1 + e, e / 1 + e)


SLIPS = [  # (what the student wrote, what it computes, what is right, the slip)
    ("`1 / 1 + np.exp(-z)`", "1 + e^(−z)", "1 / (1 + np.exp(-z))", unparenthesised),
    ("`1 / 1 + e` and `e / 1 + e` (e = e^(−|z|))", "1 + e^(−z) for z ≥ 0 and 2·e^z below",
     "1 / (1 + e) and e / (1 + e)", unparenthesised_stable),
]


def sigmoid_mutants(bad):
    """The reference with a wrong σ everywhere, in the forward pass only, or in σ' only."""
    wrong = rebind(ps1, sigmoid=bad)
    yield "everywhere", mutant_functions(sigmoid=bad)
    yield "the forward pass", mutant_functions(forward=wrong["forward"])
    yield "σ'", mutant_functions(sigmoid_derivative=wrong["sigmoid_derivative"])


VIA = {"output_delta": "sigmoid_derivative", "hidden_delta": "sigmoid_derivative"}  # where they get σ from
PLACES = {"everywhere": ("", "in your sigmoid (or wherever {via} computes σ itself)"),
          "the forward pass": (" in the forward pass only (σ' is right)", "where the forward pass computes A1 and A2"),
          "σ'": (" in σ' only (the forward pass is right)", "where your σ' computes σ(z)")}


def recognise(ev: Answers) -> Finding | None:
    for code, value, right, bad in SLIPS:
        for where, fns in sigmoid_mutants(bad):
            if not matches_mutant(ev, fns[ev.name], key=(bad, where)):
                continue
            if ev.name == "sigmoid":
                msg = (f"sigmoid(z) returned {value}: in {code} the division comes before the addition — "
                       f"division binds tighter than +, so the denominator needs its parentheses: {right}")
            else:
                place, fix = PLACES[where]
                msg = (f"{ev.name} gives exactly what it gives when σ(z) is computed as {value}{place}: the "
                       f"precedence slip {code} — division binds tighter than +, so write {right} "
                       f"{fix.format(via=VIA.get(ev.name, ev.name))}")
            return Finding("sigmoid-precedence", msg, {"where": where, "slip": code})
    return None


PUBLIC = ("this is what σ computed as `1 / 1 + np.exp(-z)` gives, 1 + e^(−z) — division binds tighter than +: "
          "write 1 / (1 + np.exp(-z))")


def public(check):
    for *_, bad in SLIPS:
        for _, fns in sigmoid_mutants(bad):
            yield PUBLIC, variant(fns[check.name])


MISTAKE = Mistake("sigmoid-precedence", USERS, recognise, public)
