"""The whole nbgrader round trip on a temporary course, with real kernels and the real gradebook.

generate_assignment → submit (solved, stub, the example class, the whole corpus of learner
code) → autograde → generate_feedback → export; nbgrader's per-function scores
equal bpkit grade's.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder import demo
from autograder.assignments import ASSIGNMENTS
from autograder.checks import assignment
from autograder.course import kit_course

ASSIGNED = [a for a in ASSIGNMENTS if (demo.EXAMPLES / a).is_dir()]
CORPUS = Path(__file__).resolve().parent / "corpus"


def corpus_notebook(a: str, code: str, dest: Path) -> None:
    """The released notebook with a corpus file's code in its first solution cell, the others empty."""
    nb = nbformat.read(str(kit_course() / "release" / a / ASSIGNMENTS[a].notebook), as_version=4)
    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    for c in cells:
        c.source = ""
    cells[0].source = code
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(dest))


def corpus_files(a: str) -> list[Path]:
    """The assignment's corpus: correct styles, mistakes, other failures — but the files written apart from the
    recognisers (`*x.py`), which tests/mistakes grades, and which add only more of the same here (time)."""
    return sorted(p for p in (CORPUS / a).glob("*.py") if not p.stem.endswith("x"))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A temporary course where every assignment went through nbgrader and bpkit."""
    root = demo.make_course(tmp_path_factory.mktemp("course"))
    graded = {}
    for a in ASSIGNED:
        nb = ASSIGNMENTS[a].notebook
        for student, origin in (("solved", kit_course() / "source" / a / nb),
                                ("stub", kit_course() / "release" / a / nb)):
            folder = root / "submitted" / student / a
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin, folder / nb)
        for path in corpus_files(a):
            corpus_notebook(a, path.read_text(), root / "submitted" / f"corpus-{path.stem}" / a / nb)
        graded[a] = demo.grade_class(root, a)
    demo.nbgrader(root, "export")
    return root, graded


def scores(report) -> dict:
    return {s.student: {t.name: t.score for t in s.tests} for s in report.submissions}


@pytest.mark.parametrize("a", ASSIGNED)
def test_solved_full_marks_and_stub_zero_in_the_gradebook(course, a):
    """nbgrader autograde gives the solved notebook every point and the released stub none."""
    _, graded = course
    by_nbgrader = scores(graded[a][0])
    total = sum(c.points for c in assignment(a))
    assert sum(by_nbgrader["solved"].values()) == total
    assert sum(by_nbgrader["stub"].values()) == 0


@pytest.mark.parametrize("a", ASSIGNED)
def test_nbgrader_and_bpkit_agree_per_function(course, a):
    """For every submission and function, nbgrader's score equals bpkit grade's."""
    _, graded = course
    by_nbgrader, by_bpkit = (scores(r) for r in graded[a])
    assert by_bpkit.keys() == by_nbgrader.keys()
    for student in by_bpkit:
        assert by_bpkit[student] == pytest.approx(by_nbgrader[student]), told_of(graded[a], student)


def told_of(reports, student: str) -> str:
    """What nbgrader and bpkit said of one student, for a failing comparison."""
    lines = [student]
    for who, r in zip(("nbgrader", "bpkit"), reports):
        s = next(s for s in r.submissions if s.student == student)
        lines.append(f"{who}: error={s.error!r}")
        lines += [f"  {t.name}: {t.status} {t.score:g} — {t.message}" for t in s.tests]
    return "\n".join(lines)


@pytest.mark.parametrize("a", ASSIGNED)
def test_feedback_is_generated(course, a):
    """generate_feedback writes an HTML page per autograded student."""
    root, graded = course
    for s in graded[a][0].submissions:
        if not s.error:
            assert (root / "feedback" / s.student / a / f"{ASSIGNMENTS[a].notebook[:-6]}.html").is_file()


@pytest.mark.parametrize("a", ASSIGNED)
def test_whole_corpus_went_through_both(course, a):
    """The whole corpus was graded by both, with some right and some wrong functions among them."""
    _, graded = course
    by_bpkit = {s.student: s for s in graded[a][1].submissions if s.student.startswith("corpus-")}
    assert len(by_bpkit) == len(corpus_files(a))
    statuses = {t.status for s in by_bpkit.values() for t in s.tests}
    assert "passed" in statuses and statuses - {"passed"}


def test_export_has_the_scores(course):
    """nbgrader export writes grades.csv with every student's raw score."""
    root, graded = course
    rows = list(csv.DictReader(open(root / "grades.csv")))
    for a in ASSIGNED:
        by_nbgrader = scores(graded[a][0])
        exported = {r["student_id"]: float(r["raw_score"]) for r in rows if r["assignment"] == a}
        for student, per_function in by_nbgrader.items():
            assert exported[student] == pytest.approx(sum(per_function.values())), (a, student)


def test_example_class_named_mistakes(course):
    """The demo's ps1 class: each mistake example gets its catalogue id."""
    _, graded = course
    named = {(s.student, t.name): t.mistake for s in graded["ps1"][1].submissions for t in s.tests}
    assert named[("carol", "sigmoid_derivative")] == "derivative-of-activation"
    assert named[("carol", "loss")] == "scaled"
    assert named[("dan", "output_delta")] == "sign-flipped"
    assert named[("dan", "gradients")] == "kept-dims"
    assert named[("dan", "sgd_step")] == "lr-not-applied"


def test_feedback_pages_from_nbgrader_scores(course, tmp_path):
    """`bpkit feedback --gradebook` renders nbgrader autograde's scores: a page per student, a dashboard."""
    import subprocess
    import sys

    from autograder.report.htmlparts import num

    root, graded = course
    done = subprocess.run([sys.executable, "-m", "autograder.cli", "feedback", "--gradebook", str(root),
                           "--assignment", "ps1", "--out", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for s in graded["ps1"][0].submissions:
        page = (tmp_path / "feedback" / s.student / "ps1" / "bpkit_report.html").read_text()
        assert f"{num(s.score)} / 17" in page, s.student
    assert (tmp_path / "dashboard_ps1.html").is_file()
