"""public_cases.json: the public cases of each function, the right outputs, and mistakes' outputs.

The cases are the worked example (or a small fixed case) and one awkward case drawn with a
fixed public seed — never a student's hidden inputs. Next to each right output stand the
outputs of common mistakes, so the student's checker can name a mistake by comparing
numbers, without any reference code.
"""

from __future__ import annotations

import pickle
import warnings

import numpy as np

from autograder.cases import shared_seed
from autograder.checks import Check, assignment
from autograder.inherit import reference_graph, relied_on
from autograder.mistakes import builtin_sum, derivative_missing, sigmoid_precedence
from autograder.mistakes.bias_not_summed import deltas
from autograder.mistakes.builtin_sum import loss_by_rows, relative_error_by_rows
from autograder.mistakes.common import mutant_functions, rebind, sigma_prime_mutants
from autograder.mistakes.derivative_applied_twice import sigma_prime_of_sigma
from autograder.mistakes.derivative_of_activation import sigma_prime_of_activation
from autograder.mistakes.forward_difference import one_sided
from autograder.mistakes.lr_not_applied import train_updating
from autograder.mistakes.wrong_element import shifted
from autograder.plain import Arr, Map, Num, Seq, from_plain
from autograder.sandbox import casefns
from solutions import ps1, ps2, ps3

PUBLIC_SEED = 20251121
CASES_PER_FUNCTION = 2
MAX_CALLS = 12  # a function whose reference makes more calls to its helpers (train) ships none

SAY = {
    "derivative-of-activation": "this is what σ'(z) = z·(1−z) gives — that formula is for an activation "
                                "a = σ(z); z here is the pre-activation: use σ(z)·(1−σ(z))",
    "derivative-applied-twice": "this is what σ'(σ(z)) gives — σ' was handed an activation (A2 or A1) where "
                                "the pre-activation (Z2 or Z1) belongs",
    "derivative-missing": "this is what a delta without σ' gives — A2 − Y is the cross-entropy loss's output "
                          "delta; for E = ½·Σ(A2 − Y)² multiply by σ'(Z2) (and δ2 W2ᵀ by σ'(Z1))",
    "sigmoid-precedence": "this is what σ computed as `1 / 1 + np.exp(-z)` gives, 1 + e^(−z) — division binds "
                          "tighter than +: write 1 / (1 + np.exp(-z))",
    "builtin-sum": "this is what Python's built-in sum gives: on a 2-d array it adds up the rows only (axis 0) — "
                   "use np.sum, which adds every element",
    "sign-flipped": "this is exactly the negative of the right answer — check the order (A2 − Y, "
                    "f(x+eps) − f(x−eps)) and that a descent step subtracts",
    "scaled-2": "this is exactly 2× the right answer — the ½ of E = ½·Σ(A2 − Y)² is missing",
    "scaled-1/N": "this is exactly 1/N × the right answer — a mean over the samples where E sums",
    "scaled-mse": "this is the mean squared error — E is ½·sum((A2 − Y)²), not mean((A2 − Y)²)",
    "scaled-eps": "this is exactly 2× the right answer — divide by 2·eps, not eps",
    "transposed": "these are the right numbers, transposed — a weight gradient has its weight's shape",
    "kept-dims": "right values, but with an extra axis of length 1 — drop keepdims=True",
    "bias-not-summed": "the bias gradient is not summed over the samples — use delta.sum(axis=0)",
    "thresholded-output": "the error is computed from 0/1 predictions (A2 > 0.5) — use A2 itself",
    "lr-not-applied": "a parameter moved by its whole gradient — multiply the gradient by lr",
    "forward-difference": "this is a one-sided difference — use (f(x+eps) − f(x−eps)) / (2·eps)",
    "wrong-element": "the partial derivatives are in the wrong places — perturb x[ix] and write grad[ix]",
}


def _quiet(fn, case):
    args, kwargs = case.materialize()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return fn(*args, **kwargs)
        except Exception:  # noqa: BLE001 - a mutant that does not apply is left out
            return None


def _leafmap(value, f):
    if isinstance(value, tuple | list):
        return tuple(_leafmap(v, f) for v in value)
    if isinstance(value, dict):
        return {k: _leafmap(v, f) for k, v in value.items()}
    return f(np.asarray(value, dtype=np.float64))


def _unsummed(name: str, case, grads):
    delta1, delta2 = deltas(name, case)
    return grads[0], delta1, grads[2], delta2


