"""Judges one function: its outcomes on the hidden cases against the reference.

Classifies in a fixed order — missing, timeout, raised, wrong-type, then a named
mistake (autograder.mistakes), then not-finite, wrong-shape, failed — and scores the
share of cases right: points × right / cases, a plain float never above the points.
"""

from __future__ import annotations

import hashlib
import pickle
import warnings

import numpy as np

from autograder.checks import Check
from autograder.compare import Verdict, compare, worst
from autograder.evidence import eps_curve, loss_curves, part_errors
from autograder.mistakes import Evidence, name_mistake
from autograder.plain import Map, Num, from_plain, to_plain
from autograder.result import TestResult

_REFERENCE_CACHE: dict = {}


def reference_value(check: Check, case):
    """The reference's answer on one case, as plain data (warnings silenced).

    Cases shared by every student (the worked example, the fixed awkward ones) are
    computed once: the cache is keyed by a hash of the case's pickled arguments.
    """
    key = (check.name, hashlib.sha1(pickle.dumps((case.args, case.kwargs))).digest())
    if key not in _REFERENCE_CACHE:
        if len(_REFERENCE_CACHE) > 50_000:
            _REFERENCE_CACHE.clear()
        _REFERENCE_CACHE[key] = _reference_value(check, case)
    return _REFERENCE_CACHE[key]


def _reference_value(check: Check, case):
    args, kwargs = case.materialize()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return from_plain(to_plain(check.reference(*args, **kwargs)))


def args_changed(case, outcome: dict) -> list[int]:
    """Positions of the arguments that the call left different, as established by whoever ran it
    (in the sandbox, the supervisor, from memory the student's code cannot restore unseen)."""
    changed = outcome.get("changed") or []
    return sorted({i for i in changed if type(i) is int and 0 <= i < len(case.args) and not callable(case.args[i])})


def _tiny(check: Check, student, expected):
    """gradient_check: where the reference is below `tiny`, any value below it is right."""
    if check.tiny is None or not (isinstance(student, Map) and isinstance(expected, Map)):
        return student
    items = dict(student.items)
    for k, e in expected.items.items():
        s = items.get(k)
        if isinstance(e, Num) and isinstance(s, Num) and e.v < check.tiny and 0 <= s.v < check.tiny:
            items[k] = e
    return Map(items)


def _shape(shape) -> list | None:
    return None if shape is None else [int(n) for n in shape]


def _score(check: Check, right: int, total: int) -> float:
    return float(min(check.points, round(check.points * right / total, 4))) if total else 0.0


def judge(check: Check, cases: list, run: dict) -> TestResult:
    """A TestResult for `check` from what the runner sent back (`run`)."""
    pts = float(check.points)
    if "missing" in run:
        return TestResult(check.name, 0.0, pts, "missing", None, f"{check.name}: {run['missing']}.")
    if "timeout" in run:
        return TestResult(check.name, 0.0, pts, "timeout", None, f"{check.name}: {run['timeout']}")
    if "died" in run:
        return TestResult(check.name, 0.0, pts, "raised", None, f"{check.name}: {run['died']}")
    outcomes = run.get("outcomes") or []
    if len(outcomes) != len(cases):
        return TestResult(check.name, 0.0, pts, "raised", None,
                          f"{check.name}: the run sent back {len(outcomes)} results for {len(cases)} cases.")

    expected = [reference_value(check, c) for c in cases]
    students, verdicts, changed = [], [], []
    for case, out, exp in zip(cases, outcomes, expected):
        if "error" in out:
            students.append(None)
            verdicts.append(Verdict("raised", out["error"]))
            changed.append([])
            continue
        s = _tiny(check, from_plain(out.get("value")), exp)
        students.append(s)
        verdicts.append(compare(s, exp, check.tolerance))
        changed.append(args_changed(case, out))

    right = sum(v.status == "passed" and not ch for v, ch in zip(verdicts, changed))
    score = _score(check, right, len(cases))
    if right == len(cases):
        msg = f"{check.name}: all {len(cases)} hidden cases right."
        return TestResult(check.name, pts, pts, "passed", None, msg, {"cases": len(cases)})
    evidence = {
        "tolerance": {"rtol": check.tolerance.rtol, "atol": check.tolerance.atol},
        "cases": [{"label": c.label, "status": v.status, "detail": v.detail, "max_error": v.max_error,
                   "expected_shape": _shape(v.expected_shape), "actual_shape": _shape(v.actual_shape),
                   "changed_args": ch, "part_errors": part_errors(check.name, s, e)}
                  for c, v, ch, s, e in zip(cases, verdicts, changed, students, expected)],
    }
    if check.name == "numerical_gradient":
        evidence["eps_curve"] = eps_curve(cases, students, expected)
    if check.name == "train":
        evidence["losses"] = loss_curves(cases, students, expected)

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

    finding = name_mistake(Evidence(check, cases, students, expected, verdicts, changed))
    if finding:
        evidence["mistake_evidence"] = finding.evidence
        return TestResult(check.name, score, pts, "failed", finding.mistake,
                          f"{finding.message} ({tally}).", evidence)

    failing = [(c, v) for c, v in zip(cases, verdicts) if v.status != "passed"]
    if not failing:  # right values, changed arguments: a recogniser names it; never pass it
        c = next(c for c, ch in zip(cases, changed) if ch)
        return TestResult(check.name, score, pts, "failed", None,
                          f"{check.name} changed its arguments on the case '{c.label}' ({tally}).", evidence)
    c, v = min(failing, key=lambda cv: ("wrong-type", "not-finite", "wrong-shape", "failed").index(cv[1].status))
    status = worst([v for _, v in failing]).status
    return TestResult(check.name, score, pts, status, None,
                      f"{check.name}: on the case '{c.label}', {v.detail} ({tally}).", evidence)
