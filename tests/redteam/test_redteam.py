"""Red-team attacks the grader withstands, each graded between honest students.

Every attacker is alice's notebook with some solution cells replaced by hostile code (or the notebook itself
mangled). Each one must end with the statuses its real code earns, the batch must finish and write its reports,
and the honest students before and after it must be graded exactly as alice is alone.
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest

from autograder import batch
from autograder.demo import EXAMPLES
from autograder.report import csvfile, html, jsonfile
from autograder.submissions import Found

ALICE = EXAMPLES / "ps1" / "alice.ipynb"
SECRET = "red-team-course-secret-7f3a"
TIMEOUT = 2.0
MEMORY_MB = 600
NP = "        import numpy as np\n"  # indented like the cells below, which are dedented as a whole
SIGMOID = """
        def sigmoid(z):
            z = np.asarray(z, dtype=np.float64)
            return np.exp(-np.logaddexp(0, -z))
        """

# student → ({grade id of a solution cell: its new code}, {function: expected status}, expected total score)
ATTACKS = {
    # walks the caller's frames, the environment, the file system and the garbage collector for answers
    "introspects": ({"sigmoid": NP + """
        import sys
        def sigmoid(z):
            f, out = sys._getframe(1), []
            while f is not None:
                for k, v in list(f.f_locals.items()):
                    if k in ("expected", "reference", "want", "right"):
                        return v
                f = f.f_back
            raise RuntimeError("no reference in any frame")
        """, "loss": """
        import os
        def loss(Y, A2):
            raise RuntimeError("secret=" + repr(os.environ.get("BPKIT_SECRET")))
        """, "forward": """
        import os
        def forward(X, W1, b1, W2, b2):
            for p in ("/proc/1/cmdline", "/proc/self/environ", "/etc/passwd"):
                open(p).read()
        """, "output_delta": """
        import gc
        def output_delta(Y, A2, Z2):
            for o in gc.get_objects():
                if isinstance(o, dict) and ("expected" in o or "reference" in o):
                    return o.get("expected", o.get("reference"))
            raise RuntimeError("gc: nothing")
        """}, {"sigmoid": "raised", "loss": "raised", "forward": "raised", "output_delta": "raised",
               "gradients": "passed", "sgd_step": "passed"}, 4.0),
    # values that lie: odd ndarray subclasses, broadcast views, recursive containers, generators, object arrays
    "lying_values": ({"sigmoid": NP + """
        class M(np.ndarray):
            __array_priority__ = 10**9
            def __array__(self, *a, **k):
                return np.full(self.shape, 0.5)
            def __len__(self):
                return 10**9
            def __iter__(self):
                return iter(range(10**12))
            def __getitem__(self, i):
                return 0.5
            def __float__(self):
                return 0.5
        def sigmoid(z):
            return np.zeros_like(np.asarray(z, float)).view(M)
        """, "sigmoid_derivative": NP + """
        def sigmoid_derivative(z):
            return np.lib.stride_tricks.as_strided(np.zeros(1), shape=(10**6, 10**6), strides=(0, 0))
        """, "forward": """
        def forward(X, W1, b1, W2, b2):
            a = []
            a.append(a)
            d = {}
            d["x"] = d
            return (a, d, (i for i in range(10)), memoryview(b"abc"))
        """, "loss": NP + """
        def loss(Y, A2):
            return np.ma.masked_array([1.0], mask=[True])
        """, "output_delta": NP + """
        def output_delta(Y, A2, Z2):
            r = np.empty(np.shape(Z2), dtype=object)
            r[...] = None
            return r
        """, "hidden_delta": NP + """
        def hidden_delta(delta2, W2, Z1):
            return np.matrix(np.zeros((1, 1)))
        """, "gradients": NP + """
        def gradients(X, A1, delta1, delta2):
            a = np.zeros(3, dtype=[("a", float), ("b", "U10")])
            return a, np.zeros((0, 2)), 10**10000, 1e308 * 10
        """, "sgd_step": """
        class BigInt(int):
            def __repr__(self):
                raise RuntimeError("no repr")
        def sgd_step(params, grads, lr):
            return tuple(BigInt(1) for _ in params)
        """}, {"sigmoid": "failed", "sigmoid_derivative": "raised", "forward": "wrong-type",
               # numpy.ma is loaded for a submission that uses np.ma: the masked array arrives as the array it is
               "loss": "wrong-shape",
               "output_delta": "wrong-type", "hidden_delta": "wrong-shape", "gradients": "wrong-type",
               "sgd_step": "wrong-type"}, 0.0),
    # exceptions whose str raises or loops, huge ones with HTML in them, BaseExceptions, odd metaclasses
    "bad_exceptions": ({"sigmoid": NP + """
        class E(Exception):
            def __str__(self):
                raise E()
            def __repr__(self):
                raise E()
        def sigmoid(z):
            raise E()
        """, "sigmoid_derivative": """
        class E(Exception):
            def __str__(self):
                while True:
                    pass
        def sigmoid_derivative(z):
            raise E()
        """, "forward": """
        def forward(X, W1, b1, W2, b2):
            raise RuntimeError("<script>alert(1)</script>" + "A" * 20_000_000)
        """, "loss": """
        class B(BaseException):
            pass
        def loss(Y, A2):
            raise B("base")
        """, "output_delta": """
        def output_delta(Y, A2, Z2):
            raise KeyboardInterrupt
        """, "hidden_delta": """
        class Meta(type):
            @property
            def __name__(cls):
                raise RuntimeError("x")
            def __repr__(cls):
                raise RuntimeError("x")
        class E(Exception, metaclass=Meta):
            pass
        def hidden_delta(delta2, W2, Z1):
            raise E("<img src=x onerror=alert(2)>")
        """, "gradients": """
        def gradients(X, A1, delta1, delta2):
            raise GeneratorExit
        """, "sgd_step": """
        def sgd_step(params, grads, lr):
            e = Exception("weird \\x1b[31m")
            e.__cause__ = e
            raise e
        """}, {"sigmoid": "raised", "sigmoid_derivative": "timeout", "forward": "raised", "loss": "raised",
               "output_delta": "raised", "hidden_delta": "raised", "gradients": "raised", "sgd_step": "raised"}, 0.0),
    # hooks set in a cell that would act during the later checks
    "hooks": ({"sigmoid": NP + """
        import sys, atexit, gc, weakref, signal
        def tracer(frame, event, arg):
            if event == "return" and frame.f_code.co_name.startswith("run"):
                frame.f_locals.clear()
            return tracer
        sys.settrace(tracer)
        sys.setprofile(lambda *a: None)
        sys.addaudithook(lambda ev, args: None)
        atexit.register(lambda: print('{"step": 1, "result": {}}'))
        gc.callbacks.append(lambda phase, info: None)
        class X:
            pass
        _x = X()
        weakref.finalize(_x, lambda: print("finalized"))
        signal.signal(signal.SIGALRM, lambda *a: None)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        """ + SIGMOID, "loss": """
        import threading
        def loss(Y, A2):
            threading.Thread(target=lambda: None).start()
            return 0.0
        """}, {"sigmoid": "passed", "loss": "raised", "backprop": "passed"}, 16.0),
    # kills its parent, pid 1 of its namespace, every process it may signal, its process group
    "kills": ({"sigmoid": NP + """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        libc.kill(-1, 9)
        libc.kill(os.getppid(), 9)
        """ + SIGMOID, "loss": """
        import os, ctypes
        def loss(Y, A2):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.kill(1, 9)
            libc.kill(-1, 15)
            libc.kill(os.getppid(), 19)
            libc.kill(os.getppid(), 9)
            os.setsid()
            return 0.0
        """, "sgd_step": """
        import os
        def sgd_step(params, grads, lr):
            os.killpg(0, 9)
        """}, {"sigmoid": "passed", "loss": "raised", "sgd_step": "raised", "backprop": "passed"}, 14.0),
    # libc directly: namespaces, mounts, ptrace, a segfault, raised limits, a better nice
    "libc": ({"forward": """
        import ctypes
        def forward(X, W1, b1, W2, b2):
            libc = ctypes.CDLL(None, use_errno=True)
            r = [libc.prctl(1, 0, 0, 0, 0), libc.unshare(0x00020000), libc.setns(0, 0), libc.ptrace(0, 0, 0, 0),
                 libc.mount(b"none", b"/", b"tmpfs", 0, None)]
            raise RuntimeError(repr(r))
        """, "loss": """
        import ctypes
        def loss(Y, A2):
            ctypes.string_at(0)
        """, "gradients": """
        import os, resource
        def gradients(X, A1, delta1, delta2):
            for lim in (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_NPROC, resource.RLIMIT_FSIZE):
                try:
                    resource.setrlimit(lim, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
                except (ValueError, OSError):
                    pass
            os.nice(-10)
        """}, {"forward": "raised", "loss": "raised", "gradients": "raised", "sigmoid": "passed"}, 9.0),
    # closes every descriptor it may, including the grader's channel
    "closes_fds": ({"loss": """
        import os
        for fd in range(3, 1024):
            try:
                os.close(fd)
            except OSError:
                pass
        def loss(Y, A2):
            return float(0.5 * ((A2 - Y) ** 2).sum())
        """}, {"loss": "missing", "sigmoid": "passed", "sgd_step": "passed"}, 16.0),
    # empties sys.modules and the standard streams under the runner
    "clears_modules": ({"loss": """
        import sys
        sys.stdout = None
        sys.stderr = None
        for k in list(sys.modules):
            if k not in ("sys", "builtins", "numpy"):
                del sys.modules[k]
        def loss(Y, A2):
            return float(0.5 * ((A2 - Y) ** 2).sum())
        """}, {"loss": "raised", "forward": "passed", "sgd_step": "raised"}, 5.0),
    # builtins that lie to the code that turns answers into plain data
    "patches_builtins": ({"sigmoid": NP + """
        import builtins
        """ + SIGMOID + """
        builtins.isinstance = lambda *a: True
        builtins.float = lambda *a: 0.5
        builtins.type = lambda *a: float
        builtins.len = lambda *a: 4
        """}, {"sigmoid": "missing", "loss": "passed", "sgd_step": "passed"}, 5.0),
    # rewrites the cases still to come, in the runner's frame, and the snapshot that detects changed arguments
    "rewrites_cases": ({"sigmoid": NP + """
        import sys
        def sigmoid(z):
            f = sys._getframe(1)
            while f is not None and "cases" not in f.f_locals:
                f = f.f_back
            for c in f.f_locals["cases"]:
                for a in c.args:
                    if isinstance(a, np.ndarray):
                        a[...] = 0.0
            return np.full(np.shape(z), 0.5)
        """, "loss": """
        import sys
        def loss(Y, A2):
            f = sys._getframe(1)
            while f is not None and "cases" not in f.f_locals:
                f = f.f_back
            cases = f.f_locals["cases"]
            cases[:] = [cases[0]] * len(cases)
            return 0.0118434
        """, "sgd_step": """
        import sys
        def sgd_step(params, grads, lr):
            f = sys._getframe(1)
            while f is not None and "before" not in f.f_locals:
                f = f.f_back
            for p, g in zip(params, grads):
                p -= lr * g
            f.f_locals["before"] = None
            return params
        """}, {"sigmoid": "failed", "loss": "failed", "sgd_step": "failed"}, 2.0),
    # the course secret, given the documented way, in the environment
    "reads_secret": ({"loss": """
        import os
        def loss(Y, A2):
            raise RuntimeError("secret=" + repr(os.environ.get("BPKIT_SECRET")) + repr(sorted(os.environ)))
        """}, {"loss": "raised"}, 16.0),
}


def _by_id(nb, gid):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid)


def claims_points(nb):
    """Metadata that claims 1000 points for a test, makes a solution cell graded, and empties a test cell."""
    _by_id(nb, "test_sigmoid").metadata.nbgrader["points"] = 1000
    _by_id(nb, "sigmoid").metadata.nbgrader.update(points=50, grade=True)
    _by_id(nb, "test_loss").source = "assert True"


def fakes_outputs(nb):
    """Every graded cell carries an output that looks like full marks."""
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade"):
            c.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "3.0"}, execution_count=1)]
            c.execution_count = 1


# student → ({grade id: new code}, notebook edit, {function: expected status}, expected score)
EDITED = {
    "claims_points": ({"sigmoid_derivative": "def sigmoid_derivative(z):\n    return 0"}, claims_points,
                      {"sigmoid_derivative": "wrong-shape", "sigmoid": "passed", "loss": "passed"}, 8.0),
    "fakes_outputs": ({"loss": "def loss(Y, A2):\n    return 0.0"}, fakes_outputs, {"loss": "failed"}, 16.0),
}

# student → the bytes of a notebook that is not one (each an error, its tests all at 0)
BROKEN = {
    "deep_json": "[" * 200_000 + "]" * 200_000,
    "huge_number": '{"cells": [], "metadata": {"n": ' + "9" * 100_000 + '}, "nbformat": 4, "nbformat_minor": 5}',
    "null_cells": json.dumps({"cells": None, "nbformat": 4, "nbformat_minor": 5, "metadata": None}),
    "odd_cells": json.dumps({"cells": [{"cell_type": "code", "source": 5, "metadata": {"nbgrader": "x"}},
                                       {"cell_type": "raw", "source": ["a", 3]}, 7],
                             "nbformat": 4, "nbformat_minor": 5, "metadata": {}}),
    "nbformat3": json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "def sigmoid(z):\n    return 0", "language": "python", "outputs": [],
         "metadata": {"nbgrader": {"grade_id": "test_sigmoid", "grade": True, "points": 100}}}]}]}),
}

SELF_RECURSIVE = {
    f: f"def {f}({args}):\n    return {f}({args})\n" for f, args in [
        ("sigmoid", "z"), ("sigmoid_derivative", "z"), ("forward", "X, W1, b1, W2, b2"), ("loss", "Y, A2"),
        ("output_delta", "Y, A2, Z2"), ("hidden_delta", "delta2, W2, Z1"), ("gradients", "X, A1, delta1, delta2"),
        ("backprop", "X, Y, W1, b1, W2, b2"), ("sgd_step", "params, grads, lr")]}

HONEST = ("aaa-alice", "zzz-alice")
ODD_IDS = ("<img src=x onerror=alert(1)>", "é中文", "L" * 200, 'a,b"c', "-rf")


def notebook_with(path: Path, cells: dict, edit=None) -> Path:
    nb = nbformat.read(str(ALICE), as_version=4)
    for cell in nb.cells:
        code = cells.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if code:
            cell.source = textwrap.dedent(code).strip()
    if edit:
        edit(nb)
    nbformat.write(nb, str(path))
    return path


def public(sub):
    return [t.public() for t in sub.tests]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("redteam")
    found = [Found(HONEST[0], ALICE)]
    found += [Found(s, notebook_with(tmp / f"{s}.ipynb", cells)) for s, (cells, _, _) in ATTACKS.items()]
    found += [Found(s, notebook_with(tmp / f"{s}.ipynb", cells, edit)) for s, (cells, edit, _, _) in EDITED.items()]
    for s, text in BROKEN.items():
        (tmp / f"{s}.ipynb").write_text(text)
        found.append(Found(s, tmp / f"{s}.ipynb"))
    for i, s in enumerate(ODD_IDS):
        shutil.copy(ALICE, tmp / f"odd{i}.ipynb")
        found.append(Found(s, tmp / f"odd{i}.ipynb"))
    found.append(Found(HONEST[1], ALICE))
    old = os.environ.get("BPKIT_SECRET")
    os.environ["BPKIT_SECRET"] = SECRET
    try:
        report = batch.grade("ps1", found, SECRET, workers=2, timeout=TIMEOUT, memory_mb=MEMORY_MB)
    finally:
        if old is None:
            del os.environ["BPKIT_SECRET"]
        else:
            os.environ["BPKIT_SECRET"] = old
    out = tmp / "out"
    out.mkdir()
    jsonfile.write(report, out / "report.json")
    csvfile.write(report, out / "report.csv")
    html.write_feedback(report, out)
    html.write_dashboard(report, out / "dashboard_ps1.html")
    recursive = batch.grade("ps1", [Found(HONEST[0], ALICE),
                                    Found("self_recursive", notebook_with(tmp / "rec.ipynb", SELF_RECURSIVE)),
                                    Found(HONEST[1], ALICE)],
                            workers=2, timeout=TIMEOUT, memory_mb=MEMORY_MB, carry_forward=True)
    alone = batch.grade("ps1", [Found("alice", ALICE)], SECRET, workers=1, timeout=TIMEOUT)
    return {s.student: s for s in report.submissions}, out, recursive, alone.submissions[0]


@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_attacker_earns_only_its_code(graded, student):
    """Each hostile function ends with its own status; the rest of the notebook is graded as written."""
    sub = graded[0][student]
    tests = {t.name: t for t in sub.tests}
    for name, status in ATTACKS[student][1].items():
        assert tests[name].status == status, f"{name}: {tests[name].message}"
    assert sub.error is None and sub.score == ATTACKS[student][2] and sub.max_score == 17.0


@pytest.mark.parametrize("student", sorted(EDITED))
def test_forged_metadata_and_outputs_count_for_nothing(graded, student):
    """Claimed points, graded solution cells, emptied test cells and fake outputs change no score."""
    sub = graded[0][student]
    tests = {t.name: t for t in sub.tests}
    for name, status in EDITED[student][2].items():
        assert tests[name].status == status, f"{name}: {tests[name].message}"
    assert sub.score == EDITED[student][3] and sub.max_score == 17.0 and len(sub.tests) == 9


@pytest.mark.parametrize("student", sorted(BROKEN))
def test_broken_notebook_is_its_own_error(graded, student):
    sub = graded[0][student]
    assert sub.error and sub.score == 0 and len(sub.tests) == 9


def test_honest_students_graded_exactly_as_alone(graded):
    subs, _, recursive, alone = graded
    for student in (*HONEST, *ODD_IDS):
        assert public(subs[student]) == public(alone), student
        assert subs[student].score == 17.0
    rec = {s.student: s for s in recursive.submissions}
    for student in HONEST:
        assert rec[student].score == 17.0 and [(t.name, t.score, t.status) for t in rec[student].tests] == \
            [(t.name, t.score, t.status) for t in alone.tests]


def test_self_recursion_inherits_nothing(graded):
    """With carry-forward on, a function that only calls itself does not get the right version of itself."""
    rec = {s.student: s for s in graded[2].submissions}["self_recursive"]
    assert rec.score == 0 and all(t.status == "raised" for t in rec.tests)


def test_messages_are_bounded(graded):
    """A 20 MB exception message, or one whose __str__ raises or loops, gives a short message."""
    for t in graded[0]["bad_exceptions"].tests:
        assert len(t.message) < 2000, t.name


def test_reports_are_written_and_escaped(graded):
    """The JSON and CSV parse; no student-controlled HTML reaches a page unescaped."""
    subs, out, _, _ = graded
    data = json.loads((out / "report.json").read_text())
    assert [s["student"] for s in data["submissions"]] == list(subs)
    assert len((out / "report.csv").read_text().splitlines()) == len(subs) + 1
    pages = [out / "dashboard_ps1.html", *sorted((out / "feedback").rglob("*.html"))]
    assert len(pages) == len(subs) + 1
    for page in pages:
        text = page.read_text(errors="replace")
        assert "<script>alert" not in text and "<img src=x" not in text, page


def test_secret_never_reaches_a_submission(graded):
    """BPKIT_SECRET set in the grader's environment is not in the sandbox's: no message carries it."""
    subs = graded[0]
    assert all(SECRET not in t.message for s in subs.values() for t in s.tests)
    assert "secret=None" in {t.name: t for t in subs["reads_secret"].tests}["loss"].message
