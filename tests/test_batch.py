"""autograder.batch: `bpkit grade` survives anything one submission does or contains.

Each attack is graded in a batch with honest students before and after it: the batch
finishes, the report is written, the honest students are graded exactly as alone, the
attacker's result is journaled, and a rerun resumes from the journal without regrading.
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from dataclasses import asdict
from pathlib import Path

import nbformat
import pytest

from autograder import batch, cli
from autograder.checks import assignment
from autograder.course import kit_course
from autograder.demo import EXAMPLES
from autograder.grading import cases_for
from autograder.journal import Journal
from autograder.report import jsonfile
from autograder.result import STATUSES
from autograder.sandbox.pool import JobResult, Pool
from autograder.submissions import Found
from tests.test_files import within
from tests.test_plain import array_record, nested

SECRET = "test-batch-secret"
TIMEOUT = 10.0
SOLUTIONS = kit_course() / "source" / "ps1" / "backprop.ipynb"
INFINITE_SHAPE = json.loads('{"t": "array", "kind": "f", "shape": [Infinity], "list": false, "data": ""}')
FORGED_VALUES = {
    "infinite-shape": INFINITE_SHAPE,
    "deep-nesting": nested(10_000),
    "negative-shape": array_record([-2, -3], b""),
    "length-mismatch": array_record([2, 2], b"\0" * 8),
}


def with_cells(src: Path, dest: Path, cells: dict[str, str]) -> Path:
    """A copy of the notebook `src` with some solution cells (by grade id) replaced."""
    nb = nbformat.read(str(src), as_version=4)
    for cell in nb.cells:
        code = cells.get(cell.metadata.get("nbgrader", {}).get("grade_id"))
        if code is not None:
            cell.source = textwrap.dedent(code).strip()
    nbformat.write(nb, str(dest))
    return dest


def forged(assignment_name: str, student: str, value=None, outcome=None, run=...) -> tuple[dict, JobResult]:
    """Cases and a hand-made JobResult whose every check sent back the same forged record."""
    cases = {c.name: cases_for(assignment_name, c, student, SECRET) for c in assignment(assignment_name)}
    one = outcome if outcome is not None else {"value": value, "changed": None}
    checks = {n: run if run is not ... else {"outcomes": [one] * len(cs)} for n, cs in cases.items()}
    return cases, JobResult(checks=checks)


def assert_sound(sub, n_tests: int) -> None:
    """A submission result in the contract: every test present, statuses known, scores in range, JSON-able."""
    assert len(sub.tests) == n_tests
    for t in sub.tests:
        assert t.status in STATUSES and 0.0 <= t.score <= t.max_score
    json.loads(json.dumps(asdict(sub)))


# --- forged records straight into the judge (no sandbox) ---

@pytest.mark.parametrize("name", sorted(FORGED_VALUES))
def test_forged_values_are_judged(name):
    """shape [Infinity], 10,000 levels of nesting, negative shapes, a length mismatch: judged, 0 points."""
    found = Found("forger", Path("forger.ipynb"))
    cases, run = forged("ps1", "forger", FORGED_VALUES[name])
    with within(30):
        sub = batch.results_of("ps1", found, cases, run)
    assert_sound(sub, 9)
    assert sub.score == 0 and sub.error is None
    assert all(t.status == "wrong-type" for t in sub.tests if t.name != "sigmoid"), [t.message for t in sub.tests]


@pytest.mark.parametrize("run", [
    {"outcomes": ["not a dict"] * 3}, {"outcomes": "x"}, {"outcomes": None}, "not a run", None, [1, 2],
    {"missing": {"a": 1}}, {"died": 3}, {"timeout": None}, {"outcomes": [{"error": {"deep": [1]}}]}],
    ids=["non-dict-outcomes", "outcomes-string", "outcomes-none", "run-string", "run-none", "run-list",
         "missing-dict", "died-int", "timeout-none", "error-dict"])
def test_malformed_runs_are_judged(run):
    """Runs that are not records, or whose outcomes are not: every test gets a status, none raises."""
    cases, result = forged("ps1", "forger", run=run)
    sub = batch.results_of("ps1", Found("forger", Path("forger.ipynb")), cases, result)
    assert_sound(sub, 9)
    assert sub.score == 0 and all(t.status in ("raised", "missing", "timeout") for t in sub.tests)


def test_odd_job_results_are_judged():
    """A JobResult whose checks or cell errors are not dicts, or that lacks checks, still gives 9 tests."""
    cases, _ = forged("ps1", "forger")
    for run in (JobResult(checks="x"), JobResult(checks={}), JobResult(cell_errors=["x"], checks={"sigmoid": {}})):
        assert_sound(batch.results_of("ps1", Found("forger", Path("f.ipynb")), cases, run), 9)


def test_a_test_the_grader_cannot_judge_is_raised(monkeypatch):
    """If judging one test fails anyway, that test is `raised` with a message; the others are judged."""
    cases, run = forged("ps1", "forger", {"t": "num", "v": 0.5, "bool": False})
    real = batch.judge
    monkeypatch.setattr(batch, "judge", lambda c, cs, r, *more: (_ for _ in ()).throw(RecursionError("deep"))
                        if c.name == "loss" else real(c, cs, r, *more))
    tests = {t.name: t for t in batch.results_of("ps1", Found("forger", Path("f.ipynb")), cases, run).tests}
    assert tests["loss"].status == "raised" and "could not judge this answer: RecursionError" in tests["loss"].message
    assert tests["sigmoid"].status == "wrong-shape"


def test_a_submission_the_grader_cannot_judge_is_an_error(monkeypatch):
    """If building a submission's result fails, it is that submission's error, every test present."""
    cases, run = forged("ps1", "forger", {"t": "num", "v": 0.5, "bool": False})
    monkeypatch.setattr(batch, "_test_of", lambda *a: 1 / 0)
    sub = batch.results_of("ps1", Found("forger", Path("f.ipynb")), cases, run)
    assert "could not judge this submission: ZeroDivisionError" in sub.error
    assert_sound(sub, 9)


# --- ps3 in the sandbox: the careless train, a forger, honest students around them ---

def refuse_jobs(monkeypatch) -> None:
    """From now on the pool refuses to run any job: a rerun must come from the journal."""
    real = Pool.run

    def run(self, items):
        def only_known():
            for item in items:
                assert not hasattr(item, "steps"), "a journaled submission was graded again"
                yield item
        return real(self, only_known())

    monkeypatch.setattr(Pool, "run", run)


@pytest.fixture(scope="module")
def ps3_batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ps3")
    alice = EXAMPLES / "ps3" / "alice.ipynb"
    strings = with_cells(alice, tmp / "strings.ipynb", {"train": """
        def train(X, Y, params, lr, epochs):
            p = {k: v.copy() for k, v in params.items()}
            losses = []
            for _ in range(epochs):
                losses.append(f"{loss(Y, forward(X, p['W1'], p['b1'], p['W2'], p['b2'])[3]):.4f}")
                grads = backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
                for name, g in zip(("W1", "b1", "W2", "b2"), grads):
                    p[name] = p[name] - lr * g
            return p, losses
        """})
    odd_text = with_cells(alice, tmp / "odd_text.ipynb", {"predict": """
        def predict(X, params):
            raise ValueError("bad \\udcff text")
        """, "train": """
        raise RuntimeError("\\ud800 at the top of the cell")
        """})
    found = [Found("alice", alice), Found("strings", strings), Found("forger", alice), Found("odd_text", odd_text),
             Found("zed", alice)]
    real = batch.results_of

    def forging(assignment_name, f, cases, run, *more):
        """The forger's child sends a shape of [Infinity] for train and 10,000 levels for predict."""
        if f.student == "forger" and not run.error:
            run.checks["train"] = {"outcomes": [{"value": INFINITE_SHAPE}] * len(cases["train"])}
            run.checks["predict"] = {"outcomes": [{"value": nested(10_000)}] * len(cases["predict"])}
        return real(assignment_name, f, cases, run, *more)

    mp = pytest.MonkeyPatch()
    mp.setattr(batch, "results_of", forging)
    journal = Journal(tmp / "journal.jsonl")
    with within(600):
        report = batch.grade("ps3", found, SECRET, workers=2, timeout=TIMEOUT, journal=journal)
    mp.undo()
    lines = (tmp / "journal.jsonl").read_text().splitlines()
    alone = {s: batch.grade("ps3", [Found(s, alice)], SECRET, workers=1, timeout=TIMEOUT).submissions[0]
             for s in ("alice", "zed")}
    mp = pytest.MonkeyPatch()
    refuse_jobs(mp)
    with within(120):
        again = batch.grade("ps3", found, SECRET, workers=2, timeout=TIMEOUT, journal=Journal(tmp / "journal.jsonl"))
    mp.undo()
    jsonfile.write(report, tmp / "report.json")
    return report, alone, lines, again, (tmp / "journal.jsonl").read_text().splitlines()


