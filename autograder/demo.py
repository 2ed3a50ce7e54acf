"""`bpkit demo`: grade the bundled example class with nbgrader and with bpkit, side by side.

Copies the kit's course to a temporary directory, releases the assignments with
`nbgrader generate_assignment`, places the example submissions in submitted/, runs
`nbgrader autograde` and `nbgrader generate_feedback`, reads the scores back from the
gradebook, grades the same class with `bpkit grade`, writes the HTML reports and the
dashboard, and prints the per-student, per-function table.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder import batch, submissions
from autograder.assignments import ASSIGNMENTS, get
from autograder.course import kit_course
from autograder.report import gradebook
from autograder.report.table import summary
from autograder.result import Report
from autograder.venv import tool_env

EXAMPLES = Path(__file__).resolve().parent / "examples"


def nbgrader(course: Path, *args: str, check: bool = True) -> int:
    """Run one nbgrader command in the course; raise with its output if it fails and `check`.

    nbgrader and the commands it calls (alembic) are found next to this interpreter, venv activated or not.
    """
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          env=tool_env())
    if done.returncode != 0 and check:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.returncode


def make_course(dest: Path, stock_autograde: bool = False) -> Path:
    """A fresh copy of the kit's course (config and source notebooks only).

    `stock_autograde`: nbgrader autograde as nbgrader ships it, kernels executing the notebooks
    (to measure against), instead of the kit's sandbox.
    """
    root = kit_course()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "nbgrader_config.py", dest)
    if stock_autograde:
        with open(dest / "nbgrader_config.py", "a") as f:
            f.write("\npreprocessors.stock(c)  # nbgrader's own pipeline: kernels execute the notebooks\n")
    shutil.copytree(root / "source", dest / "source", dirs_exist_ok=True)
    return dest


def place_examples(course: Path, assignment_name: str) -> list[str]:
    """Copy the example submissions into submitted/<student>/<assignment>/."""
    students = []
    for nb in sorted((EXAMPLES / assignment_name).glob("*.ipynb")):
        folder = course / "submitted" / nb.stem / assignment_name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(nb, folder / get(assignment_name).notebook)
        students.append(nb.stem)
    return students


def say(line: str) -> None:
    """Tell the person watching what the demo is doing now (it takes a couple of minutes)."""
    print(line, flush=True)


def grade_class(course: Path, a: str) -> tuple[Report, Report]:
    """Release `a`, place its examples, autograde and give feedback with nbgrader, then grade with bpkit."""
    say(f"  nbgrader generate_assignment {a} …")
    nbgrader(course, "generate_assignment", a, "--force")
    place_examples(course, a)
    students = [f.student for f in submissions.find([course], a)]
    say(f"  nbgrader autograde {a} ({len(students)} submissions) …")
    # nbgrader exits non-zero when any submission fails (frank's is not a notebook): go on
    nbgrader(course, "autograde", a, "--force", check=False)
    say(f"  nbgrader generate_feedback {a} …")
    nbgrader(course, "generate_feedback", a, "--force", check=False)
    say(f"  bpkit grade --assignment {a} {course} …")
    return gradebook.read(course, a, students), batch.grade(a, submissions.find([course], a))


def run(keep: Path | None = None, assignments: list[str] | None = None) -> int:
    course = make_course(keep or Path(tempfile.mkdtemp(prefix="bpkit-demo-")))
    say(f"demo course: {course}")
    for a in assignments or ASSIGNMENTS:
        if not (EXAMPLES / a).is_dir():
            continue
        say(f"\n== {a}: nbgrader generate_assignment, autograde, generate_feedback; then bpkit grade")
        by_nbgrader, report = grade_class(course, a)
        say(f"\n== {a}: nbgrader autograde's scores (from the gradebook)")
        print(summary(by_nbgrader))
        print(f"\n== {a}: bpkit grade (isolated, with the mistakes named)")
        print(summary(report))
        for s in report.submissions:
            for t in s.tests:
                if t.mistake:
                    through = ", ".join(i["function"] for i in t.inherited)
                    print(f"  {s.student:<6} {t.name:<18} {', '.join(t.mistakes)}"
                          + (f"  (right as written: it fails through {through})" if through else ""))
        from autograder.report import html

        html.write_feedback(report, course)
        dash = html.write_dashboard(report, course / f"dashboard_{a}.html")
        print(f"student reports: {course / 'feedback'}/<student>/{a}/bpkit_report.html\ndashboard: {dash}")
    say("\n  nbgrader export …")
    nbgrader(course, "export")
    print(f"nbgrader export: {course / 'grades.csv'}")
    return 0
