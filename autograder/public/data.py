"""public_cases.json: the public cases of each function, the right outputs, and mistakes' outputs.

The cases are the worked example (or a small fixed case) and one awkward case drawn with a
fixed public seed — never a student's hidden inputs. Next to each right output stand the
outputs of common mistakes, so the student's checker can name a mistake by comparing
numbers, without any reference code.
"""

from __future__ import annotations

import pickle

import numpy as np

from autograder import mistakes
from autograder.assignments import get, reference_modules
from autograder.cases import shared_seed
from autograder.checks import Check
from autograder.inherit import reference_graph, relied_on
from autograder.mistakes.common import call_quiet as _quiet
from autograder.mistakes.common import rebind, taken
from autograder.plain import Arr, Map, Num, Seq, from_plain
from autograder.sandbox import casefns

PUBLIC_SEED = 20251121
CASES_PER_FUNCTION = 2
MAX_CALLS = 12  # a function whose reference makes more calls to its helpers (train) ships none

def _mutants(check: Check):
    """(id, sentence, output of a case) for each wrong variant of the reference that can show in this function,
    mistake by mistake in the order the hidden tests try them."""
    for mistake in mistakes.registry():
        if mistake.applies(check.name):
            for message, fn in mistake.public(check):
                yield mistake.id, message, fn


def _leaves(value) -> list:
    if isinstance(value, tuple | list):
        return [x for v in value for x in _leaves(v)]
    if isinstance(value, dict):
        return [x for k in sorted(value) for x in _leaves(value[k])]
    return [np.asarray(value, dtype=np.float64)]


def differs(a, b, rtol: float = 1e-9, atol: float = 1e-15) -> bool:
    """True unless a and b have the same leaves with the same shapes and (nearly) the same values."""
    la, lb = _leaves(a), _leaves(b)
    return len(la) != len(lb) or any(x.shape != y.shape or not np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True)
                                     for x, y in zip(la, lb))


def encode(value):
    """JSON for numbers, arrays, tuples, dicts and casefns.Fn specs."""
    if isinstance(value, casefns.Fn):
        return {"fn": value.kind, "data": {k: encode(v) for k, v in value.data.items()}}
    if isinstance(value, dict):
        return {"dict": {k: encode(v) for k, v in value.items()}}
    if isinstance(value, tuple | list) and not all(isinstance(v, int | float) for v in value):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, np.ndarray) or isinstance(value, list):
        a = np.asarray(value)
        return {"array": a.tolist(), "dtype": "int" if a.dtype.kind in "biu" else "float"}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _nudged(value):
    """The value with every float array off by one part in 10¹² (a different machine's rounding)."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value * (1 + 1e-12)
    if isinstance(value, tuple | list):
        return type(value)(_nudged(v) for v in value)
    if isinstance(value, dict):
        return {k: _nudged(v) for k, v in value.items()}
    return value


STABLE_RTOL = 1e-7  # how far a nudge of 1e-12 may move a stable mutant's output: up to 10⁵ times the nudge


def stable(fn, case, out) -> bool:
    """Whether `fn`'s output on `case` survives rounding: a mutant that flips with the last digits of its
    inputs (a threshold trained over hundreds of epochs) would name a mistake on one machine and not another.

    The nudge of one part in 10¹² moves a smooth mutant's output by at most about 10³ times that (training
    amplifies it), a flipping one's by far more than 10⁵ times: the line between them is drawn in that gap,
    not at `differs`' own 1e-9, where one machine's rounding put a training mutant on one side and another's
    on the other."""
    nudged = type(case)(case.label, _nudged(case.args), _nudged(case.kwargs))
    again = fn(nudged)
    return again is not None and not differs(out, again, rtol=STABLE_RTOL, atol=100 * 1e-15)


def _encodable(value) -> bool:
    if isinstance(value, tuple | list):
        return all(_encodable(v) for v in value)
    if isinstance(value, dict):
        return all(_encodable(v) for v in value.values())
    return isinstance(value, np.ndarray | int | float | np.generic) and not isinstance(value, bool)


def helper_calls(check: Check, helpers: set[str], case) -> list | None:
    """The calls the reference makes, on `case`, to the graded functions it relies on: [(name, args, output)],
    every level recorded; None when there are too many or their values are not plain numbers.

    The public checker answers these calls (and only these) with the right outputs, in place of the
    student's functions, to see whether a failing function is right on top of right helpers.
    """
    calls = []
    modules = reference_modules()
    namespaces = {m.__name__: rebind(m) for m in modules}
    links = [(namespaces[m.__name__], name, source) for m in modules for name, source in taken(m, namespaces).items()]

    def recorder(name, fn):
        def call(*args):
            out = fn(*[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
            calls.append((name, args, out))
            return out
        return call

    for ns in namespaces.values():
        for name in helpers & set(ns):
            ns[name] = recorder(name, ns[name])
    for ns, name, source in links:  # a function one module takes from another: that one's, recorded there
        ns[name] = namespaces[source][name]
    fn = next(ns[check.name] for ns in namespaces.values() if check.name in ns)
    if _quiet(fn, case) is None or len(calls) > MAX_CALLS:
        return None
    if not all(_encodable(list(args)) and _encodable(out) for _, args, out in calls):
        return None
    return [{"function": name, "args": [encode(a) for a in args], "output": encode(out)} for name, args, out in calls]


def relies_on(check: Check, graded: set[str]) -> dict[str, int]:
    """The assignment's graded functions the reference of `check` relies on, with their depth (by name: the same
    file on every run, whatever order the call graph's sets iterate in)."""
    return {f: d for f, d in sorted(relied_on(check.name, reference_graph()).items()) if f in graded}


