"""autograder.judge: whatever a run sends back, well-formed or not, gives a TestResult and never raises."""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import asdict
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograder.assignments import ASSIGNMENTS
from autograder.checks import assignment
from autograder.grading import cases_for
from autograder.judge import COULD_NOT_JUDGE, judge
from autograder.plain import to_plain
from autograder.result import STATUSES

EXAMPLES = int(os.environ.get("JUDGE_EXAMPLES", 40))  # per check; more to hunt, fewer to keep the suite quick
CHECKS = [(a, c) for a in ASSIGNMENTS for c in assignment(a)]
IDS = [f"{a}-{c.name}" for a, c in CHECKS]
ODD_FLOATS = st.sampled_from([0.0, -0.0, 1.0, -1.0, np.nan, np.inf, -np.inf, 1e308, -1e308, 5e-324, 1e-300, 2.0,
                              0.5]) | st.floats(allow_nan=True, allow_infinity=True)
ARRAYS = hnp.arrays(st.sampled_from([np.float64, np.int64, np.bool_]),
                    hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
                    )
FLOAT_ARRAYS = hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
                          elements=ODD_FLOATS)
LEAVES = (FLOAT_ARRAYS | ARRAYS | ODD_FLOATS | st.integers(-10**20, 10**20) | st.booleans() | st.none()
          | st.text(max_size=8) | st.sampled_from(["W1", "b1", "W2", "b2", "0.5", "nan", "\ud800 lone"]))
KEYS = st.sampled_from(["W1", "b1", "W2", "b2", "x", ""]) | st.text(max_size=4)
VALUES = st.recursive(LEAVES, lambda kids: st.lists(kids, max_size=5) | st.lists(kids, max_size=5).map(tuple)
                      | st.dictionaries(KEYS, kids, max_size=5), max_leaves=16)


@cache
def cases_of(assignment_name: str, name: str) -> list:
    check = next(c for c in assignment(assignment_name) if c.name == name)
    return cases_for(assignment_name, check, "hypothesis", "")


def reference(check, case):
    args, kwargs = case.materialize()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return check.reference(*args, **kwargs)


