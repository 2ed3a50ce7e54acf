"""GradeInSandbox: nbgrader's `Execute` step, replaced by bpkit's sandbox.

It stands where `Execute` stood in `Autograde.autograde_preprocessors`. It receives the notebook
nbgrader has sanitized (the student's cells, the instructor's test cells restored from the gradebook),
grades it exactly as `bpkit grade` does — same sandbox, same per-student cases, same judge — and writes into each
graded test cell what nbgrader reads there: the verdict and the named mistake as text, the
score as the cell's value (nbgrader's partial credit). No student code runs in nbgrader's
process or in a kernel; everything after this step (SaveAutoGrades, late penalties,
generate_feedback, export, formgrader) is nbgrader's own.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder import batch, labels
from autograder.assignments import ASSIGNMENTS
from autograder.result import SubmissionResult, TestResult
from autograder.sandbox.pool import Pool
from autograder.secret import course_secret
from autograder.settings import Bpkit
from autograder.submissions import Found

TEST_PREFIX = "test_"


def verdict_text(t: TestResult) -> str:
    """What a graded cell shows: the verdict line, then the teacher's sentence."""
    mark = "✓" if t.status == "passed" else "✗"
    mistake = f" — {t.mistake}" if t.mistake else ""
    return f"{mark} {t.name}: {t.status}{mistake} ({t.score:g}/{t.max_score:g})\n{t.message}\n"


_pools: dict[tuple, Pool] = {}  # one warm sandbox per setting, for every notebook this nbgrader run grades


def warm_pool(settings: Bpkit) -> Pool:
    """The sandbox this process grades in with these settings: started for the first notebook, kept for the next
    ones (as `bpkit grade` keeps it for a class: each submission still gets fresh processes of its own, forked
    from a zygote that never runs student code), ended when nbgrader exits."""
    limits = (float(settings.timeout), int(settings.memory_mb), bool(settings.confine))
    if limits not in _pools:
        if not _pools:
            atexit.register(close_pools)
        _pools[limits] = Pool(1, *limits)
    return _pools[limits]


def close_pools() -> None:
    """End the warm sandboxes."""
    while _pools:
        _pools.popitem()[1].close()


def grade_node(nb, assignment: str, student: str, secret: str, settings: Bpkit,
               course_mistakes: tuple = ()) -> SubmissionResult:
    """Grade an in-memory notebook as `bpkit grade` grades a file: written to a private folder, then graded."""
    folder = Path(tempfile.mkdtemp(prefix="bpkit-autograde-"))
    try:
        path = folder / "submission.ipynb"
        path.write_text(nbformat.writes(nb), encoding="utf-8")
        report = batch.grade(assignment, [Found(student, path)], secret, carry_forward=settings.carry_forward,
                             course_mistakes=course_mistakes, pool=warm_pool(settings))
        return report.submissions[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _test_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")]


def write_outputs(nb, result: SubmissionResult) -> None:
    """Each graded test cell gets its verdict as text and its score as the cell's value."""
    by_name = {t.name: t for t in result.tests}
    for n, cell in enumerate(_test_cells(nb), start=1):
        grade_id = str(cell.metadata["nbgrader"].get("grade_id", ""))
        test = by_name.get(grade_id.removeprefix(TEST_PREFIX)) if grade_id.startswith(TEST_PREFIX) else None
        if result.error and test is not None:
            text = f"✗ {test.name}: not graded ({0:g}/{test.max_score:g})\n{result.error}\n"
        elif test is not None:
            text = verdict_text(test)
        else:
            text = f"✗ this test cell ('{grade_id}') is not one of the assignment's tests: no points\n"
        notes = cell.metadata.get("bpkit", {}).get("notes", [])
        text += "".join(f"({note})\n" for note in notes)
        score = test.score if test is not None and not result.error else 0.0
        cell.outputs = [new_output("stream", name="stdout", text=text),
                        new_output("execute_result", data={"text/plain": repr(float(score))}, execution_count=n)]
        cell.execution_count = n


class GradeInSandbox(NbGraderPreprocessor):
    """Grades the sanitized notebook in bpkit's sandbox and writes what nbgrader's SaveAutoGrades reads.

    Its settings are the course's (`c.Bpkit.timeout`, `.memory_mb`, `.confine`, `.carry_forward`), and so
    are the mistakes it names beyond the catalogue (`bpkit label`, autograder.labels).
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        assignment, student = str(info["assignment"]), str(info["student"])
        course = Path(CourseDirectory(config=self.config).root)
        if assignment not in ASSIGNMENTS:
            raise ValueError(f"bpkit grades {', '.join(ASSIGNMENTS)}, not {assignment!r}")
        try:
            course_mistakes = tuple(labels.load(course))
        except labels.BadLabels as exc:
            self.log.warning("bpkit: %s — graded without the course's own mistakes", exc)
            course_mistakes = ()
        result = grade_node(nb, assignment, student, course_secret(course), Bpkit(config=self.config),
                            course_mistakes)
        write_outputs(nb, result)
        self.log.info("bpkit: %s scored %g/%g%s", student, result.score, result.max_score,
                      f" ({result.error})" if result.error else "")
        return nb, resources

