"""Combined mistakes: where no one catalogue id explains an answer, two or three together may.

The same mistakes as the recognisers', as changes to the reference: a *base* (a mutant of the
reference, run on the case — a wrong σ', thresholded predictions) and *leaf changes* applied to
each part of the output (negated, scaled by a named factor, transposed, a kept axis, an unsummed
bias). A set of them explains the answer when, on every hidden case, every part of the student's
output is the reference's (or the base's) part with some of the set's changes applied, and every
member of the set is needed somewhere. Sets are tried smallest first: a pair before a triple.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from autograder.mistakes import Answers, Finding, scaled, sign_flipped, thresholded_output
from autograder.mistakes import derivative_applied_twice as twice
from autograder.mistakes import derivative_of_activation as activation
from autograder.mistakes.bias_not_summed import deltas
from autograder.mistakes.builtin_sum import loss_by_rows
from autograder.mistakes.common import (
    close,
    dims,
    join,
    layer,
    leaf_names,
    paired_leaves,
    run_quiet,
    sigma_prime_mutants,
)
from autograder.mistakes.derivative_missing import no_sigma_prime

GRADIENTS = {"output_delta", "hidden_delta", "gradients", "backprop"}
CHANGED = GRADIENTS | {"loss", "numerical_gradient"}  # the functions whose parts the leaf changes apply to
LARGEST = 3


@dataclass(frozen=True)
class Change:
    """One catalogue mistake as a change to a part: `apply(e, s, at)` is the changed part, or None."""

    mistake: str
    says: str
    apply: Callable


@dataclass(frozen=True)
class At:
    """Where a part is: the function, the case, and the case's dimensions."""

    name: str
    case: object
    dims: dict


def _kept(e, s, at):
    squeezed = lambda shape: tuple(n for n in shape if n != 1)  # noqa: E731
    if s.ndim > e.ndim and s.size == e.size and squeezed(s.shape) == squeezed(e.shape):
        return e.reshape(s.shape)
    return None


def _unsummed(e, s, at):
    if at.name not in ("gradients", "backprop") or e.ndim != 1:
        return None
    for delta in deltas(at.name, at.case):
        if delta.shape[1:] == e.shape and np.allclose(delta.sum(axis=0), e, rtol=1e-9, atol=1e-12):
            return delta
    return None


def _by_rows(e, s, at):
    """loss: the right E summed by rows (the built-in sum), when `e` is the right E itself."""
    if at.name != "loss" or e.ndim or s.ndim != 1:
        return None
    rows = np.asarray(loss_by_rows(*at.case.args))
    return rows if np.isclose(rows.sum(), e, rtol=1e-12, atol=0) else None


def _scaled(factor):
    def apply(e, s, at):
        try:
            return factor(at.dims) * e
        except KeyError:  # a factor of a dimension this function's arguments do not show
            return None
    return apply


def changes(name: str) -> list[Change]:
    """The leaf changes that can show in `name`, in the order their ids are reported."""
    if name not in CHANGED:
        return []
    out = [Change("bias-not-summed", "the bias gradients are not summed over the samples (delta.sum(axis=0))",
                  _unsummed),
           Change("transposed", "{parts} transposed", lambda e, s, at: e.T if e.ndim >= 2 else None),
           Change("kept-dims", "{parts} with a kept singleton axis (drop keepdims=True)", _kept),
           Change("sign-flipped", "{parts} negated — " + sign_flipped.HINTS.get(name, "flip the sign"),
                  lambda e, s, at: -e)]
    if name == "loss":
        out += [Change("builtin-sum", "summed with Python's built-in sum, which adds up only the rows (use np.sum)",
                       _by_rows)]
    if name not in scaled.NOT_SCALED:
        out += [Change("scaled", f"{label}× ({scaled.SPECIFIC.get((name, label), cause)})", _scaled(f))
                for label, f, cause in scaled.FACTORS]
    return out


