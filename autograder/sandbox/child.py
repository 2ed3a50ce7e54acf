"""Inside a child: execute a submission's cells, then run its checks, reporting each step.

A job is a list of steps — cells to execute, then checks to run. The child does only what
its supervisor tells it: it reads `protocol.Command`s ("run step i") on its command pipe and
answers each with one `CellDone` or `CheckDone` line on its event pipe. It keeps no time and
reports no behaviour the supervisor does not check itself: deadlines, deaths and changed
arguments are established outside this process.
"""

from __future__ import annotations

import builtins
import importlib.abc
import os
import signal
import sys
import types

from autograder.plain import from_plain, native, to_plain
from autograder.sandbox import casefns, limits, protocol
from autograder.sandbox.runner import _error, run_check


class _Refuse(importlib.abc.MetaPathFinder):
    """Finds none of the modules no submission imports (`limits.BLOCKED`): `import solutions` fails even
    without confinement (`--no-confine`), where no chroot hides the files. A second lock only: code that
    removes it, or reads the files, gets past it there; in a confined child nothing of them exists."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in limits.BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


class _IPython:
    """Stands in for get_ipython(): a magic that only times or captures its cell (%%time, %%capture …) runs
    it, as Jupyter would; every other magic and shell command does nothing in grading."""

    RUN_THE_CODE = frozenset({"time", "timeit", "capture", "prun"})

    def __init__(self, ns: dict):
        self._ns = ns

    def run_cell_magic(self, name, line, cell):
        if name in self.RUN_THE_CODE and isinstance(cell, str):
            exec(compile(cell, f"<%%{name} cell>", "exec"), self._ns)  # noqa: S102 - the student's own cell

    def run_line_magic(self, name, line):
        if name in self.RUN_THE_CODE and isinstance(line, str) and line.strip():
            exec(compile(line, f"<%{name} line>", "exec"), self._ns)  # noqa: S102 - the student's own line

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


class _Nothing:
    """The public checks' helpers in grading: `time_limit()` a context that does nothing, anything else a no-op."""

    def __call__(self, *args, **kwargs):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _public_module() -> types.ModuleType:
    """bpkit_public as grading sees it: every name the notebook imports from it exists and does nothing."""
    public = types.ModuleType("bpkit_public")
    public.check = lambda *args, **kwargs: None
    public.time_limit = _Nothing()
    public.__getattr__ = lambda name: _Nothing()
    return public


def namespace() -> dict:
    """A fresh __main__-like namespace; the public-check modules resolve to harmless stand-ins, and the
    grader's own to nothing."""
    sys.meta_path.insert(0, _Refuse())
    sys.modules["bpkit_public"] = _public_module()
    sys.modules["bpkit_casefns"] = casefns
    ns = {"__name__": "__main__", "__builtins__": builtins}
    shell = _IPython(ns)
    ns["get_ipython"] = lambda: shell
    return ns


def exec_cell(ns: dict, label: str, source: str) -> str | None:
    """Run one cell; its error as text, or None."""
    try:
        exec(compile(source, f"<{label}>", "exec"), ns)  # noqa: S102 - running the submission is the point
    except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt: all the cell's own
        return _error(exc)
    return None


def emit_to(fd: int):
    """A function writing one record, whole, to fd."""

    def emit(record) -> None:
        view = memoryview(protocol.encode(record))
        while view:
            view = view[os.write(fd, view):]

    return emit


class Channel:
    """What the supervisor sends on the command pipe: step numbers and, in a second run, the right versions'
    answers — an answer may come behind a command sent one step ahead, which then waits its turn."""

    def __init__(self, fd: int):
        self.fd, self.reader, self.waiting = fd, protocol.LineReader(), []

    def _next(self):
        while (line := self.reader.next()) is None:
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                return None
            self.reader.feed(chunk)
        return protocol.parse(line, (protocol.Command, protocol.Answer))

    def steps(self):
        """The step numbers, until the supervisor closes the pipe (or sends nonsense)."""
        while (record := self.waiting.pop(0) if self.waiting else self._next()) is not None:
            if isinstance(record, protocol.Command):
                yield record.step

    def answer(self) -> protocol.Answer:
        """The answer to the call just made."""
        while not isinstance(record := self._next(), protocol.Answer):
            if record is None:
                raise EOFError("the supervisor closed the channel")
            self.waiting.append(record)
        return record


def asking(name: str, ask):
    """A stand-in for the right version of `name`: its arguments go out, the oracle's answer comes back."""

    def right_version(*args, **kwargs):
        answer = ask(name, args, kwargs)
        if answer.error is not None:
            raise RuntimeError(answer.error)
        return native(from_plain(answer.value))

    right_version.__name__ = right_version.__qualname__ = name
    return right_version


def with_right_versions(ns: dict, substitute: dict, ask):
    """Put the right versions of some functions in the student's namespace; returns how to undo it.

    Those in `substitute["asked"]` are stand-ins answered outside this process (`asking`); the others'
    code (`substitute["code"]`, the grader's text of just those reference functions: the ones that call
    back the student's code) runs in a namespace of its own, so the student's functions that call them by
    name now call the right ones.
    """
    own: dict = {"__name__": "right_versions", "__builtins__": builtins}
    if substitute.get("code"):
        exec(compile(substitute["code"], "<the right versions>", "exec"), own)  # noqa: S102 - the grader's text
    asked = set(substitute.get("asked", []))
    right = {n: asking(n, ask) if n in asked else own[n] for n in substitute["names"]}
    saved = {n: ns[n] for n in substitute["names"] if n in ns}
    ns.update(right)

    def undo() -> None:
        for n in substitute["names"]:
            ns.pop(n, None)
        ns.update(saved)

    return undo


def run_step(ns: dict, i: int, step: dict, shared, channel: Channel, emit):
    """One step, as the record that answers it."""
    if step["kind"] == "cell":
        return protocol.CellDone(i, exec_cell(ns, step["label"], step["source"]))
    materialize = (lambda k, case: shared.materialize(i, k, case)) if shared is not None else None

    def ask(name: str, args: tuple, kwargs: dict) -> protocol.Answer:
        emit(protocol.Call(i, name, [to_plain(a) for a in args], {str(k): to_plain(v) for k, v in kwargs.items()}))
        return channel.answer()

    undo = with_right_versions(ns, step["substitute"], ask) if step.get("substitute") else None
    try:
        run = run_check(ns, step["name"], step["answer"], step["cases"], materialize)
    finally:
        if undo:
            undo()
    return protocol.CheckDone(i, run.get("missing"), run.get("outcomes", []))


def serve(steps: list, shared, command_fd: int, emit) -> None:
    """Run each step the supervisor asks for, in a fresh namespace shared by the cells and checks."""
    ns = namespace()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    channel = Channel(command_fd)
    for i in channel.steps():
        if 0 <= i < len(steps):
            emit(run_step(ns, i, steps[i], shared, channel, emit))
