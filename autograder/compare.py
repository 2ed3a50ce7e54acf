"""Compares one returned value with the reference's, as plain data.

`compare` answers with a `Verdict`: passed, wrong-type, wrong-shape, not-finite or
failed, with the place (e.g. 'item 2', "key 'W1'"), both shapes and the largest
discrepancy. Sequences are compared item by item, dicts key by key.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autograder.plain import Arr, Map, Num, Seq, Str, describe
from autograder.tolerance import Tolerance

ORDER = ("wrong-type", "not-finite", "wrong-shape", "failed", "passed")  # most serious first: the one home of it


@dataclass
class Verdict:
    status: str
    detail: str = ""
    where: str = ""
    expected_shape: tuple | None = None
    actual_shape: tuple | None = None
    max_error: float | None = None


def as_array(v):
    """A number, an array or a list of numbers as a float64 array, else None."""
    if isinstance(v, Arr):
        return v.a
    if isinstance(v, Num):
        return np.array(v.v)
    if isinstance(v, Seq) and all(isinstance(i, Num) for i in v.items):
        return np.array([i.v for i in v.items], dtype=np.float64)
    return None


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _arrays(s: np.ndarray, r: np.ndarray, tol: Tolerance, where: str) -> Verdict:
    if s.shape != r.shape:
        return Verdict("wrong-shape", f"{where}expected shape {r.shape}, got shape {s.shape}",
                       where, r.shape, s.shape)
    r_finite = bool(np.isfinite(r).all())
    if r_finite and not np.isfinite(s).all():
        i = np.unravel_index(int(np.argmax(~np.isfinite(s))), s.shape) if s.ndim else ()
        return Verdict("not-finite", f"{where}got {s[i]} at index {tuple(int(j) for j in i)} "
                       f"where {_fmt(r[i])} is right", where, r.shape, s.shape)
    with np.errstate(all="ignore"):
        err = np.abs(s - r)
        bad = err > tol.bound(r)
    if not bad.any():
        return Verdict("passed", where=where, expected_shape=r.shape, actual_shape=s.shape,
                       max_error=float(err.max()) if err.size else 0.0)
    i = np.unravel_index(int(np.argmax(np.where(bad, err, -1))), s.shape) if s.ndim else ()
    idx = f" at index {tuple(int(j) for j in i)}" if s.ndim else ""
    return Verdict("failed", f"{where}largest discrepancy {_fmt(float(err[i]))}{idx}: "
                   f"expected {_fmt(float(r[i]))}, got {_fmt(float(s[i]))}",
                   where, r.shape, s.shape, float(np.max(err)))


def compare(student, expected, tol: Tolerance, where: str = "") -> Verdict:
    """How `student` (plain value) measures up against `expected` (the reference's)."""
    if isinstance(expected, Str):
        if isinstance(student, Str) and student.v.strip() == expected.v:
            return Verdict("passed")
        if isinstance(student, Str):
            return Verdict("failed", f"{where}{student.v!r} is not the right answer")
        return Verdict("wrong-type", f"{where}expected a string, got {describe(student)}")
    if isinstance(expected, Seq):
        if not expected.items and (isinstance(student, Seq) and not student.items
                                   or isinstance(student, Arr) and student.a.size == 0):
            return Verdict("passed")
        if not isinstance(student, Seq) or len(student.items) != len(expected.items):
            return Verdict("wrong-type", f"{where}expected a tuple of {len(expected.items)} items, "
                           f"got {describe(student)}")
        verdicts = [compare(s, e, tol, f"{where}item {i}: ") for i, (s, e) in
                    enumerate(zip(student.items, expected.items))]
        return worst(verdicts)
    if isinstance(expected, Map):
        if not isinstance(student, Map):
            return Verdict("wrong-type", f"{where}expected a dict, got {describe(student)}")
        missing = sorted(set(expected.items) - set(student.items))
        if missing:
            return Verdict("wrong-type", f"{where}the dict has no key {missing[0]!r}")
        return worst([compare(student.items[k], e, tol, f"{where}{k!r}: ") for k, e in expected.items.items()])
    if isinstance(expected, Num):
        if isinstance(student, Num):
            return _arrays(np.array(student.v), np.array(expected.v), tol, where)
        if isinstance(student, Arr):
            return Verdict("wrong-shape", f"{where}expected a number, got {describe(student)}",
                           where, (), student.a.shape)
        return Verdict("wrong-type", f"{where}expected a number, got {describe(student)}")
    if isinstance(expected, Arr) and expected.kind in "ib" and isinstance(student, Arr) and student.kind == "f":
        return Verdict("wrong-type", f"{where}expected integers (or booleans), got floats — "
                       f"e.g. (A2 > 0.5).astype(int)", where, expected.a.shape, student.a.shape)
    s = as_array(student)
    if s is None:
        return Verdict("wrong-type", f"{where}expected an array of shape {expected.a.shape}, "
                       f"got {describe(student)}")
    return _arrays(s, expected.a, tol, where)


def severity(verdict: Verdict) -> int:
    """Where a verdict stands in ORDER: 0 for wrong-type, the most serious, up to passed."""
    return ORDER.index(verdict.status)


def worst(verdicts: list[Verdict]) -> Verdict:
    """The verdict that matters most (wrong-type first, passed last); the first of them on a tie."""
    return min(verdicts, key=severity) if verdicts else Verdict("passed")
