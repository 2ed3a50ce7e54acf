"""`bpkit grade`: GRADER.md's command line and JSON report, on the bundled example class."""

from __future__ import annotations

import csv
import json
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
    table = [ln.split() for ln in done.stdout.splitlines()]
    head = next(r for r in table if r and r[0] == "function")
    total = next(r for r in table if r and r[0] == "total")
    assert total[head.index("alice")] == "17" and total[-1] == "17"


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
            assert set(t) == {"name", "score", "max_score", "status", "mistake", "mistakes", "message", "inherited",
                              "cluster"}
            assert t["status"] in STATUSES and (t["mistake"] is None or t["mistake"] in SPEC_IDS)
            assert set(t["mistakes"]) <= SPEC_IDS and t["mistake"] == (t["mistakes"] or [None])[0], t
            assert all(set(i) == {"function", "mistake"} and i["function"] in names for i in t["inherited"])
            assert not t["inherited"] or t["status"] != "passed"
            assert t["cluster"] is None
            assert t["mistake"] is None or t["status"] == "failed" or t["inherited"]
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


def test_submitted_layout_under_any_folder_name(tmp_path):
    """big/<student>/ps1/backprop.ipynb is nbgrader's submitted layout, whatever the folder is called."""
    from autograder.submissions import find

    for student in ("yan", "zoe"):
        nb = tmp_path / "big" / student / "ps1" / "backprop.ipynb"
        nb.parent.mkdir(parents=True)
        nb.write_bytes((EXAMPLES / "ps1" / "alice.ipynb").read_bytes())
    (tmp_path / "big" / "notes").mkdir()  # a folder without ps1/ is no student
    assert [f.student for f in find([tmp_path / "big"], "ps1")] == ["yan", "zoe"]
    done = bpkit("grade", "--assignment", "ps1", str(tmp_path / "big"), "--no-journal", "--timeout", "3")
    assert done.returncode == 0 and "2 submissions graded" in done.stdout, done.stderr


def test_a_path_without_submissions_is_a_usage_error(tmp_path):
    """A folder that yields no submission: exit 2, saying where it looked."""
    big = tmp_path / "big" / "zoe" / "ps2"
    big.mkdir(parents=True)
    done = bpkit("grade", "--assignment", "ps1", str(tmp_path / "big"))
    assert done.returncode == 2
    assert f"no ps1 submission under {tmp_path / 'big'}" in done.stderr
    assert f"{tmp_path / 'big'}/*.ipynb" in done.stderr and f"{tmp_path / 'big'}/<student>/ps1/*.ipynb" in done.stderr
    (tmp_path / "course" / "source" / "ps1").mkdir(parents=True)  # a course's source/ is no student
    (tmp_path / "course" / "nbgrader_config.py").write_text("")
    done = bpkit("grade", "--assignment", "ps1", str(tmp_path / "course"))
    assert done.returncode == 2 and "submitted/<student>/ps1" in done.stderr


def _gradescope_run(tmp_path, name: str, users: list[dict]) -> dict:
    """`bpkit grade --gradescope` on /autograder/submission-like backprop.ipynb, with a given metadata file."""
    sub = tmp_path / "submission" / "backprop.ipynb"
    sub.parent.mkdir(exist_ok=True)
    sub.write_bytes((EXAMPLES / "ps1" / "carol.ipynb").read_bytes())
    meta = tmp_path / f"{name}.json"
    meta.write_text(json.dumps({"users": users, "id": 123, "assignment": {"title": "ps1"}}))
    done = bpkit("grade", "--assignment", "ps1", str(sub), "--gradescope", str(tmp_path / f"{name}-results.json"),
                 "--gradescope-metadata", str(meta), "--json", str(tmp_path / f"{name}.out.json"), "--no-journal",
                 "--timeout", "3", "--quiet")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / f"{name}-results.json").read_text())["tests"]
    return json.loads((tmp_path / f"{name}.out.json").read_text())["submissions"][0]


def test_gradescope_student_from_its_metadata(tmp_path):
    """Two metadata files, the same file name: two student ids, so two different sets of hidden cases."""
    from autograder.grading import cases_for

    one = _gradescope_run(tmp_path, "one", [{"email": "ann@x.org", "id": "111", "name": "Ann"}])
    group = _gradescope_run(tmp_path, "group", [{"email": "cy@x.org", "id": "333", "name": "Cy"},
                                                {"email": "bo@x.org", "id": "222", "name": "Bo"}])
    no_id = _gradescope_run(tmp_path, "no-id", [{"email": "di@x.org", "name": "Di"}])
    assert (one["student"], group["student"], no_id["student"]) == ("111", "222+333", "di@x.org")
    check = assignment("ps1")[0]
    ann, team = (cases_for("ps1", check, s) for s in ("111", "222+333"))
    assert repr([c.args for c in ann]) != repr([c.args for c in team])


def test_gradescope_metadata_without_users_is_a_usage_error(tmp_path):
    """Metadata naming no user cannot give a student id: exit 2, not a grade for nobody."""
    meta = tmp_path / "m.json"
    meta.write_text(json.dumps({"users": [], "id": 1}))
    done = bpkit("grade", "--assignment", "ps1", str(EXAMPLES / "ps1" / "alice.ipynb"), "--gradescope-metadata",
                 str(meta), "--no-journal")
    assert done.returncode == 2 and "no user id" in done.stderr


def test_a_report_is_never_written_over_a_notebook(tmp_path):
    """`--json carol.ipynb dan.ipynb` (FILE forgotten): exit 2, and carol's notebook is untouched."""
    carol, dan = tmp_path / "carol.ipynb", tmp_path / "dan.ipynb"
    carol.write_bytes((EXAMPLES / "ps1" / "carol.ipynb").read_bytes())
    dan.write_bytes((EXAMPLES / "ps1" / "dan.ipynb").read_bytes())
    for option in ("--json", "--csv", "--gradescope"):
        done = bpkit("grade", "--assignment", "ps1", option, str(carol), str(dan), "--no-journal", "--quiet")
        assert done.returncode == 2 and "not a report file" in done.stderr, done.stderr
        assert carol.read_bytes() == (EXAMPLES / "ps1" / "carol.ipynb").read_bytes()
    done = bpkit("grade", "--assignment", "ps1", str(dan), "--csv", str(dan), "--no-journal", "--quiet")
    assert done.returncode == 2


def test_feedback_from_a_file_that_is_no_report_is_a_usage_error(tmp_path):
    """`bpkit feedback` given a CSV or a JSON of another form: exit 2, saying what is wrong, no traceback."""
    for name, content in (("r.csv", "student,score\nalice,17\n"), ("r.json", '{"assignment": "ps1"}')):
        (tmp_path / name).write_text(content)
        done = bpkit("feedback", str(tmp_path / name), "--out", str(tmp_path / "out"))
        assert done.returncode == 2 and str(tmp_path / name) in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
