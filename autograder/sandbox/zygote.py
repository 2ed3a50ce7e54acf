"""A clean, pre-warmed process that runs submissions: `python -I -m autograder.sandbox.zygote`.

It imports numpy and the common standard modules once — and, before forking, the
installed modules a submission imports — never the grader's reference code, and serves
jobs from its standard input (length-prefixed pickles
from the trusted grader). For each job it forks a confined child per attempt, enforces
the time limit of every step, and forwards the child's events — parsed and re-encoded,
never passed through raw — as JSON lines on its standard output.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import select
import shutil
import signal
import struct
import sys
import tempfile
import time

from autograder.sandbox.fork import describe_exit, kill_group

PRELOAD = ["collections", "copy", "functools", "itertools", "math", "random", "statistics", "time", "typing",
           "warnings", "dataclasses", "encodings.idna", "numpy", "numpy.linalg", "numpy.random", "numpy.testing"]
# never loaded for a submission, whatever it imports: the grader, the answers, the gradebook
BLOCKED = {"autograder", "solutions", "nbgrader", "source", "release", "tests"}
MAX_LINE = 32 * 1024 * 1024
STARTUP = 20.0  # seconds a fresh child may take before its first step


def preload() -> None:
    """Import what submissions use, then freeze those objects out of the garbage collector's sight:
    a forked child that collects would otherwise touch, and so copy, every page it shares."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass
    from autograder.sandbox import child, confine, limits  # noqa: F401 - loaded once, before forking

    gc.collect()
    gc.freeze()


def load_imports(names: list[str]) -> None:
    """Import, here and before forking, the installed modules a submission imports (its children can
    read no file, so they could not import them themselves); then hide them from the collector too."""
    new = [n for n in names if n not in sys.modules and n not in BLOCKED and n.isidentifier()]
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


def _exit_like(status: int) -> None:
    """Exit the way a child ended: its code, or 128 + the signal that killed it."""
    os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))


def _child(job: dict, skip: set, scratch: str, event_w: int, ctrl_w: int) -> None:
    """Process A: make the namespaces, fork B, report B's pid, wait for it.

    B is PID 1 of the new world: it enters the empty root, drops privileges and forks C,
    which runs the submission (never as PID 1, which would be deaf to its own SIGKILL).
    When B ends, the kernel ends everything left in its world.
    """
    from autograder.sandbox import limits
    from autograder.sandbox.child import emit_to, execute
    from autograder.sandbox.confine import Confinement, enter_namespaces, enter_root

    os.setsid()
    c = Confinement()
    confine = job.get("confine", True)
    if confine:
        enter_namespaces(c)
    pid = os.fork()
    if pid == 0:  # B
        try:
            os.dup2(event_w, 3)
            os.closerange(4, 1 << 16)
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 0)
            limits.quiet_output()
            steps = job["steps"]
            limits.apply_rlimits(job["memory_mb"], int(job["timeout"] * (len(steps) + 1)) + 5)
            if confine:
                enter_root(scratch, c)
            worker = os.fork()
        except BaseException:  # noqa: BLE001
            os._exit(70)
        if worker == 0:  # C
            try:
                if confine:
                    limits.no_new_processes()
                emit = emit_to(3)
                emit({"confinement": {"namespaces": c.namespaces, "chroot": c.chroot,
                                      "unprivileged": c.unprivileged, "notes": c.notes}})
                execute(steps, skip, emit)
            except BaseException:  # noqa: BLE001
                os._exit(70)
            os._exit(0)
        _, status = os.waitpid(worker, 0)
        _exit_like(status)
    os.write(ctrl_w, f"{pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    _exit_like(status)


def attempt(job: dict, skip: set, send) -> tuple[int | None, str, set]:
    """One child: (the step it failed in or None, how it failed, the steps it finished)."""
    scratch = tempfile.mkdtemp(prefix="bpkit-")
    os.chmod(scratch, 0o777)
    event_r, event_w = os.pipe()
    ctrl_r, ctrl_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(event_r)
            os.close(ctrl_r)
            _child(job, skip, scratch, event_w, ctrl_w)
        finally:
            os._exit(71)
    os.close(event_w)
    os.close(ctrl_w)
    inner = None
    ready, _, _ = select.select([ctrl_r], [], [], STARTUP)
    if ready:
        line = os.read(ctrl_r, 64).split(b"\n")[0]
        inner = int(line) if line.strip().isdigit() else None
    os.close(ctrl_r)
    current, finished, failure = None, set(), ""
    deadline = time.monotonic() + STARTUP
    buf = b""
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        r, _, _ = select.select([event_r], [], [], left)
        if not r:
            continue
        chunk = os.read(event_r, 1 << 16)
        if not chunk:
            break
        buf += chunk
        if len(buf) > MAX_LINE:
            failure = "sent more data than the grader accepts"
            break
        *lines, buf = buf.split(b"\n")
        for raw in lines:
            try:
                event = json.loads(raw)
                step = event.get("step") if isinstance(event, dict) else None
            except ValueError:
                event, step = None, None
            if event is None or (step is not None and not isinstance(step, int)):
                failure = "wrote something that is not the grader's data on the grader's channel"
                break
            if "confinement" in event and step is None:
                send({"confinement": event["confinement"]})
            elif event.get("start"):
                current = step
                deadline = time.monotonic() + float(job["timeout"])
            elif step == current and ("cell_error" in event or "result" in event):
                send({"step": step, **{k: event[k] for k in ("cell_error", "result") if k in event}})
                finished.add(step)
                current = None
                deadline = time.monotonic() + STARTUP
        if failure:
            break
    kill_group(*(p for p in (inner, pid) if p))
    _, status = os.waitpid(pid, 0)
    os.close(event_r)
    shutil.rmtree(scratch, ignore_errors=True)
    if timed_out and current is not None:
        return current, "timeout", finished
    if current is not None or failure:
        how = failure or describe_exit(status)
        return current, f"died: its process {how}" if not failure else f"died: it {how}", finished
    return None, "", finished


def run_job(job: dict, send) -> None:
    """Every step of a job, restarting after a step that kills or stalls its child.

    Each restart skips the step that failed, so a job ends after at most one attempt per step.
    """
    steps, skip, reported = job["steps"], set(), set()
    while True:
        failed, how, finished = attempt(job, skip, lambda e: None if e.get("step") in reported else send(e))
        reported |= finished
        skip |= {i for i in finished if steps[i]["kind"] == "check"}
        if failed is None:
            break
        send({"step": failed, "timeout" if how == "timeout" else "died": how.removeprefix("died: ")})
        reported.add(failed)
        skip.add(failed)
    send({"done": True})


def main() -> None:
    preload()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer

    def send(event: dict) -> None:
        stdout.write((json.dumps(event) + "\n").encode())
        stdout.flush()

    while True:
        header = stdin.read(4)
        if len(header) < 4:
            return
        (size,) = struct.unpack("<I", header)
        job = pickle.loads(stdin.read(size))  # noqa: S301 - from the trusted grader, never from a child
        load_imports(job.get("imports", []))
        run_job(job, send)


if __name__ == "__main__":
    main()
