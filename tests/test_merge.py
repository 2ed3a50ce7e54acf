"""`bpkit grade --shard K/N` and `bpkit merge`, on the bundled example class in a course of its own:
the shards partition the class, and their merge writes what one run over the whole class writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import demo, merge
from autograder.demo import EXAMPLES
from autograder.report import gradebook
from autograder.result import Report, SubmissionResult, TestResult
from autograder.shard import shard_of
from autograder.venv import tool_env

SHARDS = 3
GRADE = ("grade", "--assignment", "ps1", "--timeout", "3", "--quiet")


def bpkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd)


def started(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "autograder.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def course_of(root: Path, examples: Path) -> Path:
    """A copy of the kit's course (no secret) holding the example class in nbgrader's submitted layout."""
    course = demo.make_course(root)
    for nb in sorted(examples.glob("*.ipynb")):
        folder = course / "submitted" / nb.stem / examples.name
        folder.mkdir(parents=True)
        shutil.copy(nb, folder / "backprop.ipynb")
    return course


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded once whole (own journal) and as three shards at the same time (default journals), while
    nbgrader puts ps1 in the course's gradebook."""
    out = tmp_path_factory.mktemp("shards")
    course = course_of(out / "course", EXAMPLES / "ps1")
    runs = [started(*GRADE, str(course), "--json", str(out / "single.json"), "--csv", str(out / "single.csv"),
                    "--feedback", str(out / "single"), "--journal", str(out / "single.jsonl"))]
    runs += [started(*GRADE, str(course), "--shard", f"{k}/{SHARDS}", "--json", str(out / f"shard{k}.json"),
                     "--csv", str(out / f"shard{k}.csv")) for k in range(1, SHARDS + 1)]
    runs.append(subprocess.Popen([sys.executable, "-m", "nbgrader", "generate_assignment", "ps1", "--force"],
                                 cwd=course, env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    return out, course


def students(path: Path) -> list[str]:
    return [s["student"] for s in json.loads(path.read_text())["submissions"]]


def shard_reports(out: Path) -> list[str]:
    return [str(out / f"shard{k}.json") for k in range(1, SHARDS + 1)]


def test_the_shards_partition_the_class(graded):
    """Every student is graded in exactly one shard: the one their id's hash names."""
    out, _ = graded
    everyone = students(out / "single.json")
    assert sorted(everyone) == sorted(p.stem for p in (EXAMPLES / "ps1").glob("*.ipynb"))
    parts = [students(out / f"shard{k}.json") for k in range(1, SHARDS + 1)]
    assert sorted(s for part in parts for s in part) == sorted(everyone)
    for k, part in enumerate(parts, start=1):
        assert all(shard_of(s, SHARDS) == k for s in part), (k, part)


def test_each_shard_journals_to_its_own_file(graded):
    """Shards running at once in one course keep separate default journals, each of its own students."""
    out, course = graded
    for k in range(1, SHARDS + 1):
        journal = course / ".bpkit" / f"journal-ps1.shard-{k}-of-{SHARDS}.jsonl"
        lines = [json.loads(x) for x in journal.read_text().splitlines()]
        assert sorted(x["result"]["student"] for x in lines) == sorted(students(out / f"shard{k}.json"))
    assert not (course / ".bpkit" / "journal-ps1.jsonl").exists()


@pytest.fixture(scope="module")
def merged(graded):
    """The shards' reports merged, given in reverse order, with their journals for the student pages."""
    out, course = graded
    journals = [str(course / ".bpkit" / f"journal-ps1.shard-{k}-of-{SHARDS}.jsonl") for k in range(1, SHARDS + 1)]
    done = bpkit("merge", "--assignment", "ps1", *reversed(shard_reports(out)), "--journal", *journals, "--json",
                 str(out / "merged.json"), "--csv", str(out / "merged.csv"), "--feedback", str(out / "merged"))
    assert done.returncode == 0, done.stderr
    return done, out


def test_merge_writes_the_single_runs_json_and_csv(merged):
    """The merged report is the single run's (parsed JSON equal), in its order; the CSV is the same bytes."""
    done, out = merged
    assert json.loads((out / "merged.json").read_text()) == json.loads((out / "single.json").read_text())
    assert (out / "merged.csv").read_bytes() == (out / "single.csv").read_bytes()
    assert "6 submissions from 3 reports" in done.stdout and done.stderr == ""


def test_merge_writes_the_single_runs_pages_and_dashboard(merged):
    """With the shards' journals, every student page and the dashboard are the single run's, byte for byte."""
    _, out = merged
    single = sorted(p.relative_to(out / "single") for p in (out / "single").rglob("*.html"))
    merged_pages = sorted(p.relative_to(out / "merged") for p in (out / "merged").rglob("*.html"))
    assert len(single) == 7 and merged_pages == single
    for page in single:
        assert (out / "merged" / page).read_bytes() == (out / "single" / page).read_bytes(), page


def test_merge_writes_the_single_runs_scores_into_the_gradebook(graded):
    """Every student's score for every function lands in nbgrader's gradebook, as the single run's report has it."""
    out, course = graded
    done = bpkit("merge", "--assignment", "ps1", *shard_reports(out), "--gradebook", str(course), "--quiet")
    assert done.returncode == 0, done.stderr
    single = json.loads((out / "single.json").read_text())["submissions"]
    assert {(s.student, t.name): t.score for s in gradebook.read(course, "ps1").submissions for t in s.tests} == \
        {(s["student"], t["name"]): t["score"] for s in single for t in s["tests"]}


def test_merge_without_journals_says_the_pages_lack_evidence(graded, tmp_path):
    """Without the journals the pages have no plots or cases, and merge says so (exit 0)."""
    out, _ = graded
    done = bpkit("merge", "--assignment", "ps1", *shard_reports(out), "--feedback", str(tmp_path), "--quiet")
    assert done.returncode == 0 and "give each shard's journal with --journal" in done.stderr
    assert (tmp_path / "dashboard_ps1.html").read_bytes() == (out / "single" / "dashboard_ps1.html").read_bytes()


def test_a_student_in_two_reports_is_a_usage_error(graded, tmp_path):
    """The same shard twice, or a report that overlaps another: exit 2, naming the student."""
    out, _ = graded
    first = json.loads((out / "shard1.json").read_text())["submissions"][0]["student"]
    done = bpkit("merge", "--assignment", "ps1", *shard_reports(out), str(out / "shard1.json"), "--json",
                 str(tmp_path / "m.json"))
    assert done.returncode == 2 and f"'{first}'" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "m.json").exists()
    done = bpkit("merge", "--assignment", "ps1", str(out / "single.json"), str(out / "shard2.json"))
    assert done.returncode == 2 and f"'{students(out / 'shard2.json')[0]}'" in done.stderr


def test_reports_of_another_assignment_are_a_usage_error(graded, tmp_path):
    """A ps2 report (a real one, of an empty shard of ps2's examples) among ps1's: exit 2, saying which."""
    out, _ = graded
    ps2 = [p.stem for p in (EXAMPLES / "ps2").glob("*.ipynb")]
    empty = next(k for k in range(1, 7) if all(shard_of(s, 6) != k for s in ps2))
    made = bpkit("grade", "--assignment", "ps2", str(EXAMPLES / "ps2"), "--shard", f"{empty}/6", "--no-journal",
                 "--json", str(tmp_path / "ps2.json"), "--quiet")
    assert made.returncode == 0, made.stderr
    done = bpkit("merge", "--assignment", "ps1", str(out / "shard1.json"), str(tmp_path / "ps2.json"))
    assert done.returncode == 2 and "is a report of ps2, not of ps1" in done.stderr
    done = bpkit("merge", "--assignment", "ps2", *shard_reports(out))
    assert done.returncode == 2 and "is a report of ps1, not of ps2" in done.stderr


@pytest.mark.parametrize("content, says", [
    ("student,path,score\nalice,a.ipynb,17\n", "is not JSON"),
    ('{"assignment": "ps1", "submissions": [{"student": "alice"}]}', "is not a report written by `bpkit grade"),
    ('[1, 2, 3]', "is not a report written by `bpkit grade"),
    ("", "is not JSON"),
])
def test_a_file_that_is_no_report_is_a_usage_error(graded, tmp_path, content, says):
    """A CSV, JSON of another form, an empty file: exit 2 with a message, never a traceback."""
    out, _ = graded
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    done = bpkit("merge", "--assignment", "ps1", str(out / "shard1.json"), str(bad))
    assert done.returncode == 2 and says in done.stderr and str(bad) in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_merge_never_writes_over_a_report_it_reads(graded, tmp_path):
    """`--json` or `--csv` naming one of the reports merged: exit 2, that report intact."""
    out, _ = graded
    copy = tmp_path / "shard1.json"
    shutil.copy(out / "shard1.json", copy)
    done = bpkit("merge", "--assignment", "ps1", str(copy), *shard_reports(out)[1:], "--csv", str(copy))
    assert done.returncode == 2 and "a report to merge" in done.stderr
    assert copy.read_bytes() == (out / "shard1.json").read_bytes()


@pytest.mark.parametrize("shard", ["0/3", "4/3", "1/0", "x"])
def test_a_shard_that_is_not_k_of_n_is_a_usage_error(shard):
    """--shard K/N needs 1 ≤ K ≤ N: anything else is exit 2, saying so, before anyone is graded."""
    done = bpkit("grade", "--assignment", "ps1", str(EXAMPLES / "ps1"), "--shard", shard, "--no-journal")
    assert done.returncode == 2 and "--shard" in done.stderr and "1 ≤ K ≤ N" in done.stderr, done.stderr


def test_a_shard_without_submissions_is_an_empty_report(tmp_path):
    """A shard none of the class falls in: exit 0, a report without submissions, a CSV with every column."""
    everyone = [p.stem for p in (EXAMPLES / "ps1").glob("*.ipynb")]
    empty = next(k for k in range(1, 9) if all(shard_of(s, 8) != k for s in everyone))
    done = bpkit(*GRADE, str(EXAMPLES / "ps1"), "--shard", f"{empty}/8", "--no-journal", "--json",
                 str(tmp_path / "r.json"), "--csv", str(tmp_path / "r.csv"))
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "r.json").read_text())["submissions"] == []
    header = (tmp_path / "r.csv").read_text().splitlines()[0].split(",")
    assert header[5:8] == ["sigmoid", "sigmoid_status", "sigmoid_mistake"]


