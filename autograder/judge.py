"""Judges one function: its outcomes on the hidden cases against the reference.

Classifies in a fixed order — missing, timeout, raised, wrong-type, then a named
mistake (autograder.mistakes), then not-finite, wrong-shape, failed — and scores the
share of cases right: points × right / cases, a plain float never above the points.

What the run sent back is untrusted: `parse_run` reads it into a typed, bounded record
(`Run` of `Outcome`s) before anything looks at it, and `judge` never raises — a failure
to judge is that test's `raised`, with "the grader could not judge this answer: …".
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from autograder import cluster, credit, labels
from autograder.checks import Check
from autograder.compare import Verdict, compare, severity
from autograder.evidence import part_errors
from autograder.mistakes import Answers, name_mistake
from autograder.mistakes.common import round_off
from autograder.plain import clean, from_plain
from autograder.reference import reference_value
from autograder.result import TestResult

MAX_TEXT = 300  # characters of an error or a reason sent back by the run


@dataclass
class Outcome:
    """One case as the run reported it: a parsed value, or the error it raised; the arguments it changed."""

    value: object = None  # a plain value (autograder.plain); None when the call raised
    error: str | None = None
    changed: list = field(default_factory=list)  # positions of the arguments the call changed


@dataclass
class Run:
    """A check's run: exactly one of missing, timeout, died (a reason) or outcomes."""

    missing: str | None = None
    timeout: str | None = None
    died: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    malformed: str | None = None  # why the outcomes could not be read


def _text(v, what: str) -> str:
    """Untrusted text from the run, bounded and valid UTF-8."""
    return clean(v, MAX_TEXT) if isinstance(v, str) else f"(a malformed {what})"


def parse_outcome(out) -> Outcome:
    """An Outcome from one case's record; a malformed record is an error that says so."""
    if not isinstance(out, dict):
        return Outcome(error="the run sent back a malformed result for this case")
    changed = out.get("changed")
    changed = changed[:64] if isinstance(changed, list) else []
    if "error" in out:
        return Outcome(error=_text(out["error"], "error"), changed=changed)
    return Outcome(value=from_plain(out.get("value")), changed=changed)


def parse_run(run) -> Run:
    """A Run from the record the sandbox sent back for one check."""
    if not isinstance(run, dict):
        return Run(died="its process sent back something that is not a result")
    for reason in ("missing", "timeout", "died"):
        if reason in run:
            return Run(**{reason: _text(run[reason], "reason")})
    outcomes = run.get("outcomes")
    if not isinstance(outcomes, list):
        return Run(malformed="the run sent back no list of results")
    return Run(outcomes=[parse_outcome(o) for o in outcomes[:10_000]], malformed=None)

def args_changed(case, changed: list) -> list[int]:
    """Positions of the arguments that the call left different, as established by whoever ran it (in the
    sandbox, the supervisor, from memory the student's code cannot restore unseen), valid ones only."""
    return sorted({i for i in changed if type(i) is int and 0 <= i < len(case.args) and not callable(case.args[i])})


def _tiny(check: Check, student, expected):
    """gradient_check: where the reference is below `tiny`, any value below it is right."""
    return round_off(student, expected, check.tiny)


def _shape(shape) -> list | None:
    return None if shape is None else [int(n) for n in shape]


COULD_NOT_JUDGE = "the grader could not judge this answer"


def could_not_judge(check: Check, exc: BaseException) -> TestResult:
    """The test's result when judging it failed: raised, 0 points, and why."""
    text = clean(str(exc).strip().splitlines()[0], 200) if str(exc).strip() else ""
    why = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return TestResult(check.name, 0.0, float(check.points), "raised", None,
                      f"{check.name}: {COULD_NOT_JUDGE}: {why}.")


