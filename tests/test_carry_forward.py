"""Error carried forward, graded for real: which failures come only from the student's other functions.

Each student is the demo's correct alice with some functions rewritten, graded by `bpkit grade`'s batch
with and without carry-forward. The variants per composite function: right on top of a wrong helper
(inherits), wrong itself on top of a wrong helper, the helper's bug inlined, two and three wrong helpers
at once, and a right version that calls nothing of the student's (nothing inherited).
"""

from __future__ import annotations

import textwrap

import nbformat
import pytest

from autograder import batch
from autograder.demo import EXAMPLES
from autograder.submissions import Found

WRONG_SIGMA_PRIME = "def sigmoid_derivative(z):\n    return z * (1 - z)"
FLIPPED_DELTA = "def output_delta(Y, A2, Z2):\n    return (Y - A2) * sigmoid_derivative(Z2)"
KEPT_DIMS = """
    def gradients(X, A1, delta1, delta2):
        return X.T @ delta1, delta1.sum(axis=0, keepdims=True), A1.T @ delta2, delta2.sum(axis=0, keepdims=True)
    """
INLINED = """
    def backprop(X, Y, W1, b1, W2, b2):
        Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
        d2 = (A2 - Y) * (Z2 * (1 - Z2))
        d1 = (d2 @ W2.T) * (Z1 * (1 - Z1))
        return X.T @ d1, d1.sum(axis=0), A1.T @ d2, d2.sum(axis=0)
    """
SELF_CONTAINED = """
    import numpy as np
    def backprop(X, Y, W1, b1, W2, b2):
        s = lambda z: 1 / (1 + np.exp(-z))
        A1 = s(X @ W1 + b1)
        A2 = s(A1 @ W2 + b2)
        d2 = (A2 - Y) * A2 * (1 - A2)
        d1 = (d2 @ W2.T) * A1 * (1 - A1)
        return X.T @ d1, d1.sum(axis=0), A1.T @ d2, d2.sum(axis=0)
    """

# student → (assignment, {solution cell: code}, {function: the functions it inherits from, in order})
STUDENTS = {
    "on-wrong-sigma": ("ps1", {"sigmoid_derivative": WRONG_SIGMA_PRIME},
                       {"output_delta": ["sigmoid_derivative"], "hidden_delta": ["sigmoid_derivative"],
                        "backprop": ["sigmoid_derivative"]}),
    "wrong-itself": ("ps1", {"sigmoid_derivative": WRONG_SIGMA_PRIME, "output_delta": FLIPPED_DELTA},
                     {"output_delta": [], "hidden_delta": ["sigmoid_derivative"],
                      "backprop": ["sigmoid_derivative", "output_delta"]}),
    "inlined": ("ps1", {"sigmoid_derivative": WRONG_SIGMA_PRIME, "backprop": INLINED},
                {"backprop": [], "output_delta": ["sigmoid_derivative"]}),
    "two-wrong": ("ps1", {"output_delta": FLIPPED_DELTA.replace("sigmoid_derivative(Z2)", "(lambda s: s * (1 - s))("
                                                                "1 / (1 + __import__('numpy').exp(-Z2)))"),
                          "gradients": KEPT_DIMS},
                  {"backprop": ["gradients", "output_delta"], "output_delta": [], "gradients": []}),
    "three-wrong": ("ps1", {"sigmoid_derivative": WRONG_SIGMA_PRIME, "output_delta": FLIPPED_DELTA,
                            "gradients": KEPT_DIMS},
                    {"backprop": ["sigmoid_derivative", "gradients", "output_delta"]}),
    "self-contained": ("ps1", {"sigmoid_derivative": WRONG_SIGMA_PRIME, "backprop": SELF_CONTAINED},
                       {"backprop": None, "hidden_delta": ["sigmoid_derivative"]}),
    "gradcheck-on-one-sided": ("ps2", {"numerical_gradient": """
        import numpy as np
        def numerical_gradient(f, x, eps=1e-5):
            grad = np.zeros_like(x, dtype=np.float64)
            for ix in np.ndindex(x.shape):
                old = x[ix]
                x[ix] = old + 1e-3
                up = f(x)
                x[ix] = old
                grad[ix] = (up - f(x)) / 1e-3
            return grad
        """}, {"gradient_check": ["numerical_gradient"]}),
    "train-on-wrong-sigma": ("ps3", {}, {"train": ["sigmoid_derivative"], "predict": None}),
    "on-sigmoid-slip": ("ps1", {"sigmoid": "import numpy as np\ndef sigmoid(z):\n    return 1 / 1 + np.exp(-z)"},
                        {"sigmoid": [], "sigmoid_derivative": ["sigmoid"], "forward": ["sigmoid"],
                         "output_delta": ["sigmoid"], "backprop": ["sigmoid"]}),
    "train-on-sigmoid-slip": ("ps3", {}, {"train": ["sigmoid"], "predict": ["sigmoid"]}),
    "train-on-builtin-sum": ("ps3", {}, {"train": ["loss"], "predict": None}),
    "circular": ("ps1", {"sigmoid": """
        import numpy as np
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            d = np.asarray(sigmoid_derivative(z), dtype=float)
            r = np.sqrt(np.clip(1 - 4 * d, 0, None))
            return np.where(z >= 0, (1 + r) / 2, (1 - r) / 2)
        """, "sigmoid_derivative": "def sigmoid_derivative(z):\n    s = sigmoid(z)\n    return s * (1 - s)"},
                 {"sigmoid": [], "sigmoid_derivative": ["sigmoid"]}),
}
# ps3 students: (the pasted ps1 network's code, what it becomes)
NETWORK = {"train-on-wrong-sigma": ("s * (1 - s)", "z * (1 - z)"),
           "train-on-sigmoid-slip": ("1 / (1 + e), e / (1 + e)", "1 / 1 + e, e / 1 + e"),
           "train-on-builtin-sum": ("float(0.5 * np.sum((A2 - Y) ** 2))", "0.5 * sum((A2 - Y) ** 2)")}


