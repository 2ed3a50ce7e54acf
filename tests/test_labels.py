"""`bpkit label`: a mistake the catalogue does not know, named once, then for every student whose answer agrees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import labels
from tests.test_roundtrip import corpus_notebook

RIGHT = """
import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)
def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    return Z1, A1, Z2, sigmoid(Z2)
def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)
def hidden_delta(delta2, W2, Z1):
    return delta2 @ W2.T * sigmoid_derivative(Z1)
def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)
def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    return gradients(X, A1, hidden_delta(d2, W2, Z1), d2)
def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
"""
# output_delta, per kind, in styles that return the same numbers
KINDS = {
    "right": ["return (A2 - Y) * sigmoid_derivative(Z2)", "return np.multiply(A2 - Y, A2 * (1 - A2))"],
    "timesa": ["return (A2 - Y) * A2", "return np.multiply(A2, A2 - Y)",
               "out = A2.copy()\n    out -= Y\n    out *= A2\n    return out"],
    "squared": ["return (A2 - Y) ** 2 * sigmoid_derivative(Z2)", "e = A2 - Y\n    return e * e * A2 * (1 - A2)"],
    "tanh": ["return (A2 - Y) * (1 - np.tanh(Z2) ** 2)", "return (A2 - Y) / np.cosh(Z2) ** 2"],
    "flipped": ["return (Y - A2) * sigmoid_derivative(Z2)"],
}


def submit(course: Path, term: str) -> dict[str, str]:
    """One notebook per style of each kind, for students `<kind><i><term>`; student → kind."""
    kind_of = {}
    for kind, styles in KINDS.items():
        for i, body in enumerate(styles):
            student = f"{kind}{i}{term}"
            code = RIGHT + f"def output_delta(Y, A2, Z2):\n    {body}\n"
            corpus_notebook("ps1", code, course / "submitted" / student / "ps1" / "backprop.ipynb")
            kind_of[student] = kind
    return kind_of


def bpkit(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], capture_output=True, text=True,
                          timeout=600, cwd=course)


def grade(course: Path, out: str, said: bool = False):
    """output_delta's test object per student, after `bpkit grade` over the course (journal on); and its stderr."""
    done = bpkit(course, "grade", "--assignment", "ps1", ".", "--json", out, "--timeout", "5", "--quiet")
    assert done.returncode == 0, done.stderr
    report = json.loads((course / out).read_text())
    tests = {s["student"]: next(t for t in s["tests"] if t["name"] == "output_delta") for s in report["submissions"]}
    return (tests, done.stderr) if said else tests


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("labels")
    (root / "source").mkdir()
    (root / "nbgrader_config.py").write_text("")
    return root, submit(root, "a")


def test_labelling_one_student_names_exactly_the_students_of_that_kind(course):
    """Graded, labelled from one 'timesa' student, graded again (journal on): all 'timesa' named, no one else;
    a new term's students of that kind too."""
    root, kind_of = course
    before = grade(root, "r1.json")
    assert len({before[s]["cluster"] for s, k in kind_of.items() if k == "timesa"}) == 1
    done = bpkit(root, "label", "--assignment", "ps1", "--function", "output_delta", "--like", "timesa1a",
                 "--report", "r1.json", "--id", "times-a2", "--message", "δ2 multiplies by A2 where σ'(Z2) "
                 "= A2·(1 − A2) belongs")
    assert done.returncode == 0, done.stderr
    assert "3 students of r1.json answer like timesa1a" in done.stdout
    stored = json.loads((root / labels.FILE).read_text())["mistakes"]
    assert [(m["id"], m["function"], m["like"]) for m in stored] == [("times-a2", "output_delta", "timesa1a")]

    kind_of = {**kind_of, **submit(root, "b")}  # next term
    after, said = grade(root, "r2.json", said=True)
    assert "3 result(s) kept in the journal are named differently now" in said  # this term's: not re-run
    for student, kind in kind_of.items():
        t = after[student]
        if kind == "timesa":
            assert (t["mistake"], t["cluster"]) == ("times-a2", None), student
            assert t["message"].startswith("δ2 multiplies by A2")
        else:
            assert t["mistake"] != "times-a2", student
    assert {after[s]["mistake"] for s, k in kind_of.items() if k == "flipped"} == {"sign-flipped"}
    assert {after[s]["status"] for s, k in kind_of.items() if k == "right"} == {"passed"}


