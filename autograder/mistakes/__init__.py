"""Naming the student's mistake from their outputs on the hidden cases.

Each module here is one catalogue id of ASSIGNMENTS.md, whole, as its `MISTAKE` (a `Mistake`):
the functions it can show in, its recogniser and hidden message, its wrong outputs and sentence
for the public checks. A recogniser returns a `Finding` only when the mistake explains every
hidden case the student's function answered (a case it got right is explained when the mistake
changes nothing there). Mistakes are tried in the order of ORDER; the first wins. They see
outputs and arguments, never the student's source.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from autograder.checks import Check


@dataclass
class Answers:
    """What a recogniser may look at: per case, the student's value, the reference's, the verdict."""

    check: Check
    cases: list
    student: list  # plain values; None where the call raised
    expected: list
    verdicts: list
    changed: list  # per case, positions of arguments the call changed

    @property
    def name(self) -> str:
        return self.check.name


@dataclass
class Finding:
    mistake: str
    message: str
    evidence: dict = field(default_factory=dict)
    mistakes: list[str] = field(default_factory=list)  # every id that together explains it; [mistake] if empty

    def __post_init__(self):
        self.mistakes = self.mistakes or [self.mistake]


@dataclass(frozen=True)
class At:
    """Where a part of an output is: the function, the case, and the case's dimensions."""

    name: str
    case: object
    dims: dict


@dataclass(frozen=True)
class Change:
    """A mistake as a change to one part of an output: `apply(e, s, at)` is the right part `e` changed (None where
    it cannot apply); `says` words it with `{parts}`, the parts it changes."""

    mistake: str
    says: str
    apply: Callable[[np.ndarray, np.ndarray, At], np.ndarray | None]


@dataclass(frozen=True)
class Mistake:
    """One catalogue mistake, whole: where it can show, how the hidden tests recognise it (and word it), and
    the wrong outputs the public checks compare a student's with (and their sentence), and what it is as a
    part of a combination (`bases`, `changes`: autograder.mistakes.combined).

    `recognise(ev)` is tried only on the functions in `functions`; it returns a Finding when the mistake
    explains every hidden case. `public(check)` yields (sentence, output of a public case, or None) for each
    wrong variant of the reference that can show in `check` — the same variants the recogniser matches,
    or for a relational mistake (negated, scaled, transposed …) the relation applied to the right output.
    """

    id: str
    functions: frozenset[str] | None  # None: any function (a relation between outputs, an argument changed)
    recognise: Callable[[Answers], Finding | None]
    public: Callable[[Check], Iterator[tuple[str, Callable]]] = lambda check: iter(())
    # with other mistakes (combined.py): a wrong variant of the reference to start from, as (what it says, the
    # function) for a function's name; or changes to the parts of an output
    bases: Callable[[str], Iterator[tuple[str, Callable]]] = lambda name: iter(())
    changes: Callable[[str], list[Change]] = lambda name: []

    def applies(self, name: str) -> bool:
        """Whether the mistake can show in the function `name`."""
        return self.functions is None or name in self.functions


# The catalogue, in the order its mistakes are tried: each id's module is autograder/mistakes/<id>.py,
# whose MISTAKE is the whole of it. The first that explains an answer names it.
ORDER = ("input-not-restored", "mutates-input", "derivative-of-activation", "derivative-applied-twice",
         "derivative-missing", "sigmoid-precedence", "thresholded-output", "forward-difference", "wrong-element",
         "lr-not-applied", "sign-flipped", "transposed", "kept-dims", "builtin-sum", "bias-not-summed", "scaled")
_ADDED: list[Mistake] = []  # registered at run time (a test's throw-away mistake), tried after the catalogue


def registry() -> list[Mistake]:
    """Every mistake, in the order they are tried."""
    return [importlib.import_module(f"{__name__}.{i.replace('-', '_')}").MISTAKE for i in ORDER] + _ADDED


@contextmanager
def registered(mistake: Mistake):
    """`mistake` in the registry (after the catalogue) for the length of a `with` block."""
    _ADDED.append(mistake)
    try:
        yield mistake
    finally:
        _ADDED.remove(mistake)


def catalogue() -> list[str]:
    """The ids of the registry, in the order they are tried."""
    return [m.id for m in registry()]


def name_mistake(ev: Answers) -> Finding | None:
    """The first mistake that explains every case, else two or three catalogue ones together, or None."""
    from autograder.mistakes import combined

    if any(s is None for s in ev.student):
        return None
    for mistake in registry():
        finding = mistake.recognise(ev) if mistake.applies(ev.name) else None
        if finding:
            return finding
    return combined.recognise(ev)