def mangle(value, how: str, factor: float):
    """The reference's answer changed the way a careless or odd answer is: scaled, cast, stringified …"""
    if isinstance(value, dict):
        return {k: mangle(v, how, factor) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        out = [mangle(v, how, factor) for v in value]
        return out if how == "listed" else type(value)(out)
    if isinstance(value, str):
        return {"strings": value.lower(), "listed": [value], "empty": ""}.get(how, f" {value} ")
    with np.errstate(all="ignore"):
        a = np.asarray(value, dtype=np.float64)
        return {"scaled": lambda: a * factor, "strings": lambda: [str(x) for x in np.ravel(a)],
                "labelled": lambda: [f"E = {x:.4g}" for x in np.ravel(a)],
                "transposed": lambda: np.asarray(a).T, "kept": lambda: np.asarray(a)[None],
                "bools": lambda: np.asarray(a) > 0.5, "zero-d": lambda: np.asarray(np.sum(a)),
                "listed": lambda: np.asarray(a).tolist(), "empty": lambda: np.zeros((0,) + np.shape(a))}[how]()


def outcome(draw, check, case) -> dict:
    """One case's outcome: a mangled reference answer, an arbitrary value, an error or a malformed record."""
    kind = draw(st.sampled_from(["mangled", "value", "error", "malformed", "args"]))
    if kind == "mangled":
        how = draw(st.sampled_from(["scaled", "strings", "labelled", "transposed", "kept", "bools", "zero-d",
                                    "listed", "empty"]))
        value = to_plain(mangle(reference(check, case), how, draw(ODD_FLOATS)))
        return {"value": value, "changed": []}
    if kind == "value":
        return {"value": to_plain(draw(VALUES)), "changed": draw(st.none() | st.lists(st.integers(-3, 10), max_size=3))}
    if kind == "error":
        return {"error": draw(st.text(max_size=30) | st.integers() | st.none() | st.just("\udcff\ud800"))}
    if kind == "args":
        return {"value": to_plain(reference(check, case)),
                "changed": draw(st.lists(st.none() | st.builds(to_plain, VALUES) | st.integers(), max_size=8)
                                   | st.text(max_size=3) | st.integers())}
    return draw(st.dictionaries(st.sampled_from(["value", "error", "changed", "t"]),
                                st.none() | st.integers() | st.text(max_size=5) | st.builds(to_plain, VALUES)
                                | st.lists(st.integers(), max_size=3), max_size=3))


@st.composite
def runs(draw, check, cases):
    """A run record as a child (honest, careless or forged) might send it back."""
    form = draw(st.sampled_from(["outcomes"] * 6 + ["missing", "timeout", "died", "odd"]))
    if form == "outcomes":
        outcomes = [outcome(draw, check, c) for c in cases]
        if draw(st.integers(0, 9)) == 0:
            outcomes = draw(st.sampled_from([outcomes[:-1], outcomes + outcomes[:1], [], "x", None, {"a": 1}]))
        return {"outcomes": outcomes}
    if form == "odd":
        return draw(st.dictionaries(st.text(max_size=8), st.none() | st.integers() | st.text(max_size=4), max_size=3))
    return {form: draw(st.text(max_size=20) | st.integers() | st.none() | st.lists(st.integers(), max_size=2))}


def assert_result(check, result) -> None:
    assert result.name == check.name
    assert result.status in STATUSES
    assert 0.0 <= result.score <= result.max_score == float(check.points)
    assert isinstance(result.message, str)
    result.message.encode("utf-8")  # a report written as UTF-8 takes it
    assert COULD_NOT_JUDGE not in result.message, result.message  # judged, not caught by the last net
    json.loads(json.dumps(asdict(result)))  # journaled as it is


@pytest.mark.parametrize(("assignment_name", "check"), CHECKS, ids=IDS)
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_judge_never_raises(assignment_name, check, data):
    """For every check: arbitrary well-formed and malformed outcomes give a TestResult in the contract."""
    cases = cases_of(assignment_name, check.name)
    assert_result(check, judge(check, cases, data.draw(runs(check, cases))))


def honest_run(check, cases, answer) -> dict:
    """The record an honest run sends back when the function returns `answer(reference value)` on each case."""
    return {"outcomes": [{"value": to_plain(answer(reference(check, c))),
                          "changed": []} for c in cases]}


def judged(assignment_name: str, name: str, answer):
    check = next(c for c in assignment(assignment_name) if c.name == name)
    cases = cases_of(assignment_name, name)
    result = judge(check, cases, honest_run(check, cases, answer))
    assert_result(check, result)
    return result


def test_train_returning_losses_as_strings():
    """train whose losses are strings (careless, not hostile) is judged: wrong-type, and the curve skips them."""
    result = judged("ps3", "train", lambda r: (r[0], [f"loss {x:.3f}" for x in r[1]]))
    assert result.status == "wrong-type" and result.score < result.max_score
    assert result.evidence["losses"]["student"] == []


LEAF_ANSWERS = {"nan": lambda a: np.full(np.shape(a), np.nan), "inf": lambda a: np.full(np.shape(a), -np.inf),
                "huge": lambda a: np.asarray(a) * 1e308, "tiny": lambda a: np.asarray(a) * 1e-320,
                "bools": lambda a: np.asarray(a) > 0, "0-d": lambda a: np.asarray(np.sum(a)),
                "zero-sized": lambda a: np.zeros((0,) + np.shape(a)), "ints": lambda a: np.asarray(a).astype(int)}
WHOLE_ANSWERS = {"odd-dict": lambda r: {"dW1": r, 1: None, "": {}}, "nested-empty": lambda r: (((),), [], {}),
                 "nested-empty-lists": lambda r: [[], [[]]], "bool": lambda r: True, "string": lambda r: "0.5",
                 "none": lambda r: None, "tuple-of-strings": lambda r: ("W1", "b1")}


def leafwise(value, f):
    """`value` with f applied to each of its leaves (a string leaf is treated as the number 0.5)."""
    if isinstance(value, dict):
        return {k: leafwise(v, f) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(leafwise(v, f) for v in value)
    with np.errstate(all="ignore"):
        return f(np.array(0.5) if isinstance(value, str) else value)


ANSWERS = {**{k: (lambda r, f=f: leafwise(r, f)) for k, f in LEAF_ANSWERS.items()}, **WHOLE_ANSWERS}


@pytest.mark.parametrize("how", sorted(ANSWERS))
@pytest.mark.parametrize(("assignment_name", "check"), CHECKS, ids=IDS)
def test_odd_but_well_formed_answers(assignment_name, check, how):
    """NaN, inf, huge, tiny, bools, 0-d arrays, zero-sized shapes, odd dicts, nested empties: judged, never raised."""
    result = judged(assignment_name, check.name, ANSWERS[how])
    if how in ("nan", "inf", "none", "nested-empty", "string"):
        assert result.status != "passed"