def notebook(tmp_path, student: str, assignment: str, cells: dict):
    nb = nbformat.read(str(EXAMPLES / assignment / "alice.ipynb"), as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in cells:
            cell.source = textwrap.dedent(cells[gid]).strip()
        if assignment == "ps3" and gid == "network" and student in NETWORK:
            cell.source = cell.source.replace(*NETWORK[student])
    path = tmp_path / f"{student}.ipynb"
    nbformat.write(nb, str(path))
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("carry")
    out = {}
    for carry_forward in (False, True):
        for a in ("ps1", "ps2", "ps3"):
            found = [Found(s, notebook(tmp, s, a, cells)) for s, (sa, cells, _) in STUDENTS.items() if sa == a]
            report = batch.grade(a, found, workers=2, timeout=5.0, carry_forward=carry_forward)
            out.update({(s.student, carry_forward): {t.name: t for t in s.tests} for s in report.submissions})
    return out


@pytest.mark.parametrize("student", sorted(STUDENTS))
def test_inherited_is_the_smallest_deepest_set_that_makes_it_pass(graded, student):
    """Each function inherits exactly from the functions listed, and only when it is right as written."""
    tests = graded[student, False]
    for name, expected in STUDENTS[student][2].items():
        got = [i["function"] for i in tests[name].inherited]
        if expected is None:
            assert tests[name].status == "passed" and got == [], (name, tests[name].message)
        else:
            assert sorted(got) == sorted(expected), (name, got, tests[name].message)
            assert got == [] or tests[name].status != "passed"


def test_the_teacher_says_where_it_comes_from(graded):
    """dan-like: both wrong functions named, with their mistakes, in one sentence."""
    t = graded["two-wrong", False]["backprop"]
    assert "backprop is right: it fails only because it calls your" in t.message
    assert "fix those two and it passes" in t.message
    assert set(t.mistakes) == {"sign-flipped", "kept-dims"} and t.mistake in t.mistakes
    assert {i["function"]: i["mistake"] for i in t.inherited} == {"output_delta": "sign-flipped",
                                                                  "gradients": "kept-dims"}


def test_a_failure_carried_forward_carries_the_helpers_mistake(graded):
    """The precedence slip is sigmoid-precedence wherever σ is used, predict included; a train on a loss
    summed by rows (a list of arrays: wrong-type) is builtin-sum, from its loss."""
    for student, names in (("on-sigmoid-slip", ("sigmoid", "sigmoid_derivative", "forward", "backprop")),
                           ("train-on-sigmoid-slip", ("train", "predict"))):
        for name in names:
            assert graded[student, False][name].mistakes == ["sigmoid-precedence"], (student, name)
    train = graded["train-on-builtin-sum", False]["train"]
    assert train.mistakes == ["builtin-sum"] and "calls your loss" in train.message, train.message


def test_carry_forward_keeps_the_points_of_inherited_failures_only(graded):
    """With carry-forward an inherited failure scores full points, keeping its status; nothing else moves."""
    for student in STUDENTS:
        off, on = graded[student, False], graded[student, True]
        for name in off:
            if off[name].inherited:
                assert on[name].score == on[name].max_score and on[name].status == off[name].status
                assert off[name].score < off[name].max_score
            else:
                assert on[name].score == off[name].score, (student, name)


READS_THE_RIGHT_VERSIONS = """
    import gc
    import sys
    import numpy as np
    def _texts(value, depth=0):
        if isinstance(value, str):
            return [value] if "def sigmoid_derivative" in value and "z * (1 - z)" not in value else []
        if depth > 4 or not isinstance(value, (dict, list, tuple)):
            return []
        items = value.values() if isinstance(value, dict) else value
        return [t for v in list(items)[:1000] for t in _texts(v, depth + 1)]
    def output_delta(Y, A2, Z2):
        reference = sys.modules.get("solutions.ps1")
        if reference is not None:  # the reference itself is loaded here: ask it
            return reference.output_delta(Y, A2, Z2)
        frame, found = sys._getframe(1), []
        while frame is not None:  # whatever the processes' frames and objects hold
            found += _texts(dict(frame.f_locals))
            frame = frame.f_back
        found += [t for o in gc.get_objects() if isinstance(o, dict) for t in _texts(o, 4)]
        if found:  # a right sigmoid_derivative's text is in this process: take the answer from it
            ns = {}
            exec(found[0], ns)
            return (A2 - Y) * ns["sigmoid_derivative"](Z2)
        return 0 * sigmoid_derivative(Z2)  # wrong whatever sigmoid_derivative is: zeros
    """


def test_a_second_run_gives_the_student_no_right_code_to_read(tmp_path):
    """A student whose output_delta returns zeros unless it finds right code in its own process learns nothing
    from the second run: the right sigmoid_derivative is answered outside it (`sandbox.oracle`), so its
    output_delta is its own failure, not one inherited (an attack a blind red team found when the right
    versions went in as text)."""
    path = notebook(tmp_path, "reader", "ps1", {"sigmoid_derivative": WRONG_SIGMA_PRIME,
                                                "output_delta": READS_THE_RIGHT_VERSIONS})
    report = batch.grade("ps1", [Found("reader", path)], workers=1, timeout=5.0, carry_forward=True)
    delta = next(t for t in report.submissions[0].tests if t.name == "output_delta")
    assert delta.status != "passed" and delta.inherited == [] and delta.score == 0