def judge(check: Check, cases: list, run, course_mistakes: tuple = ()) -> TestResult:
    """A TestResult for `check` from what the runner sent back (`run`); never raises.

    `course_mistakes` (autograder.labels) are tried after the catalogue."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return _judge(check, cases, parse_run(run), course_mistakes)
    except Exception as exc:  # noqa: BLE001 - one answer the grader cannot judge costs that test only
        return could_not_judge(check, exc)


def _judge(check: Check, cases: list, run: Run, course_mistakes: tuple = ()) -> TestResult:
    pts = float(check.points)
    if run.missing is not None:
        return TestResult(check.name, 0.0, pts, "missing", None, f"{check.name}: {run.missing}.")
    if run.timeout is not None:
        return TestResult(check.name, 0.0, pts, "timeout", None, f"{check.name}: {run.timeout}")
    if run.died is not None:
        return TestResult(check.name, 0.0, pts, "raised", None, f"{check.name}: {run.died}")
    if run.malformed or len(run.outcomes) != len(cases):
        return TestResult(check.name, 0.0, pts, "raised", None,
                          f"{check.name}: the run sent back {len(run.outcomes)} results for {len(cases)} cases.")

    expected = [reference_value(check, c) for c in cases]
    students, verdicts, changed = [], [], []
    for case, out, exp in zip(cases, run.outcomes, expected):
        if out.error is not None:
            students.append(None)
            verdicts.append(Verdict("raised", out.error))
            changed.append([])
            continue
        s = _tiny(check, out.value, exp)
        students.append(s)
        verdicts.append(compare(s, exp, check.tolerance))
        changed.append(args_changed(case, out.changed))

    right_cases = [v.status == "passed" and not ch for v, ch in zip(verdicts, changed)]
    right = sum(right_cases)
    if right == len(cases):
        msg = f"{check.name}: all {len(cases)} hidden cases right."
        return TestResult(check.name, pts, pts, "passed", None, msg, {"cases": len(cases)})
    counted = [credit.counts(check, c, e, lambda t, e: _tiny(check, t, e)) for c, e in zip(cases, expected)]
    score = credit.score(pts, right_cases, counted)
    evidence = {
        "tolerance": {"rtol": check.tolerance.rtol, "atol": check.tolerance.atol},
        "cases": [{"label": c.label, "status": v.status, "detail": v.detail, "max_error": v.max_error,
                   "expected_shape": _shape(v.expected_shape), "actual_shape": _shape(v.actual_shape),
                   "changed_args": ch, "part_errors": part_errors(check, s, e)}
                  for c, v, ch, s, e in zip(cases, verdicts, changed, students, expected)],
    }
    if check.evidence:
        evidence.update(check.evidence(check, cases, students, expected))

    tally = f"{right}/{len(cases)} hidden cases right"
    raised = [(c, v) for c, v in zip(cases, verdicts) if v.status == "raised"]
    if raised:
        c, v = raised[0]
        return TestResult(check.name, score, pts, "raised", None,
                          f"{check.name} raised {v.detail} on the case '{c.label}' ({tally}).", evidence)
    typed = [(c, v) for c, v in zip(cases, verdicts) if v.status == "wrong-type"]
    if typed and not any(changed):
        c, v = typed[0]
        return TestResult(check.name, score, pts, "wrong-type", None,
                          f"{check.name}: on the case '{c.label}', {v.detail} ({tally}).", evidence)

    finding = name_mistake(Answers(check, cases, students, expected, verdicts, changed))
    if finding:
        evidence["mistake_evidence"] = finding.evidence
        return TestResult(check.name, score, pts, "failed", finding.mistake,
                          f"{finding.message} ({tally}).", evidence, finding.mistakes)

    failing = [(c, v) for c, v in zip(cases, verdicts) if v.status != "passed"]
    evidence[cluster.KEY] = cluster.answers(check, cases, students)  # no mistake explains it: compared across the class
    if not failing:  # right values, changed arguments: a recogniser names it; never pass it
        c = next(c for c, ch in zip(cases, changed) if ch)
        return TestResult(check.name, score, pts, "failed", None,
                          f"{check.name} changed its arguments on the case '{c.label}' ({tally}).", evidence)
    c, v = min(failing, key=lambda cv: severity(cv[1]))  # the first of the worst failures
    unnamed = TestResult(check.name, score, pts, v.status, None,
                         f"{check.name}: on the case '{c.label}', {v.detail} ({tally}).", evidence)
    coded = labels.by_code(check, cases, students, course_mistakes)
    if coded:
        return TestResult(check.name, score, pts, "failed", coded.id, f"{coded.message} ({tally}).", evidence)
    labels.rename(unnamed, check, course_mistakes)
    return unnamed
