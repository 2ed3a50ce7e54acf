"""Evidence for the reports: per-part relative errors, and the hooks a Check names (`evidence=`): the eps
curve, the loss curves.

Numbers only, computed from what the judge already has; never reference code or
hidden inputs beyond labels and shapes.
"""

from __future__ import annotations

import inspect

import numpy as np

from autograder.checks import Check
from autograder.mistakes.common import leaf_names, paired_leaves
from autograder.plain import Arr, Num, Seq
from autograder.sandbox import casefns


def rel(a: np.ndarray, b: np.ndarray) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are zero."""
    d = float(np.linalg.norm(a) + np.linalg.norm(b))
    return float(np.linalg.norm(a - b) / d) if d else 0.0


def part_errors(check: Check, student, expected) -> dict[str, float]:
    """Relative error of each part (dW1, db1 …) whose shape is right."""
    pair = paired_leaves(student, expected) if student is not None else None
    if pair is None:
        return {}
    out = {}
    for name, s, e in zip(leaf_names(check, expected), *pair):
        if s.shape == e.shape and np.all(np.isfinite(s)):
            out[name] = rel(s, e)
    return out


def argument(check: Check, case, name: str):
    """The argument `name` of a case, by the reference's signature (its default when the case leaves it out)."""
    bound = inspect.signature(check.reference).bind(*case.args, **case.kwargs)
    bound.apply_defaults()
    return bound.arguments[name]


def eps_curve(check: Check, cases, students, expected) -> dict:
    """numerical_gradient's evidence: its error against the exact gradient at each case's eps, and the
    reference's, as {'eps_curve': points by eps}."""
    points = []
    for case, s, e in zip(cases, students, expected):
        f, x, eps = (argument(check, case, a) for a in ("f", "x", "eps"))
        exact = casefns.scalar_field_grad(np.asarray(f.data["C"]), np.asarray(f.data["w"]), x)
        point = {"eps": float(eps), "reference_error": rel(e.a, exact)}
        if isinstance(s, Arr) and s.a.shape == exact.shape and np.all(np.isfinite(s.a)):
            point["student_error"] = rel(s.a, exact)
        points.append(point)
    return {"eps_curve": sorted(points, key=lambda p: p["eps"])}


def loss_curves(check: Check, cases, students, expected) -> dict:
    """train's evidence: the student's and the reference's losses on the longest case, as {'losses': …}."""
    best = None
    for case, s, e in zip(cases, students, expected):
        if not (isinstance(e, Seq) and len(e.items) == 2):
            continue
        epochs = int(argument(check, case, "epochs"))
        stu = leaf_values(s.items[1]) if isinstance(s, Seq) and len(s.items) == 2 else None
        if best is None or epochs > best["epochs"]:
            best = {"label": case.label, "epochs": epochs, "reference": leaf_values(e.items[1]), "student": stu}
    return {"losses": best}


def leaf_values(v) -> list[float] | None:
    """A 1-d list of floats from an array or a sequence of numbers (strings and the like are left out)."""
    if isinstance(v, Arr):
        return [float(x) for x in np.ravel(v.a)]
    if isinstance(v, Seq):
        return [float(i.v) for i in v.items if isinstance(i, Num)]
    return None
