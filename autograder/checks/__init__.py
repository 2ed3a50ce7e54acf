"""Declarative checks: one per student function (or answer variable).

A `Check` says what to call (name), what it is worth (points), which hidden cases it
is called on (cases), what the right answer is (reference) and how close is close
enough (tolerance), and what the reports may say of its value (parts, axes, evidence).
`assignment(name)` gives a registered assignment's checks in notebook order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder.tolerance import DEFAULT, Tolerance


@dataclass(frozen=True)
class Check:
    """How one function is graded."""

    name: str
    points: float
    reference: Callable[..., Any]
    cases: Callable[[np.random.Generator], list]
    tolerance: Tolerance = DEFAULT
    answer: bool = False  # a variable the student sets, not a function
    restores_input: bool = False  # may perturb its arguments in flight, must put them back
    # gradient_check: a reference relative error below this must stay below it
    tiny: float | None = None
    parts: tuple[str, ...] = ()  # names of the parts of its value, in order (forward: Z1, A1, Z2, A2)
    # argument name → the sizes its axes stand for: "ND" for X (N×D); for a tuple or dict of arrays, a dict of
    # such specs by part name (params: W1 "DH", b1 "H" …), read by position from a tuple, by key from a dict
    axes: dict = field(default_factory=dict, hash=False)
    # more evidence for the reports: evidence(check, cases, students, expected) → {key: value} (autograder.evidence)
    evidence: Callable[..., dict] | None = None
    choices: tuple[str, ...] = ()  # an answer's possible values, shown to the public checker


def assignment(name: str) -> list[Check]:
    """The checks of one registered assignment (autograder.assignments), in notebook order."""
    from autograder.assignments import get

    return list(get(name).checks)
