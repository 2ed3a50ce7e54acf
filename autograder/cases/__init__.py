"""Hidden cases: the inputs each function is called on.

Every assignment module builds, per function, a list of `Case`s from a random
generator: fixed cases (the worked example, awkward all-different sizes, extremes)
and random ones drawn from a generator seeded by the assignment, the student and the
course secret, so a re-grade sees the same inputs and no two students share them all.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import hashlib
from dataclasses import dataclass, field

import numpy as np

from autograder.sandbox import casefns


@dataclass
class Case:
    """One call: a label a student can read, positional and keyword arguments."""

    label: str
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def materialize(self) -> tuple[tuple, dict]:
        """Fresh copies of the arguments, with `casefns.Fn` specs turned into functions."""
        args, kwargs = copy.deepcopy((self.args, self.kwargs))
        return tuple(casefns.build(a) for a in args), {k: casefns.build(v) for k, v in kwargs.items()}


def seed_for(assignment: str, name: str, student: str, secret: str) -> int:
    """A reproducible 64-bit seed for one student's random cases of one function."""
    digest = hashlib.sha256(f"{secret}\0{assignment}\0{name}\0{student}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


def rng_for(assignment: str, name: str, student: str = "", secret: str = "") -> np.random.Generator:
    return np.random.default_rng(seed_for(assignment, name, student, secret))


def distinct_sizes(rng: np.random.Generator, count: int = 4, low: int = 2, high: int = 9) -> list[int]:
    """`count` different sizes in [low, high], so transposes and wrong axes show."""
    return [int(n) for n in rng.choice(np.arange(low, high + 1), size=count, replace=False)]


CLASS_SEED = 5432  # the fixed awkward cases every student of a class shares (answers are compared on them)
_shared_seed = contextvars.ContextVar("shared_seed", default=CLASS_SEED)


def shared_rng() -> np.random.Generator:
    """The generator of the cases the whole class shares: the same for every student, never published."""
    return np.random.default_rng(_shared_seed.get())


@contextlib.contextmanager
def shared_seed(seed: int):
    """Draw the shared cases from `seed` instead (the public cases: published, so not the hidden ones)."""
    token = _shared_seed.set(seed)
    try:
        yield
    finally:
        _shared_seed.reset(token)
