"""Calls a student's function on its hidden cases: runs where the student's code runs.

Everything it returns is plain data (`autograder.plain`): for each case, the value
returned or the exception raised, and the positions of the arguments the call changed
as this process saw them. It judges nothing; the grader compares in its own process,
and in the sandbox the supervisor establishes changed arguments itself (`sandbox.shared`).
"""

from __future__ import annotations

import copy
import warnings

import numpy as np

from autograder.plain import to_plain


def _error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _args_changed(before: tuple, after: tuple) -> list[int]:
    """Positions of the arguments that differ, as plain data, from their copies taken before the call."""
    return [i for i, (b, a) in enumerate(zip(before, after)) if not callable(a) and to_plain(b) != to_plain(a)]


def run_function(fn, cases: list, materialize=None) -> list[dict]:
    """Outcomes of fn on each case: {'value' | 'error', 'changed'}.

    `materialize(i, case)` gives case i's arguments (default: `case.materialize()`).
    """
    outcomes = []
    for i, case in enumerate(cases):
        if outcomes and outcomes[-1].get("error", "").startswith("MemoryError"):
            outcomes.append({"error": "MemoryError (not run: the previous case exhausted memory)", "changed": []})
            continue
        args, kwargs = materialize(i, case) if materialize else case.materialize()
        before = tuple(None if callable(a) else copy.deepcopy(a) for a in args)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            try:
                out = {"value": to_plain(fn(*args, **kwargs))}
            except BaseException as exc:  # noqa: BLE001 - a student's SystemExit is theirs too
                out = {"error": _error(exc)}
        try:
            out["changed"] = _args_changed(before, args)
        except BaseException as exc:  # noqa: BLE001
            out["changed"] = []
            out.setdefault("error", _error(exc))
        outcomes.append(out)
    return outcomes


def run_check(namespace: dict, check_name: str, answer: bool, cases: list, materialize=None) -> dict:
    """The outcome of one check: {'missing': reason} or {'outcomes': [...]}."""
    if check_name not in namespace:
        return {"missing": f"`{check_name}` is not defined"}
    obj = namespace[check_name]
    if answer:
        return {"outcomes": [{"value": to_plain(obj), "changed": []}]}
    if not callable(obj):
        return {"missing": f"`{check_name}` is not a function (it is {type(obj).__name__})"}
    return {"outcomes": run_function(obj, cases, materialize)}
