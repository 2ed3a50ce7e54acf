"""Declarative checks: one per student function (or answer variable).

A `Check` says what to call (name), what it is worth (points), which hidden cases it
is called on (cases), what the right answer is (reference) and how close is close
enough (tolerance). `assignment(name)` gives an assignment's checks in notebook order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def assignment(name: str) -> list[Check]:
    """The checks of one assignment ('ps1', 'ps2', 'ps3'), in notebook order."""
    from autograder.checks import ps1, ps2, ps3

    modules = {"ps1": ps1, "ps2": ps2, "ps3": ps3}
    if name not in modules:
        raise KeyError(f"unknown assignment {name!r}: expected one of {', '.join(modules)}")
    return modules[name].CHECKS


ASSIGNMENTS = ("ps1", "ps2", "ps3")

