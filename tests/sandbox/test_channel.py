"""Student code writing to the sandbox's channels: no hang, no crash, no skew, no points it did not earn."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.submissions import Found
from tests.sandbox.students import SET_NAME, TIMEOUT, alone, grade_between, leftovers, notebook, processes_named

MARKER = "bpkit-chan-atk"

# every fd it can find, for 20 s: fake starts (the old channel reset the deadline on each), fake results, fake ends,
# a call to a right version where there is none
HEARTBEATS = SET_NAME.format(marker=MARKER) + """
import os, time, json
fake = [json.dumps(r).encode() + b"\\n" for r in (
    {"step": 0, "start": True}, {"kind": "hello"}, {"kind": "done"},
    {"kind": "cell", "step": 99, "error": None},
    {"kind": "check", "step": 2, "outcomes": [{"value": {"t": "num", "v": 1.0}}]},
    {"kind": "call", "step": 2, "name": "sigmoid", "args": [{"t": "num", "v": 0.0}]})]
end = time.monotonic() + 20
while time.monotonic() < end:
    for fd in range(64):
        for line in fake:
            try:
                os.write(fd, line)
            except OSError:
                pass
    time.sleep(0.05)
"""

# inside a function: its own result is not the grader's data, the rest is graded
FAKE_IN_FUNCTION = """
import os, json
def sgd_step(params, grads, lr):
    os.write(3, json.dumps({"step": 0, "start": True}).encode() + b"\\n")
    return tuple(p - lr * g for p, g in zip(params, grads))
"""

MALFORMED = SET_NAME.format(marker=MARKER) + """
import os
os.write(3, b"{this is not json\\n")
"""

HUGE = SET_NAME.format(marker=MARKER) + """
import os
os.write(3, b"[" * (200 * 1024 * 1024))
"""

DEEP = """
import os
os.write(3, b"[" * 100000 + b"]" * 100000 + b"\\n")
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("channel")
    attackers = [
        Found("heartbeats", notebook(tmp, "heartbeats", extra=HEARTBEATS, replace={"sgd_step": FAKE_IN_FUNCTION})),
        Found("malformed", notebook(tmp, "malformed", extra=MALFORMED)),
        Found("huge", notebook(tmp, "huge", extra=HUGE)),
        Found("deep", notebook(tmp, "deep", extra=DEEP)),
    ]
    start = time.monotonic()
    out = grade_between(tmp, attackers, workers=2)
    out["seconds"] = time.monotonic() - start
    return out


def test_the_batch_ends_on_time(graded):
    """Fake heartbeats do not extend any deadline: five submissions end well within a minute."""
    assert graded["seconds"] < 60
    assert len(graded["subs"]) == 6 and all(s.error is None for s in graded["subs"].values())


@pytest.mark.parametrize("student", ["heartbeats", "malformed", "huge", "deep"])
def test_attacker_earns_what_its_code_earns(graded, student):
    """The attack cell costs that cell; every function it did not touch is graded and passes."""
    sub = graded["subs"][student]
    tests = {t.name: t for t in sub.tests}
    for name, t in tests.items():
        if student == "heartbeats" and name == "sgd_step":
            assert t.status == "raised" and "not the grader's data" in t.message, t.message
        else:
            assert t.status == "passed", f"{name}: {t.message}"
    assert sub.score == (15.0 if student == "heartbeats" else 17.0)


def test_honest_students_are_graded_as_alone(graded):
    for student in ("honest", "honest2"):
        assert [t.public() for t in graded["subs"][student].tests] == alone(student)


def test_nothing_of_the_attackers_survives(graded):
    assert processes_named(MARKER) == []
    assert leftovers(graded["tmp"]) == []


def test_a_200_mb_line_leaves_the_grader_small(tmp_path):
    """The grading process reads at most a bounded record: its peak memory stays far below the line."""
    nb = notebook(tmp_path, "huge", extra=HUGE)
    script = f"""
import resource, json
from pathlib import Path
from autograder import batch
from autograder.submissions import Found
r = batch.grade("ps1", [Found("huge", Path({str(nb)!r}))], workers=1, timeout={TIMEOUT}, memory_mb=600)
print(json.dumps({{"kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "score": r.submissions[0].score}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["score"] == 17.0
    assert got["kb"] < 1024 * 1024, f"the grader peaked at {got['kb'] / 1024:.0f} MB"
