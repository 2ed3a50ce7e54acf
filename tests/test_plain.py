"""autograder.plain: what crosses from the sandbox is parsed against a bounded model, and never crashes the grader."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.plain import MAX_ELEMENTS, Arr, Map, Num, Other, Seq, Str, from_plain, to_plain

TYPES = (Arr, Num, Str, Seq, Map, Other)
KEYS = st.sampled_from(["t", "v", "bool", "kind", "shape", "data", "list", "items", "type"])
TAGS = st.sampled_from(["array", "num", "str", "seq", "map", "other", "x"])
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=20) | TAGS)
# JSON-like trees, biased towards records that look like plain data
TREES = st.recursive(SCALARS, lambda kids: st.lists(kids, max_size=5) | st.dictionaries(
    st.text(max_size=5) | KEYS, kids, max_size=6), max_leaves=40)


def record(t: str, **fields) -> dict:
    return {"t": t, **fields}


def array_record(shape, data: bytes, kind="f") -> dict:
    return record("array", kind=kind, shape=shape, list=False, data=base64.b64encode(data).decode())


def nested(levels: int) -> dict:
    d = record("num", v=1.0)
    for _ in range(levels):
        d = record("seq", items=[d])
    return d


def value_types(v) -> bool:
    """Every part of a parsed value is one of the model's types."""
    if isinstance(v, Seq):
        return all(value_types(i) for i in v.items)
    if isinstance(v, Map):
        return all(isinstance(k, str) and value_types(i) for k, i in v.items.items())
    if isinstance(v, Arr):
        return v.a.dtype == np.float64 and v.kind in "fib" and v.a.size <= MAX_ELEMENTS
    return isinstance(v, TYPES)


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_arbitrary_trees_never_raise(tree):
    """Any JSON-like tree parses to one of the model's types."""
    assert value_types(from_plain(tree))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, TREES, max_size=8), TAGS)
def test_arbitrary_records_never_raise(fields, tag):
    """A record with any fields under any tag parses to one of the model's types."""
    assert value_types(from_plain({**fields, "t": tag}))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-3, 2**40) | st.sampled_from([0, 2**31 - 1, 2**31]) | st.floats() | st.booleans()
                | st.text(max_size=2), max_size=6),
       st.binary(max_size=64))
def test_arbitrary_shapes_never_raise(shape, data):
    """Only finite non-negative shapes whose product matches the data give an array."""
    v = from_plain(array_record(shape, data))
    ok = all(type(n) is int and n >= 0 for n in shape) and math.prod(n for n in shape if n) < 2**31 \
        and 8 * math.prod(shape) == len(data)
    assert isinstance(v, Arr) == ok
    if ok:
        assert v.a.shape == tuple(shape)


def test_forged_records_are_malformed():
    """Infinite, negative, mismatched or oversized shapes and deep nesting are Other('malformed …')."""
    forged = [
        json.loads('{"t": "array", "kind": "f", "shape": [Infinity], "list": false, "data": ""}'),
        array_record([-1], b""),
        array_record([3], b"\0" * 16),
        array_record([2**40, 0], b""),
        array_record([2], b"\0" * 16, kind="c"),
        record("num", v=10**400),
        record("num", v="1.5"),
        record("str", v=["x"]),
        record("map", items=["a"]),
        record("map", items={"k" * 100: record("num", v=1.0)}),
        ["not", "a", "record"],
    ]
    for d in forged:
        v = from_plain(d)
        assert isinstance(v, Other) and v.type.startswith("malformed"), (d, v)


def test_deep_nesting_is_cut():
    """10,000 levels of nesting give a value, cut below the depth to_plain ever sends."""
    v = from_plain(nested(10_000))
    depth = 0
    while isinstance(v, Seq):
        v, depth = v.items[0], depth + 1
    assert isinstance(v, Other) and "nested" in v.type and depth <= 8


def test_strings_and_items_are_bounded():
    """A long string is cut; a sequence longer than to_plain sends is malformed."""
    assert len(from_plain(record("str", v="x" * 10**6)).v) == 200
    assert isinstance(from_plain(record("seq", items=[record("num", v=1.0)] * 1000)), Other)


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.floats() | st.integers(-10**30, 10**30) | st.booleans() | st.text(max_size=10),
                    lambda kids: st.lists(kids, max_size=4) | st.tuples(kids, kids)
                    | st.dictionaries(st.text(max_size=4), kids, max_size=4), max_leaves=20))
def test_round_trip_of_honest_values(value):
    """What to_plain sends (through JSON) always parses, and never as malformed."""
    v = from_plain(json.loads(json.dumps(to_plain(value))))
    assert value_types(v)
    assert not (isinstance(v, Other) and v.type.startswith("malformed"))


def test_a_value_is_bounded_as_a_whole():
    """Many big arrays, or very many small parts, in one value: the whole value is malformed, fast."""
    big = array_record([MAX_ELEMENTS], b"\0" * (8 * MAX_ELEMENTS))
    v = from_plain(record("seq", items=[big] * 64))
    assert isinstance(v, Other) and "too large" in v.type
    wide = record("num", v=1.0)
    for _ in range(3):
        wide = record("seq", items=[wide] * 64)  # 64³ parts, shared, cheap to build
    v = from_plain(wide)
    assert isinstance(v, Other) and "too large" in v.type
    assert isinstance(from_plain(record("seq", items=[big] * 2)), Seq)


def test_text_is_valid_utf8():
    """Lone surrogates (valid in JSON, not in UTF-8) become '?' in strings, keys and type names."""
    v = from_plain(record("map", items={"k\ud800": record("str", v="x\udcff"), "o": record("other", type="\ud800")}))
    assert set(v.items) == {"k?", "o"} and v.items["k?"].v == "x?" and v.items["o"].type == "?"


def test_native_gives_back_the_value_described():
    """Arrays keep their kind, numbers and booleans their type, sequences become tuples; the rest is refused."""
    from autograder.plain import native

    value = (np.arange(6).reshape(2, 3), np.array([True, False]), 2.5, True, {"W1": np.eye(2)}, "text")
    back = native(from_plain(to_plain(value)))
    assert back[0].dtype == np.int64 and np.array_equal(back[0], value[0])
    assert back[1].dtype == bool and back[2] == 2.5 and back[3] is True and back[5] == "text"
    assert np.array_equal(back[4]["W1"], np.eye(2)) and isinstance(back, tuple)
    with pytest.raises(ValueError, match="cannot be passed on"):
        native(from_plain(to_plain(len)))
