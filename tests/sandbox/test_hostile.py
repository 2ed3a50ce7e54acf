"""Hostile submissions graded together: each gets its own status, and nobody else pays for it."""

from __future__ import annotations

import hashlib
import subprocess
import textwrap
from pathlib import Path

import nbformat
import pytest

from autograder import batch
from autograder.course import kit_course
from autograder.demo import EXAMPLES
from autograder.submissions import Found

ROOT = kit_course()
TIMEOUT = 2.0
MEMORY_MB = 600  # a bomb fills this in well under TIMEOUT

# student → ({grade id of a solution cell: its new code}, {function: expected status})
HOSTILE = {
    "loop": ({"sigmoid": """
        def sigmoid(z):
            while True:
                pass
        """}, {"sigmoid": "timeout", "forward": "timeout", "backprop": "timeout", "loss": "passed"}),
    "stubborn_loop": ({"loss": """
        import signal
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM, signal.SIGXCPU):
            signal.signal(s, signal.SIG_IGN)
        def loss(Y, A2):
            while True:
                try:
                    pass
                except BaseException:
                    pass
        """}, {"loss": "timeout", "sigmoid": "passed"}),
    "memory_bomb": ({"forward": """
        def forward(X, W1, b1, W2, b2):
            hog = [bytearray(10**8) for _ in range(1000)]
            return hog
        """, "loss": """
        import numpy as np
        def loss(Y, A2):
            return np.ones((10**5, 10**5)).sum()
        """}, {"forward": "raised", "loss": "raised", "sigmoid": "passed"}),
    "exits": ({"loss": """
        import os
        def loss(Y, A2):
            os._exit(3)
        """, "sgd_step": """
        import sys
        def sgd_step(params, grads, lr):
            sys.exit("bye")
        """, "output_delta": """
        import os
        def output_delta(Y, A2, Z2):
            os.kill(os.getpid(), 9)
        """}, {"loss": "raised", "sgd_step": "raised", "output_delta": "raised", "sigmoid": "passed"}),
    "patches_numpy": ({"sigmoid": """
        import numpy as np
        np.allclose = lambda *a, **k: True
        np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), bool)
        np.testing.assert_allclose = lambda *a, **k: None
        np.array_equal = lambda *a, **k: True
        def sigmoid(z):
            return np.zeros_like(z) + 0.5
        """}, {"sigmoid": "failed"}),
    "lying_objects": ({"sigmoid_derivative": """
        import numpy as np
        class Liar(np.ndarray):
            def __eq__(self, other):
                return True
            def __array_function__(self, func, types, args, kwargs):
                return True
            def __float__(self):
                return 0.25
        def sigmoid_derivative(z):
            return np.zeros_like(z).view(Liar)
        """}, {"sigmoid_derivative": "failed", "sigmoid": "passed"}),
    "steals": ({"backprop": """
        def backprop(X, Y, W1, b1, W2, b2):
            import solutions.ps1
            return solutions.ps1.backprop(X, Y, W1, b1, W2, b2)
        """, "gradients": f"""
        def gradients(X, A1, delta1, delta2):
            return open({str(ROOT / 'source' / 'ps1' / 'backprop.ipynb')!r}).read()
        """, "sgd_step": f"""
        def sgd_step(params, grads, lr):
            open({str(ROOT / 'gradebook.db')!r}, 'w').write('owned')
        """}, {"backprop": "raised", "gradients": "raised", "sgd_step": "raised", "sigmoid": "passed"}),
    "floods_output": ({"sigmoid": """
        import numpy as np, sys, os
        def sigmoid(z):
            sys.stdout.write("x" * 50_000_000)
            print('{"step": 99, "result": {"outcomes": []}}')
            os.write(1, b"y" * 1_000_000)
            return 1 / (1 + np.exp(-z))
        """}, {"sigmoid": "passed"}),
    "networks": ({"sigmoid": """
        import socket
        def sigmoid(z):
            socket.create_connection(("127.0.0.1", 22), timeout=1).sendall(b"answers?")
        """}, {"sigmoid": "raised", "loss": "passed"}),
    "spawns": ({"sigmoid": """
        import subprocess
        def sigmoid(z):
            subprocess.Popen(["sleep", "300"], start_new_session=True)
        """, "loss": """
        import os
        def loss(Y, A2):
            if os.fork() == 0:
                import time
                time.sleep(300)
            return 0.0
        """}, {"sigmoid": "raised", "loss": "raised", "forward": "raised"}),
}


