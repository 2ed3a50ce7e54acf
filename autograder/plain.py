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


MAX_ITEMS = 64  # items of a sequence or a dict, as to_plain sends them
MAX_STR = 200
MAX_NAME = 64
MAX_NDIM = 32
MAX_DIM = 2**31 - 1  # the non-zero axes together (an empty array may have long axes beside a zero one)
KINDS = ("f", "i", "b")
MAX_NODES = 20_000  # parts of one value, all levels together
MAX_TOTAL_ELEMENTS = 4 * MAX_ELEMENTS  # array elements of one value, all parts together
_B64_CHARS = 4 * ((8 * MAX_ELEMENTS + 2) // 3)


def clean(text: str, limit: int) -> str:
    """At most `limit` characters of untrusted text, encodable as UTF-8 (a lone surrogate becomes '?')."""
    return text[:limit].encode("utf-8", "replace").decode("utf-8")


class Malformed(ValueError):
    """Plain data that does not fit the model; the message says how."""


class TooLarge(Malformed):
    """A value whose parts together exceed the budget: the whole value is malformed, not just a part."""


@dataclass
class Budget:
    """What is left for the rest of one value: its parts and its array elements."""

    nodes: int = MAX_NODES
    elements: int = MAX_TOTAL_ELEMENTS

    def spend(self, nodes: int = 0, elements: int = 0) -> None:
        self.nodes -= nodes
        self.elements -= elements
        if self.nodes < 0 or self.elements < 0:
            raise TooLarge("data: too large")


def from_plain(d) -> Arr | Num | Str | Seq | Map | Other:
    """Rebuild a checked value from plain data; anything malformed becomes Other('malformed …').

    `d` is untrusted: it is parsed against the model above (bounded depth, items, strings
    and sizes, in each part and all together; finite non-negative shapes whose product
    matches the data) and never raises.
    """
    try:
        return _part(d, 0, Budget())
    except TooLarge as exc:
        return Other(f"malformed {exc}")
    except Exception:  # noqa: BLE001 - whatever the data, the grader goes on
        return Other("malformed data")


def native(v):
    """The Python value a checked one describes — arrays (of their kind), numbers, tuples, dicts, strings —
    to call a function with; ValueError for anything else (`Other`)."""
    if isinstance(v, Arr):
        return v.a.astype({"f": np.float64, "i": np.int64, "b": bool}[v.kind])
    if isinstance(v, Num):
        return bool(v.v) if v.is_bool else v.v
    if isinstance(v, Seq):
        return tuple(native(x) for x in v.items)
    if isinstance(v, Map):
        return {k: native(x) for k, x in v.items.items()}
    if isinstance(v, Str):
        return v.v
    raise ValueError(f"{describe(v)} cannot be passed on")


def _part(d, depth: int, budget: Budget):
    """One part of a value; a malformed part is Other('malformed …'), a value over budget raises TooLarge."""
    try:
        budget.spend(nodes=1)
        return _parse(d, depth, budget)
    except TooLarge:
        raise
    except Malformed as exc:
        return Other(f"malformed {exc}"[:MAX_NAME])
    except RecursionError:
        raise TooLarge("data: nested too deeply") from None
    except Exception:  # noqa: BLE001 - whatever the data, the grader goes on
        return Other("malformed data")


def _parse(d, depth: int, budget: Budget):
    if not isinstance(d, dict):
        raise Malformed("data: not a record")
    if depth > MAX_DEPTH + 1:
        raise Malformed("data: nested too deeply")
    t = d.get("t")
    if t == "array":
        return _parse_array(d, budget)
    if t == "num":
        v, flag = d.get("v"), d.get("bool", False)
        if type(v) not in (int, float) or type(flag) is not bool:
            raise Malformed("number")
        try:
            return Num(float(v), flag)
        except OverflowError:  # an int beyond float64
            raise Malformed("number: out of range") from None
    if t == "str":
        if not isinstance(d.get("v"), str):
            raise Malformed("string")
        return Str(clean(d["v"], MAX_STR))
    if t == "seq":
        items = d.get("items")
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise Malformed("sequence")
        return Seq([_part(v, depth + 1, budget) for v in items])
    if t == "map":
        items = d.get("items")
        if not isinstance(items, dict) or len(items) > MAX_ITEMS or \
                not all(isinstance(k, str) and len(k) <= MAX_NAME for k in items):
            raise Malformed("dict")
        return Map({clean(k, MAX_NAME): _part(v, depth + 1, budget) for k, v in items.items()})
    if t == "other" and isinstance(d.get("type"), str):
        return Other(clean(d["type"], MAX_NAME))
    raise Malformed("data: unknown kind")


def _parse_array(d: dict, budget: Budget) -> Arr:
    """An Arr from its record: a known kind, a bounded shape, exactly shape's product of float64s."""
    kind, shape, data, from_list = d.get("kind"), d.get("shape"), d.get("data"), d.get("list", False)
    if kind not in KINDS or type(from_list) is not bool:
        raise Malformed("array")
    if not isinstance(shape, list) or len(shape) > MAX_NDIM or \
            not all(type(n) is int and 0 <= n <= MAX_DIM for n in shape):
        raise Malformed("array shape")
    if math.prod(n for n in shape if n) > MAX_DIM:  # numpy could not hold even the empty array
        raise Malformed("array shape")
    size = math.prod(shape)
    if size > MAX_ELEMENTS:
        raise Malformed("array: too large")
    budget.spend(elements=size)
    if not isinstance(data, str) or len(data) > _B64_CHARS + 4:
        raise Malformed("array data")
    raw = base64.b64decode(data, validate=True)
    if len(raw) != 8 * size:
        raise Malformed("array: data does not match its shape")
    a = np.frombuffer(raw, dtype="<f8").astype(np.float64).reshape(shape)
    return Arr(a, kind=kind, from_list=from_list)


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