def public_cases(check: Check) -> list:
    with shared_seed(PUBLIC_SEED):
        return check.cases(np.random.default_rng(PUBLIC_SEED))[:CASES_PER_FUNCTION]


def _value(v):
    """A judged value (autograder.plain's model) as numbers, tuples and dicts again."""
    if isinstance(v, Arr):
        return v.a
    if isinstance(v, Num):
        return v.v
    if isinstance(v, Seq):
        return tuple(_value(i) for i in v.items)
    if isinstance(v, Map):
        return {k: _value(i) for k, i in v.items.items()}
    return None


def course_mutants(check: Check, case, course_mistakes: tuple) -> list[dict]:
    """The course's own mistakes of this function (`bpkit label`) that the public case can show: those whose
    defining answer was given on this very case — a public case that is also shared by every student's hidden
    cases (the worked example). Marked `course`: they are known on this case only."""
    mine = [lab for lab in course_mistakes if lab.function == check.name and case.label in lab.answers]
    if not mine:
        return []
    hidden = {c.label: c for c in check.cases(np.random.default_rng(0))}  # the shared ones: the same in any draw
    if case.label not in hidden or pickle.dumps((hidden[case.label].args, hidden[case.label].kwargs)) != \
            pickle.dumps((case.args, case.kwargs)):
        return []
    out = []
    for lab in mine:
        value = _value(from_plain(lab.answers[case.label]))
        if value is not None:
            out.append({"mistake": lab.id, "message": lab.message, "output": encode(value), "course": True})
    return out


def public_data(assignment_name: str, course_mistakes: tuple = ()) -> dict:
    """Everything the public checker needs for one assignment, as JSON-able data (with the course's own mistakes
    where a public case can show them)."""
    functions = {}
    checks = get(assignment_name).checks
    graded = {c.name for c in checks if not c.answer}
    for check in checks:
        helpers = relies_on(check, graded)
        if check.answer:
            functions[check.name] = {"answer": True, "choices": list(check.choices)}
            continue
        cases = []
        for case in public_cases(check):
            expected = _quiet(check.reference, case)
            mutants, outs = [], []
            for mistake, message, fn in _mutants(check):
                out = fn(case)
                if out is None or not differs(out, expected) or not stable(fn, case, out):
                    continue
                if any(m["mistake"] == mistake and not differs(out, o) for m, o in zip(mutants, outs)):
                    continue  # the same output of the same mistake (σ' left out in δ2: output_delta's both variants)
                mutants.append({"mistake": mistake, "message": message, "output": encode(out)})
                outs.append(out)
            mutants += course_mutants(check, case, course_mistakes)
            calls = helper_calls(check, set(helpers), case) if helpers and not case.kwargs else None
            cases.append({"label": case.label, "args": [encode(a) for a in case.args],
                          "kwargs": {k: encode(v) for k, v in case.kwargs.items()},
                          "expected": encode(expected), "mutants": mutants,
                          **({"calls": calls} if calls else {})})
        tol = check.tolerance
        functions[check.name] = {"cases": cases, "restores_input": check.restores_input, "tiny": check.tiny,
                                 "tolerance": {"rtol": tol.rtol, "atol": tol.atol, "floor": tol.floor},
                                 **({"relies_on": helpers} if helpers and all("calls" in c for c in cases)
                                    else {})}
    return {"assignment": assignment_name, "functions": functions}
