"""`bpkit grade`: GRADER.md's command line and JSON report, on the bundled example class."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.checks import assignment
from autograder.demo import EXAMPLES
from autograder.result import STATUSES

SPEC_IDS = {"derivative-of-activation", "derivative-applied-twice", "sign-flipped", "scaled", "transposed",
            "bias-not-summed", "kept-dims", "thresholded-output", "lr-not-applied", "forward-difference",
            "input-not-restored", "mutates-input", "wrong-element"}


def bpkit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    done = bpkit("grade", "--assignment", "ps1", str(EXAMPLES / "ps1"), "--json", str(out / "r.json"),
                 "--csv", str(out / "r.csv"), "--gradescope", str(out / "results.json"), "--timeout", "3")
    return done, out


def test_exit_status_zero_and_a_table(graded):
    """Every submission got a report: exit 0, and a score table on stdout."""
    done, _ = graded
    assert done.returncode == 0, done.stderr
    assert re.search(r"alice .* 17/17", done.stdout)


def test_json_has_exactly_the_contract(graded):
    """Top level, submission and test objects carry GRADER.md's fields, with valid values."""
    _, out = graded
    report = json.loads((out / "r.json").read_text())
    assert set(report) == {"assignment", "isolation", "submissions"} and report["assignment"] == "ps1"
    names = [c.name for c in assignment("ps1")]
    for sub in report["submissions"]:
        assert set(sub) == {"student", "path", "score", "max_score", "error", "tests"}
        assert [t["name"] for t in sub["tests"]] == names
        assert sub["max_score"] == 17.0 and sub["score"] == pytest.approx(sum(t["score"] for t in sub["tests"]))
        for t in sub["tests"]:
            assert set(t) == {"name", "score", "max_score", "status", "mistake", "message"}
            assert t["status"] in STATUSES and (t["mistake"] is None or t["mistake"] in SPEC_IDS)
            assert t["mistake"] is None or t["status"] == "failed"
            assert 0 <= t["score"] <= t["max_score"] and t["message"]


def test_statuses_of_the_example_class(graded):
    """A loop times out, a syntax error leaves a function missing, a truncated file is an error."""
    _, out = graded
    subs = {s["student"]: s for s in json.loads((out / "r.json").read_text())["submissions"]}
    erin = {t["name"]: t for t in subs["erin"]["tests"]}
    assert erin["backprop"]["status"] == "timeout"
    assert erin["forward"]["status"] == "missing" and "SyntaxError" in erin["forward"]["message"]
    assert subs["frank"]["error"] and all(t["score"] == 0 for t in subs["frank"]["tests"])
    assert len(subs["frank"]["tests"]) == len(assignment("ps1"))


def test_csv_and_gradescope(graded):
    """The CSV has a row per student and per-function columns; results.json is Gradescope's format."""
    _, out = graded
    rows = list(csv.DictReader(open(out / "r.csv")))
    assert [r["student"] for r in rows] == sorted(p.stem for p in (EXAMPLES / "ps1").glob("*.ipynb"))
    assert {"sigmoid", "sigmoid_status", "sigmoid_mistake"} <= set(rows[0])
    gs = json.loads((out / "results.json").read_text())
    assert {"score", "max_score", "execution_time", "tests"} <= set(gs)
    assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(gs["tests"][0])


def test_usage_errors_exit_non_zero(tmp_path):
    """A missing path or an unknown assignment is a usage error (exit 2), not a crash."""
    assert bpkit("grade", "--assignment", "ps1", str(tmp_path / "nope")).returncode == 2
    assert bpkit("grade", "--assignment", "ps9", str(tmp_path)).returncode == 2


def test_student_ids_from_the_layout(tmp_path):
    """submitted/<student>/<assignment>/x.ipynb gives the student id; a loose notebook, its stem."""
    from autograder.submissions import find

    nb = tmp_path / "course" / "submitted" / "zoe" / "ps1" / "backprop.ipynb"
    nb.parent.mkdir(parents=True)
    nb.write_bytes((EXAMPLES / "ps1" / "alice.ipynb").read_bytes())
    assert [f.student for f in find([tmp_path / "course"], "ps1")] == ["zoe"]
    assert [f.student for f in find([nb], "ps1")] == ["zoe"]
    assert [f.student for f in find([EXAMPLES / "ps1" / "bob.ipynb"], "ps1")] == ["bob"]
    assert Path(find([tmp_path / "course" / "submitted"], "ps1")[0].path) == nb
