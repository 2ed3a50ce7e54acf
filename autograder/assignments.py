"""The assignments: one record each, and the registry every part of the kit reads them from.

An `Assignment` is what the kit knows of one problem set: its name (the folder under source/,
release/ and submitted/<student>/), its notebook's file name, its checks in notebook order, and
the reference modules its student's code mirrors. `ASSIGNMENTS` lists them in order; `get(name)`
gives one; `registered(a)` adds one for as long as a `with` block lasts (a test's throw-away one).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from autograder.checks import Check
from autograder.checks import ps1 as ps1_checks
from autograder.checks import ps2 as ps2_checks
from autograder.checks import ps3 as ps3_checks
from solutions import ps1, ps2, ps3


@dataclass(frozen=True)
class Assignment:
    """One problem set.

    `solutions` are the reference modules whose functions a student's notebook holds, in order: a
    later one may import an earlier one's functions (ps3's train calls ps1's backprop), and a mutant
    of an earlier one's function (autograder.mistakes.common.mutant_functions) is seen by the later
    one's functions that import it.
    """

    name: str
    notebook: str  # the notebook's file name in source/<name>/, release/<name>/ and a student's folder
    checks: tuple[Check, ...]  # in notebook order
    solutions: tuple[ModuleType, ...]

    def check(self, name: str) -> Check:
        """The check of the function (or answer) `name`; KeyError when it has none."""
        found = next((c for c in self.checks if c.name == name), None)
        if found is None:
            raise KeyError(f"{self.name} has no check {name!r}: expected one of {', '.join(self.names())}")
        return found

    def names(self) -> list[str]:
        """The names of its checks, in notebook order."""
        return [c.name for c in self.checks]

    def solved(self) -> dict:
        """Everything a fully solved notebook defines: the reference modules' names and the right answers."""
        ns: dict = {}
        for module in self.solutions:
            ns.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
        return {**ns, **{c.name: c.reference() for c in self.checks if c.answer}}


ASSIGNMENTS: dict[str, Assignment] = {a.name: a for a in (
    Assignment("ps1", "backprop.ipynb", tuple(ps1_checks.CHECKS), (ps1,)),
    Assignment("ps2", "gradcheck.ipynb", tuple(ps2_checks.CHECKS), (ps2,)),
    Assignment("ps3", "training.ipynb", tuple(ps3_checks.CHECKS), (ps1, ps3)),
)}


def get(name: str) -> Assignment:
    """The assignment called `name`; a KeyError that lists the known ones when there is none."""
    if name not in ASSIGNMENTS:
        raise KeyError(f"unknown assignment {name!r}: expected one of {', '.join(ASSIGNMENTS)}")
    return ASSIGNMENTS[name]


def register(assignment: Assignment) -> None:
    """Add an assignment after the others; ValueError when the name is taken."""
    if assignment.name in ASSIGNMENTS:
        raise ValueError(f"an assignment {assignment.name!r} is registered already")
    ASSIGNMENTS[assignment.name] = assignment


def unregister(name: str) -> None:
    """Take an assignment away again (KeyError as `get`)."""
    get(name)
    del ASSIGNMENTS[name]


@contextlib.contextmanager
def registered(assignment: Assignment) -> Iterator[Assignment]:
    """The assignment registered for the `with` block, and taken away after it, whatever happens in it."""
    register(assignment)
    try:
        yield assignment
    finally:
        unregister(assignment.name)


def reference_modules() -> tuple[ModuleType, ...]:
    """Every assignment's reference modules, each once, in the order the assignments list them."""
    return tuple(dict.fromkeys(m for a in ASSIGNMENTS.values() for m in a.solutions))


def check_named(name: str) -> Check | None:
    """The check of a function of any assignment (function names are unique across them), or None."""
    return next((c for a in ASSIGNMENTS.values() for c in a.checks if c.name == name), None)