def _mutants(check: Check):
    """(id, key of SAY, function of a case) for the mistakes that can show in this function."""
    name, ref = check.name, check.reference
    subs = [
        ("derivative-of-activation", mutant_functions(sigmoid_derivative=sigma_prime_of_activation)),
        ("derivative-applied-twice", mutant_functions(sigmoid_derivative=sigma_prime_of_sigma)),
        ("thresholded-output", mutant_functions(
            loss=lambda Y, A2: float(0.5 * np.sum(((A2 > 0.5) - Y) ** 2)),
            output_delta=lambda Y, A2, Z2: ((A2 > 0.5) - Y) * ps1.sigmoid_derivative(Z2))),
        ("forward-difference", mutant_functions(numerical_gradient=one_sided(1))),
        ("wrong-element", mutant_functions(numerical_gradient=shifted(1))),
        ("builtin-sum", mutant_functions(loss=loss_by_rows, relative_error=relative_error_by_rows)),
    ]
    subs += [("derivative-missing", fns) for _, fns in sigma_prime_mutants(derivative_missing.no_sigma_prime)]
    subs += [("sigmoid-precedence", fns) for *_, bad in sigmoid_precedence.SLIPS
             for _, fns in sigmoid_precedence.sigmoid_mutants(bad)]
    only = {"derivative-missing": derivative_missing.FUNCTIONS, "sigmoid-precedence": sigmoid_precedence.USERS,
            "builtin-sum": set(builtin_sum.SAYS)}  # where the hidden tests name them too
    for mistake, fns in subs:
        if name in fns and name in only.get(mistake, fns):
            yield mistake, mistake, (lambda case, f=fns[name]: _quiet(f, case))
    plain = lambda case: _quiet(ref, case)  # noqa: E731
    if name in ("output_delta", "hidden_delta", "gradients", "backprop", "numerical_gradient"):
        yield "sign-flipped", "sign-flipped", lambda case: _leafmap(plain(case), lambda a: -a)
    if name in ("loss", "gradients", "backprop", "output_delta"):
        yield "scaled", "scaled-2", lambda case: _leafmap(plain(case), lambda a: 2 * a)
    if name == "loss":
        yield "scaled", "scaled-mse", lambda case: 2 * plain(case) / case.args[0].size
    if name in ("gradients", "backprop"):
        yield "scaled", "scaled-1/N", lambda case: _leafmap(plain(case), lambda a: a / len(case.args[0]))
        yield "transposed", "transposed", lambda case: _leafmap(plain(case), lambda a: a.T)
        yield "kept-dims", "kept-dims", lambda case: _leafmap(plain(case), lambda a: a[None] if a.ndim == 1 else a)
    if name in ("gradients", "backprop"):
        yield "bias-not-summed", "bias-not-summed", lambda case: _unsummed(name, case, plain(case))
    if name == "numerical_gradient":
        yield "scaled", "scaled-eps", lambda case: 2 * plain(case)
    if name == "loss":
        yield "kept-dims", "kept-dims", lambda case: np.array([[plain(case)]])
    if name == "sgd_step":
        yield "lr-not-applied", "lr-not-applied", lambda case: tuple(p - g for p, g in zip(*case.args[:2]))
        yield "sign-flipped", "sign-flipped", lambda case: tuple(
            p + case.args[2] * g for p, g in zip(*case.args[:2]))
    if name == "train":
        yield "lr-not-applied", "lr-not-applied", lambda case: _quiet(
            train_updating(lambda n, p, g, lr: p - g), case)


def _leaves(value) -> list:
    if isinstance(value, tuple | list):
        return [x for v in value for x in _leaves(v)]
    if isinstance(value, dict):
        return [x for k in sorted(value) for x in _leaves(value[k])]
    return [np.asarray(value, dtype=np.float64)]


def differs(a, b) -> bool:
    """True unless a and b have the same leaves with the same shapes and (nearly) the same values."""
    la, lb = _leaves(a), _leaves(b)
    return len(la) != len(lb) or any(x.shape != y.shape or not np.allclose(x, y, rtol=1e-9, atol=1e-15, equal_nan=True)
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


def stable(fn, case, out) -> bool:
    """Whether `fn`'s output on `case` survives rounding: a mutant that flips with the last digits of its
    inputs (a threshold trained over hundreds of epochs) would name a mistake on one machine and not another."""
    nudged = type(case)(case.label, _nudged(case.args), _nudged(case.kwargs))
    again = fn(nudged)
    return again is not None and not differs(out, again)


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
    calls, namespaces = [], {}
    for module in (ps1, ps2, ps3):
        namespaces[module.__name__] = rebind(module)

    def recorder(name, fn):
        def call(*args):
            out = fn(*[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
            calls.append((name, args, out))
            return out
        return call

    for ns in namespaces.values():
        for name in helpers & set(ns):
            ns[name] = recorder(name, ns[name])
    ns3 = namespaces[ps3.__name__]
    for name in ("forward", "backprop", "loss"):
        ns3[name] = namespaces[ps1.__name__][name]
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
    graded = {c.name for c in assignment(assignment_name) if not c.answer}
    for check in assignment(assignment_name):
        helpers = relies_on(check, graded)
        if check.answer:
            functions[check.name] = {"answer": True, "choices": ["W1", "b1", "W2", "b2"]}
            continue
        cases = []
        for case in public_cases(check):
            expected = _quiet(check.reference, case)
            mutants, outs = [], []
            for mistake, say, fn in _mutants(check):
                out = fn(case)
                if out is None or not differs(out, expected) or not stable(fn, case, out):
                    continue
                if any(m["mistake"] == mistake and not differs(out, o) for m, o in zip(mutants, outs)):
                    continue  # the same output of the same mistake (σ' left out in δ2: output_delta's both variants)
                mutants.append({"mistake": mistake, "message": SAY[say], "output": encode(out)})
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
