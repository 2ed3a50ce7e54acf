"""The records that cross between the sandbox's processes, typed, bounded and parsed without trust.

Three channels, one JSON object per line:

- supervisor → child (`Command`): "run step i". The supervisor starts step i's deadline when it sends it.
- child → supervisor (`Hello`, `CellDone`, `CheckDone`): what confinement held, then one record per
  step it was told to run. Student code shares the child's process, so it can write these too:
  the supervisor accepts only the record it asked for, and anything else ends the attempt.
- supervisor → grader (`Step`, `Done`, and `Hello` passed on): facts the supervisor established
  itself — timeouts, deaths, changed arguments — next to the values the child returned.
- in a second run, child → supervisor → oracle (`Call`) and back (`Answer`): a call the student's code
  made to a right version, answered by the oracle (`sandbox.oracle`), which the child never sees.

`parse` refuses a line longer than `MAX_LINE`, nested deeper than `MAX_DEPTH` or not of the expected
shape, with a `ProtocolError`; it never raises anything else.
"""

from __future__ import annotations

import functools
import json
import os
import re
import select
import time
from dataclasses import dataclass, field, is_dataclass

MAX_LINE = 8 * 1024 * 1024  # bytes in one record
MAX_DEPTH = 24  # nesting of JSON containers (plain values nest at most plain.MAX_DEPTH deep)
MAX_TEXT = 2000  # characters of an error message or note
MAX_OUTCOMES = 1000

NOT_OURS = "wrote something that is not the grader's data on the grader's channel"


class ProtocolError(ValueError):
    """A record that is not one the reader expects."""


@dataclass
class Command:
    step: int


@dataclass
class Hello:
    """The confinement that held in the child, sent before any student code runs."""

    namespaces: list[str] = field(default_factory=list)
    chroot: bool = False
    unprivileged: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class CellDone:
    step: int
    error: str | None = None


@dataclass
class CheckDone:
    """A check's run: `missing` (why it could not be called) or one outcome per case."""

    step: int
    missing: str | None = None
    outcomes: list[dict] = field(default_factory=list)  # {"value": plain} or {"error": text}, "changed": [i]


@dataclass
class Step:
    """The supervisor's account of one step: exactly one of the fields after `step` is set."""

    step: int
    cell_error: str | None = None
    check: CheckDone | None = None
    timeout: str | None = None
    died: str | None = None


@dataclass
class Call:
    """A call to a right version, in a second run: which one, its arguments as plain data."""

    step: int
    name: str
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)


@dataclass
class Answer:
    """The right version's answer to a Call: a plain value, or why there is none."""

    value: dict | None = None
    error: str | None = None


@dataclass
class Done:
    """The end of a job; `error` says why the job as a whole could not be run."""

    error: str | None = None


KINDS = {"command": Command, "hello": Hello, "cell": CellDone, "check": CheckDone, "step": Step, "done": Done,
         "call": Call, "answer": Answer}
MAX_ARGS = 16  # arguments of one Call


def _fields(record) -> dict:
    """A record's fields, a nested record as its own fields; the values themselves as they are (not copied,
    as dataclasses.asdict would copy every value of every outcome)."""
    return {k: _fields(v) if is_dataclass(v) else v for k, v in vars(record).items()}


def encode(record) -> bytes:
    """One line of JSON for a record."""
    kind = next(k for k, cls in KINDS.items() if type(record) is cls)
    return (json.dumps({"kind": kind, **_fields(record)}, separators=(",", ":")) + "\n").encode()


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_OTHERS = bytes(c for c in range(256) if c not in b'"[]{}')


@functools.cache
def _steps():
    """Per byte: +1 for an opening bracket, −1 for a closing one (numpy loaded when a line is first read)."""
    import numpy as np

    steps = np.zeros(256, np.int32)
    steps[[ord("["), ord("{")]], steps[[ord("]"), ord("}")]] = 1, -1
    return np, steps


def depth(line: bytes) -> int:
    """How deeply the JSON containers on a line nest, counted on the line itself before it is parsed (so a
    deep one costs no recursion): the brackets outside strings, summed in order."""
    if b"\\" in line:  # escapes: take the strings out first (a quote inside one is escaped)
        line = _STRING.sub(b'""', line)
    np, steps = _steps()
    b = np.frombuffer(line.translate(None, _OTHERS), dtype=np.uint8)  # quotes and brackets alone
    outside = np.cumsum(b == ord('"')) % 2 == 0  # a string's quotes pair up; its brackets are not the record's
    return int(np.cumsum(steps[b] * outside).max(initial=0))


def _int(value, name: str) -> int:
    if type(value) is not int or not 0 <= value < 1 << 20:
        raise ProtocolError(f"{name} is not a step number")
    return value


