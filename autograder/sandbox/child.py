"""Inside a child: execute a submission's cells, then run its checks, reporting each step.

A job is a list of steps — cells to execute, then checks to run — and the child
reports every step as one JSON line on its event pipe: {"step": i, "start": true},
then {"step": i, "cell_error": …} or {"step": i, "result": …}. If the child dies or
runs out of time in step i, the zygote starts a new one that skips step i and the
checks already done.
"""

from __future__ import annotations

import builtins
import json
import os
import signal
import sys
import types

from autograder import casefns
from autograder.runner import _error, run_check


class _IPython:
    """Stands in for get_ipython(): magics and shell commands do nothing in grading."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def namespace() -> dict:
    """A fresh __main__-like namespace; the public-check modules resolve to harmless stand-ins."""
    public = types.ModuleType("bpkit_public")
    public.check = lambda *args, **kwargs: None
    sys.modules["bpkit_public"] = public
    sys.modules["bpkit_casefns"] = casefns
    return {"__name__": "__main__", "__builtins__": builtins, "get_ipython": _IPython}


def exec_cell(ns: dict, label: str, source: str) -> str | None:
    """Run one cell; its error as text, or None."""
    try:
        exec(compile(source, f"<{label}>", "exec"), ns)  # noqa: S102 - running the submission is the point
    except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt: all the cell's own
        return _error(exc)
    return None


def emit_to(fd: int):
    def emit(event: dict) -> None:
        data = (json.dumps(event) + "\n").encode()
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]

    return emit


def execute(steps: list, skip: set, emit) -> None:
    """Run every step but the skipped ones: the cells, then the checks."""
    ns = namespace()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    for i, step in enumerate(steps):
        if i in skip:
            continue
        emit({"step": i, "start": True})
        if step["kind"] == "cell":
            emit({"step": i, "cell_error": exec_cell(ns, step["label"], step["source"])})
        else:
            emit({"step": i, "result": run_check(ns, step["name"], step["answer"], step["cases"])})
