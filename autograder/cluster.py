"""Clusters: the wrong answers no mistake explains, grouped across a class by what they return.

A case is *shared* when every student of a class gets it — the worked example, the fixed awkward
cases (`shared_labels`). For a failed answer that no mistake explains, the judge keeps its values on
those cases (`answers`, in the test's evidence, so the journal keeps them too). `assign` then groups
one run's tests per function: an answer joins the first group whose first answer it agrees with —
each within the check's tolerance of the other on every shared case — and the groups get ids,
largest first, `<function>-1`, `<function>-2` … Ids are stable within one run only.
"""

from __future__ import annotations

import base64
import hashlib
import pickle
from functools import cache

import numpy as np

from autograder.checks import Check
from autograder.checks import assignment as checks_of
from autograder.compare import compare
from autograder.mistakes.common import leaves
from autograder.plain import Arr, Map, Num, Seq, Str, from_plain
from autograder.result import Report, TestResult

KEY = "shared"  # where a test's evidence keeps its answers on the shared cases


@cache
def shared_labels(check: Check) -> frozenset[str]:
    """The labels of the check's cases that are the same for every student (drawn twice, compared)."""
    def fingerprints(seed: int) -> dict[str, bytes]:
        return {c.label: hashlib.sha256(pickle.dumps((c.args, c.kwargs))).digest()
                for c in check.cases(np.random.default_rng(seed))}

    one, two = fingerprints(1), fingerprints(2)
    return frozenset(label for label, f in one.items() if two.get(label) == f)


def dump(v) -> dict:
    """A judged value (autograder.plain's model) as JSON that `from_plain` reads back."""
    if isinstance(v, Arr):
        return {"t": "array", "kind": v.kind, "shape": list(v.a.shape), "list": v.from_list,
                "data": base64.b64encode(np.ascontiguousarray(v.a, dtype="<f8").tobytes()).decode("ascii")}
    if isinstance(v, Num):
        return {"t": "num", "v": v.v, "bool": v.is_bool}
    if isinstance(v, Str):
        return {"t": "str", "v": v.v}
    if isinstance(v, Seq):
        return {"t": "seq", "items": [dump(i) for i in v.items]}
    if isinstance(v, Map):
        return {"t": "map", "items": {k: dump(i) for k, i in v.items.items()}}
    return {"t": "other", "type": getattr(v, "type", "unknown")}


def answers(check: Check, cases: list, students: list) -> dict[str, dict]:
    """The student's values on the check's shared cases, by label (cases it raised on are left out)."""
    shared = shared_labels(check)
    return {c.label: dump(s) for c, s in zip(cases, students) if c.label in shared and s is not None}


def agree(a: dict, b: dict, check: Check) -> bool:
    """Two answers agree: the same shared cases, each value within the tolerance of the other."""
    if a.keys() != b.keys() or not a:
        return False
    return _agree({k: from_plain(v) for k, v in a.items()}, {k: from_plain(v) for k, v in b.items()}, check)


def _agree(x: dict, y: dict, check: Check) -> bool:
    """`agree` on values parsed already."""
    for label in x:
        if compare(x[label], y[label], check.tolerance).status != "passed" or \
                compare(y[label], x[label], check.tolerance).status != "passed":
            return False
    return True


def bucket(parsed: dict) -> tuple:
    """A coarse key two agreeing answers almost always share — per case, each part's shape, its largest |value| to
    3 digits and its first values to 3 decimals of that — so that an answer is compared only with the groups of
    its bucket: a class of n different wrong answers costs n comparisons, not n². (Two answers that agree but
    round apart at a digit boundary land in two groups: one kind split in two, never two kinds joined.)"""
    key = []
    for label in sorted(parsed):
        parts = leaves(parsed[label])
        if parts is None:
            key.append((label, getattr(parsed[label], "type", "?")))
            continue
        for a in parts:
            with np.errstate(all="ignore"):
                finite = a[np.isfinite(a)]
                scale = float(np.max(np.abs(finite))) if finite.size else 1.0
                rounded = np.round(a.ravel()[:16] / (scale or 1.0), 3) + 0.0  # round-off near 0: 0, not ±tiny
                key.append((label, a.shape, f"{scale:.3g}", tuple(rounded.tolist())))
    return tuple(key)


def clusterable(test: TestResult, check: Check) -> dict | None:
    """The answers a test is clustered by, or None: only failures that no mistake explains and that are the
    function's own (an inherited failure is its callee's), with a value on every shared case."""
    if test.status == "passed" or test.mistakes or test.inherited:
        return None
    got = test.evidence.get(KEY) if isinstance(test.evidence, dict) else None
    if not isinstance(got, dict) or not got or set(got) != shared_labels(check):
        return None
    return got


def assign(report: Report) -> Report:
    """Give every clusterable test of the report its cluster id (others keep None); returns the report."""
    for check in checks_of(report.assignment):
        groups: list[list[tuple[TestResult, dict]]] = []
        buckets: dict[tuple, list[list]] = {}
        for sub in report.submissions:
            for test in sub.tests:
                if test.name != check.name:
                    continue
                test.cluster = None
                got = clusterable(test, check)
                if got is None:
                    continue
                parsed = {k: from_plain(v) for k, v in got.items()}
                near = buckets.setdefault(bucket(parsed), [])
                home = next((g for g in near if _agree(g[0][1], parsed, check)), None)
                if home is None:
                    near.append([(test, parsed)])
                    groups.append(near[-1])
                else:
                    home.append((test, parsed))
        for k, group in enumerate(sorted(groups, key=len, reverse=True), 1):  # stable: first seen first on a tie
            for test, _ in group:
                test.cluster = f"{check.name}-{k}"
    return report
