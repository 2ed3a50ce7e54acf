"""Clusters: unexplained wrong answers grouped across a class by what they return on the shared cases."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from autograder import cluster
from autograder.checks import assignment
from autograder.grading import grade_namespace
from autograder.plain import Arr, from_plain
from autograder.result import Report, SubmissionResult
from solutions import ps1


def sd(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)


# per kind of answer, several styles that return the same numbers
OUTPUT_DELTAS = {
    "right": [lambda Y, A2, Z2: (A2 - Y) * sd(Z2),
              lambda Y, A2, Z2: np.multiply(A2 - Y, A2 * (1 - A2))],
    "times-A2": [lambda Y, A2, Z2: (A2 - Y) * A2,
                 lambda Y, A2, Z2: np.multiply(A2, A2 - Y),
                 lambda Y, A2, Z2: np.array([[(a - y) * a for a, y in zip(ra, ry)] for ra, ry in zip(A2, Y)])],
    "squared-error": [lambda Y, A2, Z2: (A2 - Y) ** 2 * sd(Z2),
                      lambda Y, A2, Z2: (A2 - Y) * (A2 - Y) * A2 * (1 - A2)],
    "tanh-derivative": [lambda Y, A2, Z2: (A2 - Y) * (1 - np.tanh(Z2) ** 2),
                        lambda Y, A2, Z2: (A2 - Y) / np.cosh(Z2) ** 2],
    "sign-flipped": [lambda Y, A2, Z2: (Y - A2) * sd(Z2)],
}


def graded_class(kinds: dict) -> tuple[Report, dict]:
    """A class: one student per style of each kind, graded in-process; student → kind."""
    subs, kind_of = [], {}
    for kind, styles in kinds.items():
        for i, fn in enumerate(styles):
            student = f"{kind}-{i}"
            ns = {k: v for k, v in vars(ps1).items() if callable(v)}
            ns["output_delta"] = fn
            tests = grade_namespace("ps1", ns, student=student)
            subs.append(SubmissionResult(student, "", tests))
            kind_of[student] = kind
    return cluster.assign(Report("ps1", subs)), kind_of


def clusters_of(report: Report, name: str) -> dict:
    return {s.student: next(t.cluster for t in s.tests if t.name == name) for s in report.submissions}


def test_each_unexplained_kind_is_one_cluster_and_no_other():
    """Every style of a kind shares one id; kinds never share one; right and named answers get none."""
    report, kind_of = graded_class(OUTPUT_DELTAS)
    got = clusters_of(report, "output_delta")
    for student, kind in kind_of.items():
        if kind in ("right", "sign-flipped"):
            assert got[student] is None, student
    ids = {kind: {got[s] for s, k in kind_of.items() if k == kind} for kind in OUTPUT_DELTAS}
    unexplained = ["times-A2", "squared-error", "tanh-derivative"]
    for kind in unexplained:
        assert len(ids[kind]) == 1 and None not in ids[kind], (kind, ids[kind])
    assert len({next(iter(ids[k])) for k in unexplained}) == len(unexplained)
    assert ids["times-A2"] == {"output_delta-1"}  # the largest first


def test_the_shared_cases_are_the_fixed_ones():
    """The worked example and the awkward 5-4-3-2 network are shared; the random sizes are not."""
    check = next(c for c in assignment("ps1") if c.name == "backprop")
    assert cluster.shared_labels(check) == {"the worked example (N=1, D=2, H=2, K=1)", "N=5, D=4, H=3, K=2"}


@pytest.mark.parametrize("kind", ["times-A2", "tanh-derivative"])
def test_answers_that_agree_only_on_some_shared_cases_are_apart(kind):
    """An answer equal to a kind's on the worked example but not on the awkward case is not of that kind."""
    real = OUTPUT_DELTAS[kind][0]

    def only_worked(Y, A2, Z2):
        return real(Y, A2, Z2) if Y.shape == (1, 1) else (A2 - Y) * 0.123
    report, _ = graded_class({kind: [real, real], "impostor": [only_worked]})
    got = clusters_of(report, "output_delta")
    assert got["impostor-0"] not in (None, got[f"{kind}-0"])


def test_a_class_of_all_different_answers_costs_a_comparison_each(monkeypatch):
    """400 different unexplained answers: each compared with the groups of its own bucket only, not with all."""
    report, _ = graded_class({"times-A2": OUTPUT_DELTAS["times-A2"][:1]})
    template = next(t for t in report.submissions[0].tests if t.name == "output_delta")
    subs = []
    for i in range(400):
        t = copy.deepcopy(template)
        t.evidence[cluster.KEY] = {k: cluster.dump(scaled(from_plain(v), 1 + i / 100))
                                   for k, v in t.evidence[cluster.KEY].items()}
        subs.append(SubmissionResult(f"s{i}", "", [t]))
    calls = []
    real = cluster._agree
    monkeypatch.setattr(cluster, "_agree", lambda *a: calls.append(1) or real(*a))
    cluster.assign(Report("ps1", subs))
    assert len({s.tests[0].cluster for s in subs}) == 400
    assert len(calls) < 2 * 400


def scaled(v, factor):
    return Arr(v.a * factor, v.kind, v.from_list)