def result(student: str, path: str, score: float, evidence: dict | None = None) -> SubmissionResult:
    return SubmissionResult(student, path, [TestResult("sigmoid", score, 1.0, "passed" if score else "failed",
                                                       evidence=evidence or {})])


def test_merged_puts_submissions_in_report_order():
    """By student id, then path, whichever report each came from; a report's own order kept on a tie."""
    a = Report("ps1", [result("bob", "b2.ipynb", 1), result("bob", "b1.ipynb", 0)])
    b = Report("ps1", [result("Zed", "z.ipynb", 1), result("alice", "a.ipynb", 0)])
    report = merge.merged("ps1", [(Path("a.json"), a), (Path("b.json"), b)])
    assert [(s.student, s.path) for s in report.submissions] == \
        [("Zed", "z.ipynb"), ("alice", "a.ipynb"), ("bob", "b1.ipynb"), ("bob", "b2.ipynb")]
    with pytest.raises(ValueError, match="'alice' is in b.json and in c.json"):
        merge.merged("ps1", [(Path("a.json"), a), (Path("b.json"), b), (Path("c.json"), Report("ps1", [result(
            "alice", "elsewhere.ipynb", 1)]))])


def test_the_merged_isolation_is_the_least_of_the_shards():
    confined = {"confined": True, "namespaces": ["mount", "pid"], "chroot": True, "unprivileged": True,
                "scratch": "a 64 MB tmpfs"}
    fewer = {**confined, "namespaces": ["mount"]}
    unconfined = {"confined": False, "namespaces": [], "chroot": False, "unprivileged": False, "scratch": "a folder"}
    assert merge.weakest_isolation([confined, confined]) == confined
    assert merge.weakest_isolation([confined, fewer]) == fewer
    assert merge.weakest_isolation([confined, unconfined, fewer]) == unconfined
    assert merge.weakest_isolation([confined, None]) is None