def bases(name: str) -> Iterator[tuple[str, str, Callable]]:
    """(id, what it says, the mutant function) for the mutants that can show in `name`."""
    for mistake, says, bad in (
            ("derivative-of-activation", "σ'(z) computed as z·(1−z) in {where}", activation.sigma_prime_of_activation),
            ("derivative-applied-twice", "σ' applied to an activation, σ'(σ(z)), in {where}",
             twice.sigma_prime_of_sigma),
            ("derivative-missing", "σ' left out in {where}", no_sigma_prime)):
        for where, fns in sigma_prime_mutants(bad):
            if name in fns and name != "sigmoid_derivative":
                yield mistake, says.format(where=layer(name, where)), fns[name]
    if name in thresholded_output.FUNCTIONS:
        for fns in thresholded_output.mutants():
            yield "thresholded-output", "the error is computed from the 0/1 predictions (A2 > 0.5)", fns[name]


def _explains(ev: Answers, places: list[At], base_outputs: list, chosen: tuple[Change, ...]) -> dict | None:
    """{id: parts it changes} when base + `chosen` explain every part of every case, each change used; else None."""
    used: dict[str, list[str]] = {c.mistake + c.says: [] for c in chosen}
    subsets = [sub for k in range(len(chosen) + 1) for sub in combinations(chosen, k)]
    for s, e, at in zip(ev.student, base_outputs, places):
        pair = paired_leaves(s, e)
        if pair is None:
            return None
        for part, sl, el in zip(leaf_names(ev.name, e), *pair):
            for sub in subsets:
                value = el
                for change in sub:
                    value = None if value is None else change.apply(value, sl, at)
                if value is not None and close(sl, value, ev.check.tolerance):
                    for change in sub:
                        if part not in used[change.mistake + change.says]:
                            used[change.mistake + change.says].append(part)
                    break
            else:
                return None
    return used if all(used.values()) else None


def _differs(ev: Answers, outputs: list) -> bool:
    for e, m in zip(ev.expected, outputs):
        pair = paired_leaves(m, e)
        if pair is None or any(not close(a, b, ev.check.tolerance) for a, b in zip(*pair)):
            return True
    return False


def recognise(ev: Answers) -> Finding | None:
    """Two or three catalogue mistakes that together explain every case, or None."""
    leaf_changes = changes(ev.name)
    if not leaf_changes:
        return None
    places = [At(ev.name, case, dims(ev.check, case)) for case in ev.cases]
    candidates = [(None, None, ev.expected)]
    for mistake, says, fn in bases(ev.name):
        outputs = [run_quiet(fn, case) for case in ev.cases]
        if all(o is not None for o in outputs) and _differs(ev, outputs):
            candidates.append((mistake, says, outputs))
    for size in range(1, LARGEST + 1):
        for mistake, says, outputs in candidates:
            k = size - (mistake is not None)
            for chosen in combinations(leaf_changes, k) if k >= 0 else []:
                if len({c.mistake for c in chosen} | ({mistake} if mistake else set())) < size:
                    continue  # the same mistake twice (two factors) is not two mistakes
                used = _explains(ev, places, outputs, chosen)
                if used is None:
                    continue
                if size == 1:
                    return None  # one mistake alone: its recogniser decided, and did not name it
                return _finding(ev, mistake, says, chosen, used)
    return None


def _finding(ev: Answers, mistake: str | None, says: str | None, chosen, used: dict) -> Finding:
    ids = ([mistake] if mistake else []) + [c.mistake for c in chosen]
    clauses = ([f"{mistake} — {says}"] if mistake else []) + [
        f"{c.mistake} — {c.says.format(parts=join(used[c.mistake + c.says]))}" for c in chosen]
    count = {2: "two", 3: "three"}[len(ids)]
    fix = "both" if len(ids) == 2 else "all three"
    return Finding(ids[0], f"{ev.name} has {count} mistakes that together explain every case: "
                           f"{'; '.join(clauses)} — fix {fix}", {"mistakes": ids}, ids)
