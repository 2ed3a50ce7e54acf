"""Run one callable in a forked child: its JSON-able result, or how it timed out or died."""

from __future__ import annotations

import json
import os
import select
import signal
import time

from autograder.sandbox import limits

MAX_BYTES = 64 * 1024 * 1024


def describe_exit(status: int) -> str:
    """How a child ended, in words: 'was killed by SIGKILL (out of memory?)', 'exited with code 3'."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        hint = {"SIGKILL": " (out of memory, or killed)", "SIGSEGV": " (a crash)", "SIGXCPU": " (CPU time)"}
        return f"was killed by {name}{hint.get(name, '')}"
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) > 128 and os.WEXITSTATUS(status) - 128 in \
            signal.Signals._value2member_map_:  # a sandbox layer passing on its child's death
        return describe_exit(os.WEXITSTATUS(status) - 128)
    if os.WIFEXITED(status):
        return f"exited with code {os.WEXITSTATUS(status)} before returning"
    return "ended unexpectedly"


def read_until(fd: int, deadline: float, limit: int = MAX_BYTES) -> tuple[bytes, bool]:
    """Bytes from fd until EOF or the deadline; (data, timed_out)."""
    chunks, size = [], 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks), True
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), False
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)


def kill_group(*pids: int) -> None:
    """SIGKILL each process and its process group; gone already is fine."""
    for pid in pids:
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass


def run_forked(target, timeout: float, memory_mb: int | None = limits.MEMORY_MB) -> dict:
    """target() in a forked child, limited; its dict, or {'timeout': …} / {'died': …}."""
    r, w = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            from autograder.sandbox.confine import die_with_parent

            die_with_parent(parent)
            os.close(r)
            os.setsid()
            limits.quiet_output()
            limits.apply_rlimits(memory_mb=memory_mb, cpu_seconds=int(timeout) + 2)
            data = json.dumps(target()).encode()
        except BaseException as exc:  # noqa: BLE001 - whatever happens, report it as data
            data = json.dumps({"died": f"the grader's child failed: {type(exc).__name__}: {exc}"}).encode()
            code = 1
        try:
            _write_all(w, data)
        finally:
            os._exit(code)
    os.close(w)
    timed_out, status = True, 0
    try:
        data, timed_out = read_until(r, time.monotonic() + timeout)
    finally:
        os.close(r)
        if timed_out:
            kill_group(pid)
        _, status = os.waitpid(pid, 0)
        kill_group(pid)  # anything it started in its group goes with it
    if timed_out:
        return {"timeout": limits.past_time_limit(timeout)}
    try:
        result = json.loads(data)
        if not isinstance(result, dict):
            raise ValueError
        return result
    except ValueError:
        return {"died": f"its process {describe_exit(status)}"}


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
