"""Grading one function of a live namespace: cases → forked run → judge.

Used where the student's code already runs in this process (nbgrader's kernel, the
tests): the function is called in a forked child with a time limit, and judged here.
"""

from __future__ import annotations

from autograder.cases import rng_for
from autograder.checks import Check, assignment
from autograder.judge import judge
from autograder.result import TestResult
from autograder.sandbox.fork import run_forked
from autograder.sandbox.runner import run_check
from autograder.settings import TIMEOUT


def cases_for(assignment_name: str, check: Check, student: str = "", secret: str = "") -> list:
    """The hidden cases of one check for one student."""
    return check.cases(rng_for(assignment_name, check.name, student, secret))


def grade_function(assignment_name: str, name: str, namespace: dict, student: str = "", secret: str = "",
                   timeout: float = TIMEOUT) -> TestResult:
    """One TestResult: `name` from `namespace` run on its hidden cases in a forked child."""
    check = next(c for c in assignment(assignment_name) if c.name == name)
    cases = cases_for(assignment_name, check, student, secret)
    run = run_forked(lambda: run_check(namespace, name, check.answer, cases), timeout)
    return judge(check, cases, run)


def grade_namespace(assignment_name: str, namespace: dict, student: str = "", secret: str = "",
                    timeout: float = TIMEOUT) -> list[TestResult]:
    """Every check of an assignment against one namespace."""
    return [grade_function(assignment_name, c.name, namespace, student, secret, timeout)
            for c in assignment(assignment_name)]
