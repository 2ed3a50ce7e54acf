"""Nothing of one submission outlives it or reaches another: memory, files, IPC, processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.submissions import Found
from tests.sandbox.students import SET_NAME, alone, grade_between, leftovers, notebook, processes_named

KEY = 0xB9C0
SHM_WRITER = f"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
shmid = libc.shmget({KEY}, 4096, 0o1666)  # IPC_CREAT | 0666
if shmid >= 0:
    ctypes.memmove(libc.shmat(shmid, None, 0), b"answers for later students", 26)
"""
SHM_READER = f"""
import ctypes
FOUND = ctypes.CDLL(None).shmget({KEY}, 0, 0) >= 0
"""
# a function whose answer shows whether the attack worked: right only if it found nothing
SIGMOID_IF_NOT = """
import numpy as np
def sigmoid(z):
    if {flag}:
        return np.zeros_like(z)
    return 1 / (1 + np.exp(-z))
"""

VICTIM = "# the victim's own code: QX7-VICTIM-81F2-ZETA\n"
SCANNER = """
import ctypes, gc, mmap, os
victim, control = b"ATEZ-2F18-MITCIV-7XQ"[::-1], b"ATEZ-2F18-LORTNOC-7XQ"[::-1]  # built alike, one object each
SCAN = mmap.mmap(-1, 1 << 20)  # read into, and searched, in place: no copies to count twice
SCAN_AT = ctypes.addressof(ctypes.c_char.from_buffer(SCAN))

def windows():
    # 1 MB windows around every object the collector knows and below the heap's end (no /proc here)
    libc = ctypes.CDLL(None)
    libc.sbrk.restype = ctypes.c_void_p
    bases = {id(o) >> 20 << 20 for o in gc.get_objects()}
    top = libc.sbrk(0) >> 20 << 20
    bases |= {top - (k << 20) for k in range(64)}
    near = {b + (d << 20) for b in bases for d in (-1, 0, 1)}
    return sorted(w for w in near if not (w - (1 << 20) < SCAN_AT < w + (1 << 20)))[:400]

def raw_counts(*needles):
    # occurrences of each needle in this process's memory, read through process_vm_readv (faults: short reads)
    libc = ctypes.CDLL(None)
    libc.process_vm_readv.restype = ctypes.c_ssize_t

    class Iov(ctypes.Structure):
        _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]

    counts = [0] * len(needles)
    for base in windows():
        got = libc.process_vm_readv(os.getpid(), ctypes.byref(Iov(SCAN_AT, 1 << 20)), 1,
                                    ctypes.byref(Iov(base, 1 << 20)), 1, 0)
        for k, needle in enumerate(needles):
            at = SCAN.find(needle, 0, max(got, 0))
            while at >= 0:
                counts[k] += 1
                at = SCAN.find(needle, at + 1, max(got, 0))
    return counts

def reachable(text):
    word = text.decode()
    for obj in gc.get_objects():
        for ref in gc.get_referents(obj):
            if isinstance(ref, str) and ref is not word and word in ref:
                return True
            if isinstance(ref, bytes) and ref is not text and text in ref:
                return True
    return False

v, c = raw_counts(victim, control)
LEAKED = v > c or reachable(victim)
"""

FILLER = """
import errno, os
FULL = False
for n in range(400):  # 200 MB at most, whatever happens
    try:
        with open(f"fill{n}", "wb") as f:
            f.write(b"x" * (512 * 1024))
    except OSError as exc:
        FULL = exc.errno in (errno.ENOSPC, errno.EFBIG)
        break
NOT_FULL = not FULL
"""
WRITER = """
WRITE_FAILED = False
try:
    for n in range(4):
        with open(f"mine{n}", "wb") as f:
            f.write(b"y" * (512 * 1024))
except OSError:
    WRITE_FAILED = True
"""


def sysv_keys() -> set[int]:
    lines = Path("/proc/sysvipc/shm").read_text().splitlines()[1:]
    return {int(line.split()[0]) for line in lines}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("leaks")

    def attacker(name, extra, flag=None):
        replace = {"sigmoid": SIGMOID_IF_NOT.format(flag=flag)} if flag else None
        return Found(name, notebook(tmp, name, extra=extra, replace=replace))

    before = sysv_keys()
    out = grade_between(tmp, [
        attacker("shm_writer", SHM_WRITER), attacker("shm_reader", SHM_READER, "FOUND"),
        attacker("victim", VICTIM + "x = 1"), attacker("scanner", SCANNER, "LEAKED"),
        attacker("filler", FILLER, "NOT_FULL"), attacker("writer", WRITER, "WRITE_FAILED"),
    ], workers=1, timeout=6.0)  # the scan takes a second or two on a loaded machine
    out["ipc"] = (before, sysv_keys())
    return out


@pytest.mark.parametrize("student", ["shm_writer", "shm_reader", "victim", "scanner", "filler", "writer"])
def test_each_earns_what_its_code_earns(graded, student):
    """Every function passes only if the attack failed: no shared memory found, no earlier code in
    memory, the scratch full at its cap, and the next student's writes fine."""
    sub = graded["subs"][student]
    assert sub.error is None
    assert [t.status for t in sub.tests] == ["passed"] * len(sub.tests), [t.message for t in sub.tests]


def test_sysv_ipc_does_not_survive(graded):
    before, after = graded["ipc"]
    assert KEY not in after and not after - before


def test_honest_students_are_graded_as_alone(graded):
    for student in ("honest", "honest2"):
        assert [t.public() for t in graded["subs"][student].tests] == alone(student)


def test_no_scratch_or_home_is_left(graded):
    assert leftovers(graded["tmp"]) == []


def _cwd_under(folder: Path) -> list[int]:
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if str(folder) in os.readlink(f"/proc/{pid}/cwd"):
                pids.append(int(pid))
        except OSError:
            pass
    return pids


def test_a_killed_grader_leaves_no_process_and_no_folder(tmp_path):
    """SIGKILL the grader mid-run: the zygote, the supervisor and the sandbox all end, the home goes."""
    marker = "bpkit-sleeper"
    nb = notebook(tmp_path, "sleeper", extra=SET_NAME.format(marker=marker) + "import time\ntime.sleep(30)")
    private = tmp_path / "tmp"
    private.mkdir()
    env = dict(os.environ, TMPDIR=str(private), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    grader = subprocess.Popen([sys.executable, "-m", "autograder.cli", "grade", "--assignment", "ps1", str(nb),
                               "--timeout", "40", "--no-journal", "--quiet"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + 60
        while not processes_named(marker) and time.monotonic() < end:
            time.sleep(0.2)
        assert processes_named(marker), "the sleeper never started"
        os.kill(grader.pid, signal.SIGKILL)
        grader.wait()
        end = time.monotonic() + 10
        while (processes_named(marker) or _cwd_under(private) or leftovers(private)) and time.monotonic() < end:
            time.sleep(0.2)
        assert processes_named(marker) == [] and _cwd_under(private) == []
        assert leftovers(private) == []
    finally:
        if grader.poll() is None:
            grader.kill()
