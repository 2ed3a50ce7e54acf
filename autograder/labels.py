"""Course mistakes: a wrong answer the catalogue does not know, named once by the course (`bpkit label`).

A course keeps them in `bpkit_mistakes.json` at its root, human-readable and reviewable in a diff:
per mistake its id, assignment, function, the sentence a student reads, whose answer defined it,
and that answer on the cases every student shares (`cluster.shared_labels`). The judge tries them
after the catalogue: a failed answer that agrees with one on every shared case is named with it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from autograder import cluster
from autograder.checks import Check
from autograder.files import read_bytes
from autograder.result import TestResult

FILE = "bpkit_mistakes.json"
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_MESSAGE = 500


@dataclass(frozen=True)
class Label:
    """One course mistake of one function."""

    id: str
    assignment: str
    function: str
    message: str
    like: str  # the student whose answer defined it ("" for one defined by its code)
    answers: dict = field(default_factory=dict, hash=False, compare=False)  # shared case label → plain value
    code: str = ""  # or: the wrong function itself, as the instructor wrote it (matched on every case)


class BadLabels(ValueError):
    """The course's file of mistakes cannot be used: what is wrong, and where."""


def path(course: Path) -> Path:
    return Path(course) / FILE


def load(course: Path | None) -> list[Label]:
    """The course's mistakes ([] when it has none); BadLabels when its file is not one this kit wrote."""
    if course is None or not path(course).is_file():
        return []
    where = path(course)
    try:
        data = json.loads(read_bytes(where))
        items = data["mistakes"]
        labels = [Label(str(m["id"]), str(m["assignment"]), str(m["function"]), str(m["message"]),
                        str(m.get("like") or ""), dict(m.get("answers") or {}), str(m.get("code") or ""))
                  for m in items]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BadLabels(f"{where} is not a file of course mistakes ({type(exc).__name__}: {exc}); fix it or "
                        f"remove it") from None
    for lab in labels:
        if not ID.match(lab.id):
            raise BadLabels(f"{where}: {lab.id!r} is not an id (lowercase letters, digits and '-')")
    return labels


def save(course: Path, labels: list[Label]) -> Path:
    """Write the course's mistakes, one per (assignment, function, id), sorted, indented for a diff."""
    rows = sorted((asdict(lab) for lab in labels), key=lambda m: (m["assignment"], m["function"], m["id"]))
    where = path(course)
    where.write_text(json.dumps({"mistakes": rows}, indent=1, sort_keys=True) + "\n")
    return where


def of(labels: list[Label], assignment: str) -> tuple[Label, ...]:
    return tuple(lab for lab in labels if lab.assignment == assignment)


UNNAMED = "unnamed"  # where an unexplained failure's evidence keeps its own status and message


def name(check: Check, answers: dict, labels: tuple[Label, ...]) -> Label | None:
    """The first course mistake of this function whose answer agrees with `answers` on every shared case."""
    return next((lab for lab in labels if lab.function == check.name and not lab.code
                 and cluster.agree(answers, lab.answers, check)), None)


@functools.cache
def wrong_function(code: str, function: str, assignment: str):
    """The instructor's wrong version of `function`, compiled in a namespace with numpy and the assignment's right
    functions (so that it may call sigmoid …); it runs in the grader, as the reference does. ValueError if the code
    does not define it."""
    import importlib

    ns = {k: v for k, v in vars(importlib.import_module(f"solutions.{assignment}")).items() if not k.startswith("__")}
    try:
        exec(compile(code, f"<course mistake of {function}>", "exec"), ns)  # noqa: S102 - the instructor's code
    except Exception as exc:  # noqa: BLE001
        raise ValueError(f"the code of a course mistake of {function} does not run: {type(exc).__name__}: {exc}") \
            from None
    if not callable(ns.get(function)):
        raise ValueError(f"the code of a course mistake of {function} does not define {function}()")
    return ns[function]