def test_evidence_comes_only_from_the_very_same_result():
    """A journaled result gives its evidence only to the submission whose report it is (same student, path, scores,
    messages); an older grading of the same notebook does not."""
    report = Report("ps1", [result("alice", "a.ipynb", 0), result("bob", "b.ipynb", 1)])
    journaled = [result("alice", "a.ipynb", 1, {"cases": ["old"]}), result("alice", "a.ipynb", 0, {"cases": ["new"]}),
                 result("bob", "other.ipynb", 1, {"cases": ["elsewhere"]})]
    assert merge.add_evidence(report, journaled) == ["bob"]
    assert report.submissions[0].tests[0].evidence == {"cases": ["new"]}
    assert report.submissions[1].tests[0].evidence == {}


def test_a_journal_without_its_key_is_a_clear_error(tmp_path):
    """A journal copied without the journal.key beside it (and no course secret) cannot be checked: say so."""
    from autograder.journal import Journal

    Journal(tmp_path / "made" / "j.jsonl").add("k", result("alice", "a.ipynb", 1))
    (tmp_path / "copied").mkdir()
    shutil.copy(tmp_path / "made" / "j.jsonl", tmp_path / "copied" / "j.jsonl")
    assert [r.student for r in merge.journaled(tmp_path / "made" / "j.jsonl", "")[0]] == ["alice"]
    with pytest.raises(ValueError, match="no journal.key beside it"):
        merge.journaled(tmp_path / "copied" / "j.jsonl", "")
    assert not (tmp_path / "copied" / "journal.key").exists()  # reading never makes a key



