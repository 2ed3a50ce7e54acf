"""nbgrader autograde grades in bpkit's sandbox: the attacks on its kernel earn nothing, and cost no one else.

One real nbgrader course: honest students before and after a row of attackers, each attack one that
scored 17/17 (or reached the course) when the hidden tests ran in the student's kernel. Every attacker
has a right `sigmoid` and nothing else, so its real code earns exactly 1 point.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import json
import re
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest

from autograder import batch, demo, secret
from autograder.assignments import get
from autograder.checks import assignment
from autograder.course import kit_course
from autograder.report import gradebook
from autograder.submissions import Found
from solutions import ps1

NB = get("ps1").notebook
HONEST = {"aaa-alice": "alice", "mmm-dan": "dan", "zzz-carol": "carol"}
SIGMOID = "import numpy as np\ndef sigmoid(z):\n    return np.exp(-np.logaddexp(0, -z))"
EARNS = {c.name: (1.0 if c.name == "sigmoid" else 0.0) for c in assignment("ps1")}


def attacks(course: Path) -> dict:
    """student → (code of cells added at the end, files beside the notebook, how the notebook is edited)."""
    journal = course / ".bpkit" / "journal-ps1.jsonl"
    return {
        "att-sysmodules": ("""
            import sys, types
            fake = types.ModuleType("autograder.hidden")
            fake.grade = lambda *args, **kwargs: 3.0
            sys.modules["autograder.hidden"] = fake
            """, {}, None),
        "att-transformer": ("""
            ip = get_ipython()
            ip.input_transformers_post.append(lambda lines: ["3.0\\n"] if any("grade(" in x for x in lines) else lines)
            """, {}, None),
        "att-shadow": ("", {"autograder/__init__.py": "",
                            "autograder/hidden.py": "def grade(*a, **k):\n    return 3.0\n"}, None),
        "att-copies": (f"""
            import sys
            sys.path[:0] = ["../../..", {str(kit_course())!r}]
            from solutions.ps1 import *
            """, {}, None),
        "att-leaks": (f"""
            import glob
            for p in ["../../../.bpkit_secret", {str(course / '.bpkit_secret')!r},
                      *glob.glob("../../../solutions/*.py"), *glob.glob({str(kit_course() / 'solutions' / '*.py')!r})]:
                try:
                    print(open(p).read())
                except OSError:
                    pass
            raise RuntimeError(open({str(course / '.bpkit_secret')!r}).read())
            """, {}, None),
        "att-gradebook": (f"""
            import sqlite3
            con = sqlite3.connect({str(course / 'gradebook.db')!r})
            con.execute("UPDATE grade SET auto_score = 0")
            con.commit()
            """, {}, None),
        "att-journal": (f"""
            import json, os
            os.makedirs({str(journal.parent)!r}, exist_ok=True)
            with open({str(journal)!r}, "a") as f:
                f.write(json.dumps({{"key": "x", "result": {{}}, "mac": "0" * 64}}) + "\\n")
            """, {}, None),
        "att-duplicate": ("", {}, duplicate("test_sigmoid")),
        "att-renamed": ("", {}, rename("test_loss", "test_loss2")),
        "att-deleted": ("", {}, delete("test_backprop")),
        "att-schema": ("", {}, old_schema("test_forward")),
    }


def _by_id(nb, gid):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == gid)


def duplicate(gid):
    def edit(nb):
        i = _by_id(nb, gid)
        copy = nbformat.from_dict(json.loads(json.dumps(nb.cells[i])))
        copy["id"] = "copied-cell"
        nb.cells.insert(i + 2, copy)
    return edit


def rename(gid, new):
    def edit(nb):
        md = nb.cells[_by_id(nb, gid)].metadata.nbgrader
        md["grade_id"], md["points"] = new, 100
    return edit


def delete(gid):
    def edit(nb):
        del nb.cells[_by_id(nb, gid)]
    return edit


def old_schema(gid):
    def edit(nb):
        nb.cells[_by_id(nb, gid)].metadata.nbgrader["schema_version"] = 1  # stopped nbgrader for everyone
    return edit


def attacker_notebook(added: str, edit) -> nbformat.NotebookNode:
    nb = nbformat.read(str(kit_course() / "release" / "ps1" / NB), as_version=4)
    nb.cells[_by_id(nb, "sigmoid")].source = SIGMOID
    if added.strip():
        nb.cells.append(nbformat.v4.new_code_cell(textwrap.dedent(added).strip()))
    if edit:
        edit(nb)
    return nb


def digests(*roots: Path) -> dict:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for r in roots for p in sorted(r.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = demo.make_course(tmp_path_factory.mktemp("attacked"))
    secret.create(root)
    demo.nbgrader(root, "generate_assignment", "ps1", "--force")
    for student, example in HONEST.items():
        folder = root / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        shutil.copy(demo.EXAMPLES / "ps1" / f"{example}.ipynb", folder / NB)
    for student, (added, files, edit) in attacks(root).items():
        folder = root / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        nbformat.write(attacker_notebook(added, edit), str(folder / NB))
        for rel, text in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text)
    before = digests(root / "source", kit_course() / "solutions")
    secret_text = (root / ".bpkit_secret").read_text()
    demo.nbgrader(root, "autograde", "ps1", "--force")
    demo.nbgrader(root, "generate_feedback", "ps1", "--force")
    students = sorted(p.name for p in (root / "submitted").iterdir())
    graded = gradebook.read(root, "ps1", students)
    return {"root": root, "graded": {s.student: s for s in graded.submissions}, "before": before,
            "after": digests(root / "source", kit_course() / "solutions"), "secret": secret_text.strip()}


def per_function(sub) -> dict:
    return {t.name: t.score for t in sub.tests}


@pytest.mark.parametrize("student", sorted(attacks(Path("/course"))))
def test_each_attacker_earns_what_its_code_earns(course, student):
    """Every attack scores exactly its one right function: nothing from the kernel path works."""
    assert per_function(course["graded"][student]) == EARNS
    assert course["graded"][student].error is None


def test_honest_students_are_graded_as_alone(course):
    """The honest students before, among and after the attackers get what bpkit grade gives them alone."""
    root = course["root"]
    for student in HONEST:
        alone = batch.grade("ps1", [Found(student, root / "submitted" / student / "ps1" / NB)],
                            secret.course_secret(root), workers=1)
        assert per_function(course["graded"][student]) == per_function(alone.submissions[0]), student
    assert sum(per_function(course["graded"]["aaa-alice"]).values()) == 17


def test_no_secret_or_reference_code_in_feedback_or_autograded(course):
    """Nothing of the secret or the reference solutions reaches what the students get back."""
    root = course["root"]
    released = nbformat.read(str(kit_course() / "release" / "ps1" / NB), as_version=4)
    given = "\n".join(c.source for c in released.cells)
    reference = [line.strip() for line in inspect.getsource(ps1).splitlines()
                 if len(line.strip()) > 20 and line.strip() not in given and not line.strip().startswith(("#", '"'))]
    assert len(reference) > 5
    for student in attacks(root):
        for folder in (root / "feedback" / student, root / "autograded" / student):
            texts = [p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file()]
            assert texts, folder
            for text in texts:
                text = html.unescape(re.sub(r"<[^>]+>", "", text))  # the page's text, without highlighting
                assert course["secret"] not in text
                leaked = [line for line in reference if line in text]
                assert not leaked, (student, leaked[:3])


def test_course_files_are_untouched(course):
    """source/, solutions/ and the secret are as they were; no journal line came from a submission."""
    assert course["before"] == course["after"]
    assert (course["root"] / ".bpkit_secret").read_text().strip() == course["secret"]
    assert not (course["root"] / ".bpkit" / "journal-ps1.jsonl").exists()


def test_repaired_cells_say_what_happened(course):
    """A copied, renamed or deleted test cell is graded once, in its place, and the student is told."""
    root = course["root"]

    def output(student, gid):
        nb = nbformat.read(str(root / "autograded" / student / "ps1" / NB), as_version=4)
        return "".join(o.get("text", "") for o in nb.cells[_by_id(nb, gid)].outputs)

    assert "copy of this cell" in output("att-duplicate", "test_sigmoid")
    assert "was missing" in output("att-deleted", "test_backprop")
    assert "was missing" in output("att-renamed", "test_loss")
    assert re.search(r"sigmoid: passed", output("att-duplicate", "test_sigmoid"))


def test_bpkit_grade_with_the_gradebook_gives_the_same_scores(course, tmp_path):
    """A later `bpkit grade COURSE --gradebook COURSE` writes exactly the scores nbgrader gave."""
    from autograder.cli import main

    root = course["root"]
    out = tmp_path / "r.json"
    assert main(["grade", "--assignment", "ps1", str(root), "--gradebook", str(root), "--json", str(out),
                 "--quiet"]) == 0
    by_bpkit = {s["student"]: {t["name"]: t["score"] for t in s["tests"]}
                for s in json.loads(out.read_text())["submissions"]}
    assert by_bpkit == {s: per_function(sub) for s, sub in course["graded"].items()}
    again = gradebook.read(root, "ps1", sorted(by_bpkit))
    assert {s.student: per_function(s) for s in again.submissions} == by_bpkit


def test_carry_forward_is_the_courses_setting_for_both_graders(tmp_path):
    """c.Bpkit.carry_forward = True: nbgrader autograde and a plain bpkit grade both keep inherited points."""
    from autograder.cli import main

    root = demo.make_course(tmp_path / "course")
    with open(root / "nbgrader_config.py", "a") as f:
        f.write("\nc.Bpkit.carry_forward = True\n")
    demo.nbgrader(root, "generate_assignment", "ps1", "--force")
    for student in ("carol", "dan"):
        folder = root / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        shutil.copy(demo.EXAMPLES / "ps1" / f"{student}.ipynb", folder / NB)
    demo.nbgrader(root, "autograde", "ps1", "--force")
    by_nbgrader = {s.student: per_function(s) for s in gradebook.read(root, "ps1", ["carol", "dan"]).submissions}
    assert by_nbgrader["carol"]["backprop"] == 3.0 and by_nbgrader["carol"]["output_delta"] == 2.0
    assert by_nbgrader["carol"]["sigmoid_derivative"] == 0.0  # the root mistake still costs its own points
    assert by_nbgrader["dan"]["backprop"] == 3.0
    out = tmp_path / "r.json"
    assert main(["grade", "--assignment", "ps1", str(root), "--json", str(out), "--quiet", "--no-journal"]) == 0
    by_bpkit = {s["student"]: {t["name"]: t["score"] for t in s["tests"]}
                for s in json.loads(out.read_text())["submissions"]}
    assert by_bpkit == by_nbgrader


def test_nbgrader_autograde_names_the_courses_own_mistakes(tmp_path):
    """After `bpkit label`, nbgrader autograde's feedback names the course mistake for each answer like it."""
    from autograder.cli import main
    from tests.test_labels import KINDS, RIGHT
    from tests.test_roundtrip import corpus_notebook

    root = demo.make_course(tmp_path / "course")
    demo.nbgrader(root, "generate_assignment", "ps1", "--force")
    for i, body in enumerate(KINDS["timesa"][:2]):
        corpus_notebook("ps1", RIGHT + f"def output_delta(Y, A2, Z2):\n    {body}\n",
                        root / "submitted" / f"s{i}" / "ps1" / NB)
    out = tmp_path / "r.json"
    assert main(["grade", "--assignment", "ps1", str(root), "--json", str(out), "--quiet", "--no-journal"]) == 0
    assert main(["label", "--assignment", "ps1", "--function", "output_delta", "--like", "s0", "--report",
                 str(out), "--id", "times-a2", "--message", "multiplies by A2, not by σ'(Z2)", "--course",
                 str(root)]) == 0
    demo.nbgrader(root, "autograde", "ps1", "--force")
    for student in ("s0", "s1"):
        nb = nbformat.read(str(root / "autograded" / student / "ps1" / NB), as_version=4)
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_output_delta")
        text = "".join(o.get("text", "") for o in cell.outputs)
        assert "times-a2" in text and "multiplies by A2, not by σ'(Z2)" in text, text