def _text(value, name: str, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ProtocolError(f"{name} is not text")
    return value[:MAX_TEXT]


def _texts(value, name: str) -> list[str]:
    if not isinstance(value, list) or len(value) > 64:
        raise ProtocolError(f"{name} is not a short list")
    return [_text(v, name, optional=False) for v in value]


def _positions(value) -> list[int]:
    if not isinstance(value, list) or len(value) > 64:
        raise ProtocolError("changed is not a list of positions")
    return sorted({_int(v, "changed") for v in value})


def _outcome(o) -> dict:
    """One case's outcome: a plain value (checked in the grader by `from_plain`) or an error text."""
    if not isinstance(o, dict) or ("value" in o) == ("error" in o):
        raise ProtocolError("an outcome is neither a value nor an error")
    out = {"error": _text(o["error"], "error", optional=False)} if "error" in o else {"value": o["value"]}
    if "value" in out and not isinstance(out["value"], dict):
        raise ProtocolError("a value is not plain data")
    out["changed"] = _positions(o.get("changed", []))
    return out


def _check(d: dict) -> CheckDone:
    outcomes = d.get("outcomes", [])
    if not isinstance(outcomes, list) or len(outcomes) > MAX_OUTCOMES:
        raise ProtocolError("outcomes is not a list")
    return CheckDone(_int(d.get("step"), "step"), _text(d.get("missing"), "missing"), [_outcome(o) for o in outcomes])


def _call(d: dict) -> Call:
    """A Call: a short name, at most MAX_ARGS plain arguments (checked by `from_plain` where they are used)."""
    args, kwargs, name = d.get("args", []), d.get("kwargs", {}), d.get("name")
    if not isinstance(name, str) or not name.isidentifier() or len(name) > 64:
        raise ProtocolError("a call to no function")
    if not isinstance(args, list) or len(args) > MAX_ARGS or not all(isinstance(a, dict) for a in args):
        raise ProtocolError("a call's arguments are not plain data")
    if not isinstance(kwargs, dict) or len(kwargs) > MAX_ARGS or not all(
            isinstance(k, str) and len(k) <= 64 and isinstance(v, dict) for k, v in kwargs.items()):
        raise ProtocolError("a call's keyword arguments are not plain data")
    return Call(_int(d.get("step"), "step"), name, args, kwargs)


def _build(kind: str, d: dict):
    if kind == "command":
        return Command(_int(d.get("step"), "step"))
    if kind == "hello":
        return Hello(_texts(d.get("namespaces", []), "namespaces"), d.get("chroot") is True,
                     d.get("unprivileged") is True, _texts(d.get("notes", []), "notes"))
    if kind == "cell":
        return CellDone(_int(d.get("step"), "step"), _text(d.get("error"), "error"))
    if kind == "check":
        return _check(d)
    if kind == "call":
        return _call(d)
    if kind == "answer":
        value = d.get("value")
        if value is not None and not isinstance(value, dict):
            raise ProtocolError("an answer that is not plain data")
        return Answer(value, _text(d.get("error"), "error"))
    if kind == "step":
        check = d.get("check")
        return Step(_int(d.get("step"), "step"), _text(d.get("cell_error"), "cell_error"),
                    None if check is None else _check(check if isinstance(check, dict) else {"step": None}),
                    _text(d.get("timeout"), "timeout"), _text(d.get("died"), "died"))
    return Done(_text(d.get("error"), "error"))


def parse(line: bytes, expect: tuple[type, ...]):
    """The record on one line, if it is of one of the `expect`ed types; else ProtocolError."""
    if len(line) > MAX_LINE:
        raise ProtocolError("a record longer than the grader accepts")
    if depth(line) > MAX_DEPTH + 1:  # the record's own object is level 1
        raise ProtocolError("not a record of bounded depth")
    try:
        d = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("not JSON") from exc
    if not isinstance(d, dict):
        raise ProtocolError("not a record of bounded depth")
    cls = KINDS.get(d.get("kind")) if isinstance(d.get("kind"), str) else None
    if cls is None or cls not in expect:
        raise ProtocolError(f"an unexpected record {str(d.get('kind'))[:40]!r}")
    return _build(d["kind"], d)


class LineReader:
    """Splits a byte stream into lines of at most `MAX_LINE` bytes, holding at most that much."""

    def __init__(self, limit: int = MAX_LINE):
        self.limit, self.parts, self.size, self.lines = limit, [], 0, []

    def feed(self, chunk: bytes) -> None:
        """Add bytes; ProtocolError once a line runs past the limit."""
        if b"\n" not in chunk:
            self.parts.append(chunk)
            self.size += len(chunk)
        else:
            *lines, rest = (b"".join(self.parts) + chunk).split(b"\n")
            self.lines += lines
            self.parts, self.size = [rest], len(rest)
            if any(len(x) > self.limit for x in lines):
                self.size = self.limit + 1
        if self.size > self.limit:
            self.parts, self.size, self.lines = [], 0, []
            raise ProtocolError("a record longer than the grader accepts")

    def next(self) -> bytes | None:
        """The oldest complete line, or None."""
        return self.lines.pop(0) if self.lines else None

    def read(self, fd: int, deadline: float) -> bytes | str:
        """The next line from fd, reading as needed until the deadline: the line, else 'timeout' or 'eof'
        (ProtocolError once a line runs past the limit)."""
        while (line := self.next()) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return "timeout"
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return "eof"
            self.feed(chunk)
        return line


def write_all(fd: int, data: bytes, deadline: float) -> None:
    """All of data to fd, never blocking past the deadline on a reader that does not read (TimeoutError;
    OSError when the reader is gone)."""
    os.set_blocking(fd, False)
    view = memoryview(data)
    while view:
        _, ready, _ = select.select([], [fd], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise TimeoutError("not read in time")
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            continue