def by_code(check: Check, cases: list, students: list, labels: tuple[Label, ...]) -> Label | None:
    """The first course mistake of this function defined by its code whose outputs are the student's on every
    hidden case (per-student ones included), within the tolerance."""
    from autograder.compare import compare
    from autograder.mistakes.common import run_quiet

    for lab in labels:
        if lab.function != check.name or not lab.code:
            continue
        try:
            fn = wrong_function(lab.code, lab.function, lab.assignment)
        except ValueError:
            continue
        outs = [run_quiet(fn, case) for case in cases]
        if all(o is not None and s is not None and compare(s, o, check.tolerance).status == "passed"
               for s, o in zip(students, outs)):
            return lab
    return None


def code_fingerprint(labels: tuple[Label, ...]) -> str:
    """What a journaled result is keyed on besides: the course mistakes defined by code, which need every case's
    answer to be matched (the journal keeps the shared ones only), so a change to them grades again."""
    coded = sorted((lab.function, lab.id, lab.code) for lab in labels if lab.code)
    return "code:" + hashlib.sha256(json.dumps(coded).encode()).hexdigest()[:16] if coded else ""


def rename(test: TestResult, check: Check, labels: tuple[Label, ...]) -> bool:
    """Name a failure no catalogue mistake explains with the course mistake it agrees with — or with none, as
    judged without them — from the answers on the shared cases its evidence keeps; True if that changed it.

    The judge calls it on each fresh failure; the batch on each result served from the journal, so a label
    made (or removed) since is applied without running the student's code again."""
    ev = test.evidence if isinstance(test.evidence, dict) else {}
    answers = ev.get(cluster.KEY)
    if not isinstance(answers, dict) or not answers or test.inherited:
        return False
    unnamed = ev.setdefault(UNNAMED, {"status": test.status, "message": test.message})
    lab = name(check, answers, labels)
    tally = unnamed["message"].rsplit("(", 1)[-1] if unnamed["message"].endswith("cases right).") else ""
    status, mistake, message = ("failed", lab.id, f"{lab.message} ({tally}" if tally else lab.message + ".") if lab \
        else (unnamed["status"], None, unnamed["message"])
    before = (test.status, test.mistake, test.message)
    test.status, test.mistake, test.mistakes, test.message = status, mistake, [mistake] if mistake else [], message
    return before != (status, mistake, message)


def rejudge(result, assignment: str, labels: tuple[Label, ...]) -> bool:
    """`rename` on every test of a journaled result; True if any changed."""
    from autograder.checks import assignment as checks_of

    checks = {c.name: c for c in checks_of(assignment)}
    changed = False
    coded = {(lab.function, lab.id) for lab in labels if lab.code}  # matched on every case when judged: kept
    for test in result.tests:
        if (test.name, test.mistake) in coded:
            continue
        own = test.mistake is None or test.mistake not in _catalogue()  # unexplained, or named by the course
        if test.name in checks and test.status != "passed" and own:
            changed |= rename(test, checks[test.name], labels)
    return changed


def _catalogue() -> set[str]:
    from autograder.mistakes import catalogue

    return set(catalogue())


def record(course: Path, assignment: str, function: str, like: str, report_path: Path, mistake_id: str,
           message: str) -> tuple[Label, int, bool]:
    """`bpkit label`: define `mistake_id` from `like`'s answer in the run of `report_path`, and keep it.

    The answer is taken afresh: `like`'s notebook is graded again (in the sandbox, with the course's
    secret) and its values on the shared cases recorded. Returns (the label, how many of the report's
    students share `like`'s cluster, whether it replaced one of the same id). ValueError says why not.
    """
    from autograder import batch
    from autograder.secret import course_secret
    from autograder.settings import course_settings
    from autograder.submissions import Found

    message = _checked(assignment, function, mistake_id, message)
    report, sub = _submission(report_path, assignment, like)
    test = next(t for t in sub.tests if t.name == function)
    if test.status == "passed":
        raise ValueError(f"{like}'s {function} passed: a correct answer is never a mistake")
    if test.mistake and not test.inherited:
        raise ValueError(f"{like}'s {function} is named {test.mistake} already")
    notebook = _notebook(sub.path, report_path)
    settings = course_settings(course)
    again = batch.grade(assignment, [Found(like, notebook)], course_secret(course), workers=1,
                        timeout=settings.timeout, confine=settings.confine, memory_mb=settings.memory_mb)
    graded = next(t for t in again.submissions[0].tests if t.name == function)
    answers = graded.evidence.get(cluster.KEY) if graded.status != "passed" else None
    if not answers:
        raise ValueError(f"graded again, {like}'s {function} is {graded.status}"
                         f"{' (' + graded.mistake + ')' if graded.mistake else ''}: no unexplained answer on "
                         f"the shared cases to name")
    label = Label(mistake_id, assignment, function, message, like, answers)
    replaced = _keep(course, label)
    return label, _sharing(report, function, like), replaced