def test_ps3_batch_finishes_and_judges_the_careless_train(ps3_batch):
    """train returning its losses as strings is wrong-type; its other functions are graded."""
    subs = {s.student: s for s in ps3_batch[0].submissions}
    assert [s.student for s in ps3_batch[0].submissions] == ["alice", "strings", "forger", "odd_text", "zed"]
    tests = {t.name: t for t in subs["strings"].tests}
    assert tests["train"].status == "wrong-type" and tests["train"].score < tests["train"].max_score
    assert tests["init_params"].status == "passed" and tests["predict"].status == "passed"


def test_ps3_forged_records_cost_only_the_forger(ps3_batch):
    """The forger's forged train and predict records are wrong-type; its init_params is graded."""
    tests = {t.name: t for t in {s.student: s for s in ps3_batch[0].submissions}["forger"].tests}
    assert tests["train"].status == "wrong-type" and "malformed" in tests["train"].message
    assert tests["predict"].status == "wrong-type" and tests["init_params"].status == "passed"


def test_ps3_text_that_is_not_utf8_is_reported(ps3_batch):
    """Lone surrogates in an exception and a cell's error reach the report as '?', and the JSON is written."""
    tests = {t.name: t for t in {s.student: s for s in ps3_batch[0].submissions}["odd_text"].tests}
    assert tests["predict"].status == "raised" and tests["train"].status == "missing"
    assert "RuntimeError" in tests["train"].message and "ValueError" in tests["predict"].message
    for t in tests.values():
        t.message.encode("utf-8")


