"""The right versions' answers in a second run, from a process the submission's never sees.

When a failed function is run again with the right versions of the student's functions it relies on,
those right versions do not go into the student's process (where its code could read them): there,
each is a stand-in that sends its arguments to the supervisor as a `protocol.Call`, and the supervisor
asks the oracle — a process it forks from itself, which alone loads the reference — and hands the
`protocol.Answer` back. The oracle runs trusted code on arguments the student's code chose: they are
plain data, parsed by `from_plain`; its memory is capped, and it dies with the supervisor.
"""

from __future__ import annotations

import os
import warnings

from autograder.sandbox import limits, protocol
from autograder.sandbox.fork import kill_group

IN_FD, OUT_FD = 3, 4  # in the oracle: calls in, answers out


class Oracle:
    """The supervisor's handle on its oracle, forked at the first call and again after one that failed."""

    def __init__(self, names: set[str], memory_mb: int):
        self.names, self.memory_mb, self.pid = names, memory_mb, None

    def _start(self) -> None:
        calls_r, self.calls = os.pipe()
        self.answers, answers_w = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                from autograder.sandbox.confine import die_with_parent

                die_with_parent(parent)
                os.setpgid(0, 0)
                os.dup2(calls_r, IN_FD)
                os.dup2(answers_w, OUT_FD)
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.closerange(OUT_FD + 1, 1 << 16)
                limits.apply_rlimits(self.memory_mb, None)
                serve(IN_FD, OUT_FD)
            finally:
                os._exit(0)
        os.close(calls_r)
        os.close(answers_w)
        self.reader = protocol.LineReader()

    def answer(self, call: protocol.Call, deadline: float) -> protocol.Answer:
        """The right version's answer to `call`; an Answer with the error when there is none in time."""
        if call.name not in self.names:
            return protocol.Answer(error=f"{call.name} is not one of the right versions put in place")
        if self.pid is None:
            self._start()
        try:
            protocol.write_all(self.calls, protocol.encode(call), deadline)
            line = self.reader.read(self.answers, deadline)
            if line == "timeout":
                raise TimeoutError("no answer in time")
            if line == "eof":
                raise EOFError("it ended (out of memory?)")
            return protocol.parse(line, (protocol.Answer,))
        except (OSError, EOFError, TimeoutError, protocol.ProtocolError) as exc:
            self.close()
            return protocol.Answer(error=f"the right {call.name} gave no answer: {exc}"[:protocol.MAX_TEXT])

    def close(self) -> None:
        if self.pid is not None:
            kill_group(self.pid)
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            for fd in (self.calls, self.answers):
                os.close(fd)
            self.pid = None


def respond(call: protocol.Call, functions: dict) -> protocol.Answer:
    """The reference's answer to one call: its value as plain data, or the type of the error it raised."""
    import numpy as np

    from autograder.plain import from_plain, native, to_plain

    try:
        args = [native(from_plain(a)) for a in call.args]
        kwargs = {k: native(from_plain(v)) for k, v in call.kwargs.items()}
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return protocol.Answer(to_plain(functions[call.name](*args, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - the student's arguments may make the reference fail
        return protocol.Answer(error=f"the right {call.name} raised {type(exc).__name__}")  # not what the reference
        # said of it: its messages would describe its own workings


def serve(fd_in: int, fd_out: int) -> None:
    """In the oracle: load the reference, then answer each call on fd_in with one line on fd_out."""
    from autograder.inherit import reference_functions

    functions = reference_functions()
    reader = protocol.LineReader()
    while True:
        while (line := reader.next()) is None:
            chunk = os.read(fd_in, 1 << 20)
            if not chunk:
                return
            reader.feed(chunk)
        answer = respond(protocol.parse(line, (protocol.Call,)), functions)
        view = memoryview(protocol.encode(answer))
        while view:
            view = view[os.write(fd_out, view):]