def record_code(course: Path, assignment: str, function: str, code_path: Path, mistake_id: str,
                message: str) -> tuple[Label, bool]:
    """`bpkit label --code FILE`: define `mistake_id` by the wrong function FILE defines, and keep it.
    ValueError when the id or message is not one, or the code does not define a wrong `function`."""
    from autograder.checks import assignment as checks_of
    from autograder.grading import cases_for
    from autograder.mistakes.common import run_quiet
    from autograder.reference import reference_value

    message = _checked(assignment, function, mistake_id, message)
    try:
        code = read_bytes(Path(code_path), 1024 * 1024).decode("utf-8")
    except (OSError, ValueError) as exc:
        raise ValueError(f"--code {code_path}: {exc}") from None
    fn = wrong_function(code, function, assignment)
    check = next(c for c in checks_of(assignment) if c.name == function)
    from autograder.compare import compare

    cases = cases_for(assignment, check, "bpkit-label")
    if all(compare(run_quiet(fn, c), reference_value(check, c), check.tolerance).status == "passed" for c in cases):
        raise ValueError(f"--code {code_path}: its {function} gives the right answer on every case: not a mistake")
    label = Label(mistake_id, assignment, function, message, "", {}, code)
    return label, _keep(course, label)


def _checked(assignment: str, function: str, mistake_id: str, message: str) -> str:
    """The message, tidied; ValueError when the id, the message or the function is not one."""
    from autograder.checks import assignment as checks_of
    from autograder.mistakes import catalogue

    if not ID.match(mistake_id):
        raise ValueError(f"--id {mistake_id!r}: an id is lowercase letters, digits and '-', e.g. times-a2")
    if mistake_id in catalogue():
        raise ValueError(f"--id {mistake_id}: that is a catalogue mistake already; choose another id")
    message = " ".join(message.split())
    if not message or len(message) > MAX_MESSAGE:
        raise ValueError(f"--message: a sentence for the student, 1 to {MAX_MESSAGE} characters")
    if function not in {c.name for c in checks_of(assignment) if not c.answer}:
        raise ValueError(f"--function {function}: not a graded function of {assignment}")
    return message


def _submission(report_path: Path, assignment: str, like: str):
    """`like`'s submission in the report (read and checked by report.jsonfile); ValueError if none."""
    from autograder.report import jsonfile

    report = jsonfile.read(Path(report_path), assignment)
    sub = next((s for s in report.submissions if s.student == like), None)
    if sub is None:
        raise ValueError(f"--like {like}: no such student in {report_path}")
    return report, sub


def _notebook(path: str, report_path: Path) -> Path:
    """The graded notebook: as the report gives it, else relative to the report's folder."""
    for candidate in (Path(path), Path(report_path).parent / path):
        if path and candidate.is_file():
            return candidate
    raise ValueError(f"the notebook {path!r} of the report is not here any more: grade again, then label")


def _sharing(report, function: str, like: str) -> int:
    """How many of the report's students are in `like`'s cluster of `function` (1: only `like`)."""
    def cluster_of(sub):
        return next((t.cluster for t in sub.tests if t.name == function), None)

    mine = next((cluster_of(s) for s in report.submissions if s.student == like), None)
    return sum(1 for s in report.submissions if mine and cluster_of(s) == mine) or 1


def _keep(course: Path, label: Label) -> bool:
    """Add `label` to the course's file, in place of one of the same assignment, function and id; True if it
    replaced one."""
    old = load(course)
    same = (label.assignment, label.function, label.id)
    kept = [lab for lab in old if (lab.assignment, lab.function, lab.id) != same]
    save(course, [*kept, label])
    return len(kept) != len(old)
