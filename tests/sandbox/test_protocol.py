"""autograder.sandbox.protocol: records round-trip; anything else is a ProtocolError, and only that."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.sandbox.protocol import (
    KINDS,
    MAX_DEPTH,
    MAX_LINE,
    MAX_OUTCOMES,
    MAX_TEXT,
    Answer,
    Call,
    CellDone,
    CheckDone,
    Command,
    Done,
    Hello,
    LineReader,
    ProtocolError,
    Step,
    depth,
    encode,
    parse,
)

ALL = tuple(KINDS.values())
RECORDS = [Command(3), Hello(["mount", "pid"], True, True, ["a note"]), CellDone(1, "NameError: x"),
           CheckDone(2, None, [{"value": {"t": "num", "v": 1.0}, "changed": [0]}, {"error": "boom", "changed": []}]),
           Step(4, check=CheckDone(4, "`f` is not defined")), Step(5, timeout="ran past"), Done("why"),
           Call(6, "sigmoid", [{"t": "num", "v": 0.5}], {"z": {"t": "num", "v": 1.0}}),
           Answer({"t": "num", "v": 0.6}), Answer(error="ValueError: no")]


@pytest.fixture
def line():
    """One record's line, from a dict: what a child (or student code) could write."""
    return lambda d: json.dumps(d).encode()


@pytest.fixture
def reader() -> LineReader:
    """A line reader with a small limit."""
    return LineReader(16)


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_every_record_round_trips(record):
    """parse(encode(r)) is r, for each kind."""
    assert parse(encode(record).rstrip(b"\n"), ALL) == record


def test_a_record_of_another_kind_is_refused():
    """The supervisor expecting a CellDone refuses a CheckDone, and the grader a Command."""
    with pytest.raises(ProtocolError, match="unexpected"):
        parse(encode(CheckDone(0)), (CellDone,))
    with pytest.raises(ProtocolError, match="unexpected"):
        parse(encode(Command(0)), (Hello, Step, Done))


def test_a_line_longer_than_max_line_is_refused(line):
    """One byte past MAX_LINE is refused before it is decoded."""
    text = "x" * (MAX_LINE - len(line({"kind": "done", "error": ""})) + 1)
    with pytest.raises(ProtocolError, match="longer"):
        parse(line({"kind": "done", "error": text}), ALL)


def test_nesting_deeper_than_max_depth_is_refused(line):
    """Containers nested MAX_DEPTH deep in the record parse; one level more is refused (and so is deep garbage)."""
    def nested(depth):
        return {"kind": "check", "step": 0, "outcomes": [{"value": {"v": _deep(depth)}}]}

    parse(line(nested(MAX_DEPTH - 4)), (CheckDone,))  # record, outcomes, outcome, value, "v": 4 levels
    with pytest.raises(ProtocolError, match="bounded depth"):
        parse(line(nested(MAX_DEPTH - 3)), (CheckDone,))
    with pytest.raises(ProtocolError):
        parse(b"[" * 100_000 + b"]" * 100_000, ALL)


def _deep(depth: int):
    return [] if depth == 0 else [_deep(depth - 1)]


@pytest.mark.parametrize("record", [
    {"kind": "cell", "step": True},  # a bool is not a step number
    {"kind": "cell", "step": -1},
    {"kind": "cell", "step": 1 << 20},
    {"kind": "cell", "step": 0, "error": 3},
    {"kind": "check", "step": 0, "outcomes": {"value": 1}},
    {"kind": "check", "step": 0, "outcomes": [{"value": {}, "error": "both"}]},
    {"kind": "check", "step": 0, "outcomes": [{}]},
    {"kind": "check", "step": 0, "outcomes": [{"value": 1.0}]},  # a value is a plain dict
    {"kind": "check", "step": 0, "outcomes": [{"error": "e", "changed": "0"}]},
    {"kind": "check", "step": 0, "outcomes": [{"error": "e", "changed": list(range(65))}]},
    {"kind": "check", "step": 0, "outcomes": [{"error": "e"}] * (MAX_OUTCOMES + 1)},
    {"kind": "hello", "namespaces": "mount"},
    {"kind": "call", "step": 0, "name": "import os"},  # a name that is not an identifier
    {"kind": "call", "step": 0, "name": "f" * 65},
    {"kind": "call", "step": 0, "name": "f", "args": [1.0]},  # an argument is plain data
    {"kind": "call", "step": 0, "name": "f", "args": [{}] * 17},
    {"kind": "call", "step": 0, "name": "f", "kwargs": {"z": 1}},
    {"kind": "call", "step": 0, "name": "f", "kwargs": {"k" * 65: {}}},
    {"kind": "call", "name": "f"},  # no step
    {"kind": "answer", "value": [1]},
    {"kind": "step", "step": 0, "check": {"outcomes": []}},  # a check with no step number
    {"kind": 1},
    {"step": 0},
], ids=repr)
def test_a_record_of_the_wrong_shape_is_refused(line, record):
    """Wrong types, out-of-range numbers, both or neither of value and error, too many items."""
    with pytest.raises(ProtocolError):
        parse(line(record), ALL)