def test_merged_clusters_are_the_whole_classes(tmp_path):
    """Unexplained answers spread over two shards: with the journals, the merge clusters the class as one run
    does (the same ids); without them it gives no cluster rather than two shards' clashing ids."""
    from tests.test_labels import KINDS, RIGHT
    from tests.test_roundtrip import corpus_notebook

    course = demo.make_course(tmp_path / "course")
    for kind in ("timesa", "squared", "tanh"):
        for i, body in enumerate(KINDS[kind]):
            corpus_notebook("ps1", RIGHT + f"def output_delta(Y, A2, Z2):\n    {body}\n",
                            course / "submitted" / f"{kind}{i}" / "ps1" / "backprop.ipynb")
    assert bpkit(*GRADE, str(course), "--json", str(tmp_path / "one.json"), "--no-journal").returncode == 0
    for k in (1, 2):
        done = bpkit(*GRADE, str(course), "--shard", f"{k}/2", "--json", str(tmp_path / f"s{k}.json"),
                     "--journal", str(tmp_path / f"s{k}.jsonl"))
        assert done.returncode == 0, done.stderr
    one = json.loads((tmp_path / "one.json").read_text())
    assert {t["cluster"] for s in one["submissions"] for t in s["tests"]} > {None}
    shards = [str(tmp_path / "s1.json"), str(tmp_path / "s2.json")]
    done = bpkit("merge", "--assignment", "ps1", *shards, "--journal", str(tmp_path / "s1.jsonl"),
                 str(tmp_path / "s2.jsonl"), "--json", str(tmp_path / "m.json"), "--quiet")
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "m.json").read_text()) == one
    done = bpkit("merge", "--assignment", "ps1", *shards, "--json", str(tmp_path / "bare.json"), "--quiet")
    assert done.returncode == 0, done.stderr
    assert {t["cluster"] for s in json.loads((tmp_path / "bare.json").read_text())["submissions"]
            for t in s["tests"]} == {None}