def test_ps3_honest_students_are_graded_as_alone(ps3_batch):
    """alice and zed, before and after the attackers, get exactly what they get alone."""
    report, alone, *_ = ps3_batch
    subs = {s.student: s for s in report.submissions}
    for student in ("alice", "zed"):
        assert [t.public() for t in subs[student].tests] == [t.public() for t in alone[student].tests]
        assert subs[student].score == subs[student].max_score


def test_ps3_rerun_resumes_from_the_journal(ps3_batch):
    """Every submission is journaled once; the rerun grades nothing again and reports the same."""
    report, _, lines, again, lines_after = ps3_batch
    assert len(lines) == 5 and lines_after == lines
    assert [s.public() for s in again.submissions] == [s.public() for s in report.submissions]


# --- ps1 through `bpkit grade --json`: hostile files among honest notebooks ---

@pytest.fixture(scope="module")
def ps1_cli(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ps1")
    folder = tmp / "class"
    folder.mkdir()
    alice = EXAMPLES / "ps1" / "alice.ipynb"
    shutil.copy(alice, folder / "a_alice.ipynb")
    (folder / "b_link.ipynb").symlink_to(SOLUTIONS)
    os.mkfifo(folder / "c_fifo.ipynb")
    (folder / "d_zero.ipynb").symlink_to("/dev/zero")
    sigmoid = next(c.source for c in nbformat.read(str(alice), as_version=4).cells
                   if c.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    with_cells(alice, folder / "e_spaces.ipynb", {"sigmoid": sigmoid + "\n" + " \n" * 1_000_000})
    nb = nbformat.read(str(alice), as_version=4)
    nb.cells += [nbformat.v4.new_code_cell("x = 1") for _ in range(2_001)]
    nbformat.write(nb, str(folder / "f_cells.ipynb"))
    shutil.copy(alice, folder / "z_alice.ipynb")

    mp = pytest.MonkeyPatch()
    mp.chdir(tmp)
    mp.setenv("BPKIT_SECRET", SECRET)
    args = ["grade", "--assignment", "ps1", str(folder), "--journal", str(tmp / "journal.jsonl"),
            "--workers", "2", "--timeout", str(TIMEOUT), "--quiet"]
    with within(600):
        code = cli.main(args + ["--json", str(tmp / "report.json")])
    lines = (tmp / "journal.jsonl").read_text().splitlines()
    alone = {s: batch.grade("ps1", [Found(s, folder / f"{s}.ipynb")], SECRET, workers=1,
                            timeout=TIMEOUT).submissions[0] for s in ("a_alice", "z_alice")}
    refuse_jobs(mp)
    with within(120):
        code_again = cli.main(args + ["--json", str(tmp / "again.json")])
    mp.undo()
    report = json.loads((tmp / "report.json").read_text())
    return (code, report, alone, lines, code_again, json.loads((tmp / "again.json").read_text()),
            (tmp / "journal.jsonl").read_text().splitlines())


def subs_of(report: dict) -> dict:
    return {s["student"]: s for s in report["submissions"]}


def test_ps1_cli_finishes_and_writes_the_report(ps1_cli):
    """Exit 0 and a JSON report with every submission, all 9 tests each."""
    code, report = ps1_cli[:2]
    assert code == 0
    assert sorted(subs_of(report)) == ["a_alice", "b_link", "c_fifo", "d_zero", "e_spaces", "f_cells", "z_alice"]
    assert all(len(s["tests"]) == 9 for s in report["submissions"])


@pytest.mark.parametrize(("student", "words"), [
    ("b_link", "is a symbolic link: submit the notebook itself"), ("c_fifo", "is not a regular file"),
    ("d_zero", "is a symbolic link"), ("f_cells", "2000")])
def test_ps1_hostile_files_are_errors(ps1_cli, student, words):
    """A link to the solutions (not 17/17), a FIFO, a link to /dev/zero, too many cells: errors, 0 points."""
    sub = subs_of(ps1_cli[1])[student]
    assert sub["error"] and words in sub["error"] and sub["score"] == 0


def test_ps1_whitespace_cell_is_graded(ps1_cli):
    """A million blank lines in a solution cell cost nothing: the notebook is graded as alice's."""
    assert subs_of(ps1_cli[1])["e_spaces"]["score"] == 17.0


def test_ps1_honest_students_are_graded_as_alone(ps1_cli):
    """a_alice and z_alice get exactly what they get alone."""
    subs, alone = subs_of(ps1_cli[1]), ps1_cli[2]
    for student in ("a_alice", "z_alice"):
        assert subs[student]["tests"] == [t.public() for t in alone[student].tests]
        assert subs[student]["score"] == 17.0


def test_ps1_rerun_resumes_from_the_journal(ps1_cli):
    """Every submission, the hostile files too, is journaled once; the rerun grades nothing and says the same."""
    _, report, _, lines, code_again, again, lines_after = ps1_cli
    assert code_again == 0 and len(lines) == 7 and lines_after == lines
    assert again == report


def test_a_second_run_does_not_wait_for_the_class():
    """carol's failures come from her sigmoid_derivative: her second run (right versions in its place) goes in
    among the first runs as soon as it is planned, so her final result, inherited and all, is not the last one
    while the class still has first runs to do — and a result held back with its job and cases for the whole
    class is memory the class size would multiply."""
    class_ = [Found("carol", EXAMPLES / "ps1" / "carol.ipynb")] + [
        Found(f"alice{k}", EXAMPLES / "ps1" / "alice.ipynb") for k in range(6)]
    order = []
    report = batch.grade("ps1", class_, SECRET, workers=1, on_result=lambda r: order.append(r.student))
    assert sorted(order) == sorted(f.student for f in class_)
    assert order.index("carol") < len(order) - 1, order
    carol = next(s for s in report.submissions if s.student == "carol")
    assert {t.name for t in carol.tests if t.inherited} >= {"output_delta", "hidden_delta", "backprop"}
    assert [s.student for s in report.submissions] == [f.student for f in class_]