def test_long_text_is_cut_not_refused(line):
    """An error text longer than MAX_TEXT is kept to MAX_TEXT characters; changed positions are sorted, once."""
    record = parse(line({"kind": "check", "step": 0, "outcomes": [{"error": "e" * 5000, "changed": [2, 0, 2]}]}),
                   (CheckDone,))
    assert record.outcomes == [{"error": "e" * MAX_TEXT, "changed": [0, 2]}]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_a_record_or_a_protocol_error(data):
    """Whatever bytes arrive, parse returns a record or raises ProtocolError: nothing else."""
    try:
        assert isinstance(parse(data, ALL), ALL)
    except ProtocolError:
        pass


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(KINDS)), st.dictionaries(
    st.sampled_from(["step", "error", "missing", "outcomes", "check", "timeout", "died", "namespaces", "notes",
                     "chroot", "value", "changed"]), JSON, max_size=5))
def test_any_json_of_a_known_kind_is_a_record_or_a_protocol_error(kind, fields):
    """Records of every kind with arbitrary fields: a record or a ProtocolError, never another exception."""
    try:
        assert isinstance(parse(json.dumps({**fields, "kind": kind}).encode(), ALL), ALL)
    except ProtocolError:
        pass


def test_the_reader_splits_lines_across_chunks(reader):
    """Lines are whole however the bytes arrive; a partial line waits."""
    reader.feed(b"ab")
    assert reader.next() is None
    reader.feed(b"c\nde\nf")
    assert (reader.next(), reader.next(), reader.next()) == (b"abc", b"de", None)
    reader.feed(b"\n")
    assert reader.next() == b"f"


def test_the_reader_refuses_a_line_past_its_limit_and_holds_nothing(reader):
    """A line beyond the limit, whole or in pieces, is a ProtocolError, and what was held is dropped."""
    reader.feed(b"x" * 16)
    with pytest.raises(ProtocolError):
        reader.feed(b"y")
    with pytest.raises(ProtocolError):
        reader.feed(b"ok\n" + b"z" * 17 + b"\n")
    assert reader.next() is None and reader.size == 0


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) |
                    st.text(alphabet='[]{}"\\ab,:'),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\k'), kids,
                                                                              max_size=3), max_leaves=30)


def _nesting(value) -> int:
    if isinstance(value, list | dict):
        return 1 + max(map(_nesting, value.values() if isinstance(value, dict) else value), default=0)
    return 0


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_depth_is_the_nesting_of_the_parsed_value(value):
    """Counted on the raw line, brackets and quotes inside strings (escaped or not) are not nesting."""
    assert depth(json.dumps(value).encode()) == _nesting(value)


def test_the_reader_reads_a_line_before_a_deadline_or_says_why_not():
    """A line written in two parts comes whole; silence past the deadline is 'timeout'; a closed pipe 'eof'."""
    import os
    import time

    r, w = os.pipe()
    reader = LineReader(64)
    os.write(w, b'{"kind": "do')
    os.write(w, b'ne"}\n')
    assert reader.read(r, time.monotonic() + 5) == b'{"kind": "done"}'
    assert reader.read(r, time.monotonic() + 0.05) == "timeout"
    os.close(w)
    assert reader.read(r, time.monotonic() + 5) == "eof"
    os.close(r)