@pytest.mark.parametrize("like, mistake_id, why", [
    ("right0a", "fine", "a correct answer is never a mistake"),
    ("flipped0a", "flip", "is named sign-flipped already"),
    ("tanh0a", "sign-flipped", "that is a catalogue mistake already"),
    ("tanh0a", "Tanh Slip", "an id is lowercase letters"),
    ("nobody", "tanh", "no such student"),
])
def test_what_cannot_be_labelled_is_a_usage_error(course, like, mistake_id, why):
    root, _ = course
    if not (root / "r0.json").is_file():
        grade(root, "r0.json")
    done = bpkit(root, "label", "--assignment", "ps1", "--function", "output_delta", "--like", like,
                 "--report", "r0.json", "--id", mistake_id, "--message", "m", "--course", str(root / "other"))
    assert done.returncode == 2 and why in done.stderr, done.stderr
    assert not (root / "other" / labels.FILE).exists()


def test_a_damaged_file_of_course_mistakes_stops_grading_with_a_message(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / labels.FILE).write_text("{not json")
    corpus_notebook("ps1", RIGHT, tmp_path / "submitted" / "zoe" / "ps1" / "backprop.ipynb")
    done = bpkit(tmp_path, "grade", "--assignment", "ps1", ".", "--quiet", "--no-journal")
    assert done.returncode == 2 and labels.FILE in done.stderr and "Traceback" not in done.stderr


def test_a_label_removed_unnames_the_journaled_results(course):
    """The file of course mistakes emptied: the next grade, from the journal, names no one times-a2 again and
    gives back each answer's own status and message, its cluster too."""
    root, kind_of = course
    grade(root, "r3.json")
    (root / labels.FILE).write_text(json.dumps({"mistakes": []}))
    after, said = grade(root, "r4.json", said=True)
    assert "named differently now" in said
    for student, kind in kind_of.items():
        if kind == "timesa":
            t = after[student]
            assert t["mistake"] is None and t["cluster"] and "hidden cases right" in t["message"], t


def test_a_mistake_defined_by_its_code_is_named_on_every_case(tmp_path):
    """The instructor writes the wrong function: the students whose answers equal it on all their hidden cases
    (each their own) are named, the others not; a right function is refused as a definition."""
    root = tmp_path / "c"
    (root / "source").mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("")
    kind_of = submit(root, "a")
    (tmp_path / "wrong.py").write_text("def output_delta(Y, A2, Z2):\n    return (A2 - Y) * A2\n")
    (tmp_path / "right.py").write_text("def output_delta(Y, A2, Z2):\n    return (A2 - Y) * sigmoid_derivative(Z2)\n")
    base = ("label", "--assignment", "ps1", "--function", "output_delta", "--id", "times-a2", "--message",
            "multiplies by A2", "--course", str(root))
    refused = bpkit(root, *base, "--code", str(tmp_path / "right.py"))
    assert refused.returncode == 2 and "right answer on every case" in refused.stderr
    done = bpkit(root, *base, "--code", str(tmp_path / "wrong.py"))
    assert done.returncode == 0, done.stderr
    assert json.loads((root / labels.FILE).read_text())["mistakes"][0]["code"].startswith("def output_delta")
    after = grade(root, "r.json")
    for student, kind in kind_of.items():
        assert (after[student]["mistake"] == "times-a2") == (kind == "timesa"), (student, after[student])
