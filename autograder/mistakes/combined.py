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
from itertools import combinations

from autograder.mistakes import Answers, At, Change, Finding, registry
from autograder.mistakes.common import close, dims, join, leaf_names, paired_leaves, run_quiet

GRADIENTS = {"output_delta", "hidden_delta", "gradients", "backprop"}
CHANGED = GRADIENTS | {"loss", "numerical_gradient"}  # the functions whose parts the leaf changes apply to
LARGEST = 3


def changes(name: str) -> list[Change]:
    """The leaf changes that can show in `name`, mistake by mistake in the registry's order."""
    if name not in CHANGED:
        return []
    return [c for m in registry() if m.applies(name) for c in m.changes(name)]


def bases(name: str) -> Iterator[tuple[str, str, Callable]]:
    """(id, what it says, the mutant function) for the wrong variants a combination can start from in `name`."""
    for m in registry():
        if m.applies(name):
            for says, fn in m.bases(name):
                yield m.id, says, fn


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