def test_one_warm_sandbox_serves_every_notebook_of_a_run(monkeypatch):
    """grade_node, as nbgrader calls it notebook after notebook, starts the sandbox's zygote once for equal
    settings (a new one for other limits), and each notebook is still graded as alone; close_pools ends them."""
    from autograder.preprocessors import gradeinsandbox
    from autograder.sandbox import pool as pool_module
    from autograder.settings import Bpkit

    started = []
    real = pool_module.Zygote.__init__

    def counted(self, *args, **kwargs):
        started.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(pool_module.Zygote, "__init__", counted)
    monkeypatch.setattr(gradeinsandbox, "_pools", {})
    settings = Bpkit()
    notebooks = {name: nbformat.read(str(demo.EXAMPLES / "ps1" / f"{name}.ipynb"), as_version=4)
                 for name in ("alice", "carol", "alice")}
    try:
        got = {name: per_function(gradeinsandbox.grade_node(nb, "ps1", name, "s", settings))
               for name, nb in notebooks.items()}
        assert len(started) == 1
        assert got == {name: per_function(batch.grade("ps1", [Found(name, demo.EXAMPLES / "ps1" / f"{name}.ipynb")],
                                                       "s", workers=1).submissions[0]) for name in got}
        other = Bpkit(timeout=5.0)
        assert gradeinsandbox.warm_pool(other) is not gradeinsandbox.warm_pool(settings)
        assert gradeinsandbox.warm_pool(Bpkit()) is gradeinsandbox.warm_pool(settings)
    finally:
        gradeinsandbox.close_pools()
    assert all(z.proc.poll() is not None for z in started)
    assert gradeinsandbox._pools == {}
