"""Calls a student's function on its hidden cases: runs where the student's code runs.

Everything it returns is plain data (`autograder.plain`): for each case, the value
returned or the exception raised, and the arguments as they were after the call.
It judges nothing; the grader compares in its own process.
"""

from __future__ import annotations

import warnings

import numpy as np

from autograder.plain import to_plain


def _error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _args_after(args: tuple) -> list:
    return [None if callable(a) else to_plain(a) for a in args]


def run_function(fn, cases: list) -> list[dict]:
    """Outcomes of fn on each case: {'value' | 'error', 'args_after'}."""
    outcomes = []
    for case in cases:
        if outcomes and outcomes[-1].get("error", "").startswith("MemoryError"):
            outcomes.append({"error": "MemoryError (not run: the previous case exhausted memory)",
                             "args_after": None})
            continue
        args, kwargs = case.materialize()
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                out = {"value": to_plain(fn(*args, **kwargs))}
            except BaseException as exc:  # noqa: BLE001 - a student's SystemExit is theirs too
                out = {"error": _error(exc)}
        try:
            out["args_after"] = _args_after(args)
        except BaseException as exc:  # noqa: BLE001
            out["args_after"] = None
            out.setdefault("error", _error(exc))
        outcomes.append(out)
    return outcomes


def run_check(namespace: dict, check_name: str, answer: bool, cases: list) -> dict:
    """The outcome of one check: {'missing': reason} or {'outcomes': [...]}."""
    if check_name not in namespace:
        return {"missing": f"`{check_name}` is not defined"}
    obj = namespace[check_name]
    if answer:
        return {"outcomes": [{"value": to_plain(obj), "args_after": []}]}
    if not callable(obj):
        return {"missing": f"`{check_name}` is not a function (it is {type(obj).__name__})"}
    return {"outcomes": run_function(obj, cases)}
