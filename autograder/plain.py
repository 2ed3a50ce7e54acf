"""Plain data: what crosses from an untrusted process to the grader.

`to_plain` runs where student code runs and turns any returned object into JSON-able
data (numbers, strings, shapes, float64 bytes); `from_plain` runs in the grader and
rebuilds checked values from it. No student object, and no pickle, ever crosses.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from numbers import Number

import numpy as np

MAX_ELEMENTS = 1_000_000
MAX_DEPTH = 6


@dataclass
class Arr:
    """An array: float64 values, the original dtype kind ('f', 'i', 'b') and whether it was a list."""

    a: np.ndarray
    kind: str = "f"
    from_list: bool = False


@dataclass
class Num:
    """A scalar: a Python or numpy number, or a 0-d array."""

    v: float
    is_bool: bool = False


@dataclass
class Str:
    v: str


@dataclass
class Seq:
    items: list = field(default_factory=list)


@dataclass
class Map:
    items: dict = field(default_factory=dict)


@dataclass
class Other:
    """Anything else (None, a function, a string where numbers are due …): its type name."""

    type: str


def _array(value, from_list=False):
    a = np.array(value, copy=True, subok=False)
    if a.dtype.kind not in "biuf" or a.size > MAX_ELEMENTS:
        return {"t": "other", "type": f"array of {a.dtype}" if a.size <= MAX_ELEMENTS else "huge array"}
    kind = {"b": "b", "i": "i", "u": "i", "f": "f"}[a.dtype.kind]
    data = np.ascontiguousarray(a, dtype="<f8").tobytes()
    return {"t": "array", "kind": kind, "shape": list(a.shape), "list": from_list,
            "data": base64.b64encode(data).decode("ascii")}


def to_plain(value, depth: int = 0) -> dict:
    """JSON-able description of any value (runs next to untrusted code)."""
    if depth > MAX_DEPTH:
        return {"t": "other", "type": "too deeply nested"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "num", "v": float(bool(value)), "bool": True}
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, np.ndarray):
        try:
            return {"t": "num", "v": float(value), "bool": False}
        except (OverflowError, ValueError, TypeError):
            return {"t": "other", "type": type(value).__name__}
    if isinstance(value, np.ndarray):
        if value.ndim == 0 and value.dtype.kind in "biuf":
            return {"t": "num", "v": float(value), "bool": value.dtype.kind == "b"}
        return _array(value)
    if isinstance(value, str):
        return {"t": "str", "v": value[:200]}
    if isinstance(value, (list, tuple)):
        if not value:
            return _array(np.zeros(0), from_list=True)
        if len(value) <= MAX_ELEMENTS and all(
            isinstance(v, Number) and not isinstance(v, complex) for v in value
        ):
            return _array(list(value), from_list=True)
        if all(isinstance(v, (list, tuple)) for v in value) and value:
            try:  # a nested list of numbers, e.g. [[0.1, 0.2]]
                a = np.array(value)
                if a.dtype.kind in "biuf":
                    return _array(a, from_list=True)
            except (ValueError, TypeError):
                pass
        return {"t": "seq", "items": [to_plain(v, depth + 1) for v in value[:64]]}
    if isinstance(value, dict):
        return {"t": "map", "items": {str(k)[:64]: to_plain(v, depth + 1) for k, v in list(value.items())[:64]}}
    return {"t": "other", "type": type(value).__name__[:64]}


def from_plain(d) -> Arr | Num | Str | Seq | Map | Other:
    """Rebuild a checked value from plain data; anything malformed becomes Other."""
    try:
        t = d["t"]
        if t == "array":
            shape = tuple(int(n) for n in d["shape"])
            if any(n < 0 for n in shape) or math.prod(shape) > MAX_ELEMENTS:
                return Other("malformed array")
            a = np.frombuffer(base64.b64decode(d["data"]), dtype="<f8").astype(np.float64)
            return Arr(a.reshape(shape), kind=str(d["kind"])[:1], from_list=bool(d["list"]))
        if t == "num":
            return Num(float(d["v"]), bool(d.get("bool", False)))
        if t == "str":
            return Str(str(d["v"]))
        if t == "seq":
            return Seq([from_plain(v) for v in d["items"]])
        if t == "map":
            return Map({str(k): from_plain(v) for k, v in d["items"].items()})
        return Other(str(d.get("type", "?"))[:64])
    except (KeyError, TypeError, ValueError, AttributeError):
        return Other("malformed data")


def describe(v) -> str:
    """A short phrase for a value's type and shape, as a student reads it."""
    if isinstance(v, Arr):
        return f"{'a list' if v.from_list else 'an array'} of shape {v.a.shape}"
    if isinstance(v, Num):
        return "a number"
    if isinstance(v, Str):
        return f"the string {v.v!r}"
    if isinstance(v, Seq):
        return f"a sequence of {len(v.items)} items"
    if isinstance(v, Map):
        return f"a dict with keys {sorted(v.items)}"
    return f"{v.type}" if v.type != "NoneType" else "None"
