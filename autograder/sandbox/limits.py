"""Limits on a child process: memory, CPU time, file size, and quiet standard streams."""

from __future__ import annotations

import io
import os
import resource
import sys

MEMORY_MB = 2048
TIMEOUT = 10.0  # seconds each function may run, by default
OUTPUT_BYTES = 64 * 1024
# modules no submission imports, whatever it names: the grader, the answers, the gradebook (the zygote
# never loads them for it; a child refuses to find them)
BLOCKED = frozenset({"autograder", "solutions", "nbgrader", "source", "release", "tests"})


def past_time_limit(seconds: float) -> str:
    """What a step that ran past its time limit of `seconds` is told, wherever it ran."""
    return f"ran past its time limit of {seconds:g} s (an endless loop?)"


class CappedText(io.TextIOBase):
    """A text stream that keeps the first `cap` characters and drops the rest."""

    def __init__(self, cap: int = OUTPUT_BYTES):
        self.cap, self.parts, self.size = cap, [], 0

    def write(self, s) -> int:
        s = str(s)
        if self.size < self.cap:
            self.parts.append(s[: self.cap - self.size])
            self.size += len(self.parts[-1])
        return len(s)

    def writable(self) -> bool:
        return True

    def getvalue(self) -> str:
        return "".join(self.parts)


def quiet_output() -> None:
    """Standard output and error go nowhere (the child's prints can neither flood nor reach stderr)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stdout, sys.stderr = CappedText(), CappedText()


def apply_rlimits(memory_mb: int | None, cpu_seconds: int | None, file_bytes: int = 1 << 20) -> None:
    """Address space, CPU seconds, file size and no core dumps."""
    if memory_mb:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    if cpu_seconds:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def no_new_processes() -> None:
    """No fork, no thread: RLIMIT_NPROC 0 (binds any user but the machine's root)."""
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))


TOTAL_FLOOR = 60.0  # seconds every submission may take in all, however short its per-function limit


def submission_time(timeout: float) -> float:
    """A submission's total time, all steps and restarts together: max(TOTAL_FLOOR, 6 × timeout)."""
    return max(TOTAL_FLOOR, 6.0 * timeout)
