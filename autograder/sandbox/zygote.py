"""A clean, pre-warmed process that runs submissions: `python -I -m autograder.sandbox.zygote`.

It imports numpy and the common standard modules once — never the grader's reference
code — and then never runs student code nor holds a submission's data: for each job on its
standard input (a 4-byte length, then a pickle from the trusted grader) it reads only the
length and forks a fresh supervisor (`supervisor.py`), which reads the job itself, imports
the installed modules that submission imports, runs it and writes `protocol` lines on
standard output. If a supervisor ends without its `Done`, the zygote writes one saying so.

It dies with the grader (PR_SET_PDEATHSIG): its supervisor, and so every child, dies with it,
and its home folder (its working directory, holding the scratch folders) is removed.
"""

from __future__ import annotations

import ctypes
import gc
import os
import shutil
import signal
import struct
import sys

from autograder.sandbox import limits, protocol
from autograder.sandbox.fork import describe_exit, kill_group

PRELOAD = ["collections", "copy", "functools", "itertools", "math", "random", "statistics", "time", "typing",
           "warnings", "dataclasses", "encodings.idna", "numpy", "numpy.linalg", "numpy.random"]
# numpy's other submodules (numpy.testing's 75 ms, numpy.fft …) are loaded for the submissions that use them
# (autograder.notebook.imported_modules), not for every start


def preload() -> None:
    """Import what submissions use, then freeze those objects out of the garbage collector's sight:
    a forked child that collects would otherwise touch, and so copy, every page it shares."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass
    from autograder.sandbox import child, confine, limits, shared, supervisor  # noqa: F401 - loaded before forking

    gc.collect()
    gc.freeze()


def load_imports(names: list[str]) -> None:
    """Import, here and before forking, the installed modules a submission imports (its children can
    read no file, so they could not import them themselves); then hide them from the collector too."""
    new = [n for n in names if n not in sys.modules and n.split(".")[0] not in limits.BLOCKED
           and all(part.isidentifier() for part in n.split("."))]
    for name in new:
        try:
            __import__(name)
            if name == "matplotlib":
                __import__("matplotlib.pyplot")
        except BaseException:  # noqa: BLE001 - a module that does not import stays missing for the child too
            pass
    if new:
        gc.collect()
        gc.freeze()


def _die_with_grader(home: str) -> None:
    """When the grader ends (even by SIGKILL): SIGTERM here, which ends the supervisor and removes home."""
    from autograder.sandbox import confine

    grader = os.getppid()

    def gone(signum, frame):
        if _current:
            kill_group(_current[0])
        confine.unmount(os.path.join(home, "scratch"))
        shutil.rmtree(home, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, gone)
    libc = ctypes.CDLL(None)
    libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: a supervisor's last sandbox is reaped here
    if os.getppid() != grader or grader == 1:
        gone(None, None)


_current: list[int] = []


def _write(data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(1, view):]


def _reap() -> None:
    """Collect the sandboxes that supervisors left dying (killed, not waited for)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve_one(size: int, scratch: str | None) -> None:
    """Fork the supervisor of one job and wait for it; its `Done` if it could not write one."""
    from autograder.sandbox import confine, supervisor

    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            confine.die_with_parent(zygote)
            os.setpgid(0, 0)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            supervisor.supervise(size)
            code = 0
        finally:
            os._exit(code)
    _current[:] = [pid]
    _, status = os.waitpid(pid, 0)
    _current.clear()
    kill_group(pid)
    _reap()
    if scratch:  # whatever the supervisor left (it removes its scratch unless it died)
        for name in os.listdir(scratch):
            shutil.rmtree(os.path.join(scratch, name), ignore_errors=True)
    if status != 0:
        _write(b"\n" + protocol.encode(protocol.Done(f"the submission's supervisor {describe_exit(status)}")))


def main() -> None:
    from autograder.sandbox import confine

    home = os.getcwd()
    _die_with_grader(home)
    scratch = confine.scratch_space(home) if "--confine" in sys.argv else None
    if scratch:
        os.environ["BPKIT_SCRATCH"] = scratch
    preload()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdin = sys.stdout = None  # the job stream is read raw, from fd 0, by each supervisor alone
    from autograder.sandbox.supervisor import read_exactly

    while len(header := read_exactly(0, 4)) == 4:
        (size,) = struct.unpack("<I", header)
        serve_one(size, scratch)


if __name__ == "__main__":
    main()