def notebook_with(tmp: Path, student: str, cells: dict) -> Path:
    nb = nbformat.read(str(EXAMPLES / "ps1" / "alice.ipynb"), as_version=4)
    for cell in nb.cells:
        code = cells.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if code:
            cell.source = textwrap.dedent(code).strip()
    path = tmp / f"{student}.ipynb"
    nbformat.write(nb, str(path))
    return path


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    found = [Found(s, notebook_with(tmp, s, cells)) for s, (cells, _) in HOSTILE.items()]
    corrupt = tmp / "corrupt.ipynb"
    corrupt.write_text('{"cells": [{"cell_type": "code", "source": "def sigmoid(')
    found += [Found("corrupt", corrupt), Found("alice", EXAMPLES / "ps1" / "alice.ipynb")]
    before = {p: digest(p) for p in (ROOT / "gradebook.db", ROOT / "source" / "ps1" / "backprop.ipynb")}
    report = batch.grade("ps1", found, workers=2, timeout=TIMEOUT, memory_mb=MEMORY_MB)
    after = {p: digest(p) for p in before}
    alone = batch.grade("ps1", [Found("alice", EXAMPLES / "ps1" / "alice.ipynb")], workers=1, timeout=TIMEOUT)
    return {s.student: s for s in report.submissions}, before, after, alone.submissions[0]


@pytest.mark.parametrize("student", sorted(HOSTILE))
def test_hostile_submission_gets_its_status(graded, student):
    """Each hostile function ends with its own status; its untouched functions are still graded."""
    subs = graded[0]
    tests = {t.name: t for t in subs[student].tests}
    for name, status in HOSTILE[student][1].items():
        assert tests[name].status == status, f"{name}: {tests[name].message}"
    assert subs[student].error is None


def test_died_and_timeout_messages_say_what_happened(graded):
    """A killed process says how it died; a loop says it ran past its time."""
    tests = {t.name: t for t in graded[0]["exits"].tests}
    assert "code 3" in tests["loss"].message and "SIGKILL" in tests["output_delta"].message
    assert "SystemExit" in tests["sgd_step"].message
    assert "time limit" in {t.name: t for t in graded[0]["stubborn_loop"].tests}["loss"].message


def test_corrupt_notebook_is_an_error_not_a_crash(graded):
    """Truncated JSON: the submission has an error and every test at 0."""
    sub = graded[0]["corrupt"]
    assert sub.error and all(t.score == 0 for t in sub.tests) and len(sub.tests) == 9


def test_nothing_was_read_or_written_outside(graded):
    """The source notebook and the gradebook are untouched; reading them failed."""
    _, before, after, _ = graded
    assert before == after
    tests = {t.name: t for t in graded[0]["steals"].tests}
    assert "No module named 'solutions'" in tests["backprop"].message


def test_others_are_graded_exactly_as_alone(graded):
    """alice, graded in the hostile batch, gets exactly what she gets alone."""
    subs, _, _, alone = graded
    assert [t.public() for t in subs["alice"].tests] == [t.public() for t in alone.tests]
    assert subs["alice"].score == 17.0


def test_no_network(graded):
    """A connection, even to this machine, fails inside the sandbox."""
    message = {t.name: t for t in graded[0]["networks"].tests}["sigmoid"].message
    assert "unreachable" in message.lower() or "refused" in message.lower() or "OSError" in message, message


def test_nothing_outlives_the_batch(graded):
    """No process a submission started is left (no `sleep 300`)."""
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "sleep 300" not in ps
