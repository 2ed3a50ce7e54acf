"""Partial credit a constant cannot earn.

A function right on every hidden case earns its points. Otherwise each right case earns its
share — but only the cases a trivial answer would get wrong count: zeros in the reference's
shape, or one of the arguments handed back. A `gradient_check` that returns 0.0 for every
parameter is "right" wherever the gradient is right, and a `relative_error` that returns 0.0 is
right when both inputs are zero; neither earns anything for it. Nor do the cases whose answers
the public checks publish (the worked example is both): a table copied from public_cases.json
is right there and nowhere else.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache

import numpy as np

from autograder.compare import compare
from autograder.plain import Arr, Map, Num, Seq, from_plain, to_plain


def zeros_like(v):
    """The plain value of the same structure and shapes, all zeros; None where there is none."""
    if isinstance(v, Arr):
        return Arr(np.zeros_like(v.a), v.kind, v.from_list)
    if isinstance(v, Num):
        return Num(0.0, v.is_bool)
    if isinstance(v, Seq):
        items = [zeros_like(i) for i in v.items]
        return None if any(i is None for i in items) else Seq(items)
    if isinstance(v, Map):
        items = {k: zeros_like(i) for k, i in v.items.items()}
        return None if any(i is None for i in items.values()) else Map(items)
    return None


def trivial_answers(case, expected) -> list:
    """What an answer that does no work could return on this case."""
    answers = [zeros_like(expected)]
    answers += [from_plain(to_plain(a)) for a in case.args if isinstance(a, (np.ndarray, tuple, dict))]
    return [a for a in answers if a is not None]


def _digest(case) -> bytes:
    return hashlib.sha1(pickle.dumps((case.args, case.kwargs))).digest()


@cache
def published(check) -> frozenset[bytes]:
    """The cases of `check` whose answers the public checks ship."""
    from autograder.public.data import public_cases

    return frozenset(_digest(c) for c in public_cases(check))


def counts(check, case, expected, adjust=lambda answer, expected: answer) -> bool:
    """Whether a right answer on this case shows work: its answer is not published, and no trivial answer is
    right on it too. `adjust` is the judge's own allowance (gradient_check's: any error below `tiny` is right).
    """
    if _digest(case) in published(check):
        return False
    return not any(compare(adjust(t, expected), expected, check.tolerance).status == "passed"
                   for t in trivial_answers(case, expected))


def score(points: float, right: list[bool], counted: list[bool]) -> float:
    """Points for the cases right: all of them if every case is right, else the share of counted ones."""
    if right and all(right):
        return float(points)
    total = sum(counted)
    earned = sum(r and c for r, c in zip(right, counted))
    return float(min(points, round(points * earned / total, 4))) if total else 0.0
