"""Functions handed to the student's code as arguments (f, loss_fn, grad_fn).

A case holds an `Fn` spec (plain data); `build` turns it into a function wherever the
case is run. These are smooth analytic functions whose partial derivatives are all
different, so a wrong element, a transposed index or a one-sided difference shows.
They hold no reference solution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Fn:
    """A function by name and data: `build` makes it callable."""

    kind: str
    data: dict = field(default_factory=dict)


def scalar_field(C, w):
    """f(x) = Σ C·sin(x) + ½(Σ w·x)², a float."""
    C, w = np.asarray(C), np.asarray(w)
    return lambda x: float(np.sum(C * np.sin(x)) + 0.5 * np.sum(w * x) ** 2)


def scalar_field_grad(C, w, x):
    """The exact gradient of `scalar_field(C, w)` at x."""
    return C * np.cos(x) + np.sum(w * x) * w


def params_loss(C, w):
    """loss(params) = Σ over names of the scalar field of params[name]."""
    fields = {k: scalar_field(C[k], w[k]) for k in C}
    return lambda params: float(sum(fields[k](params[k]) for k in fields))


def params_grad(C, w, wrong=None):
    """grad(params): the exact gradient, or with one mistake ('scale:W1:2', 'sign:b2', 'shift:W2', 'swap:b1')."""

    def grad(params):
        g = {k: scalar_field_grad(C[k], w[k], params[k]) for k in C}
        if wrong:
            how, name, *arg = wrong.split(":")
            if how == "scale":
                g[name] = g[name] * float(arg[0])
            elif how == "sign":
                g[name] = -g[name]
            elif how == "shift":
                g[name] = g[name] + 1e-3 * np.max(np.abs(g[name]))
            elif how == "swap":
                g[name] = g[name][::-1].copy()
        return g

    return grad


BUILDERS = {
    "scalar_field": lambda d: scalar_field(d["C"], d["w"]),
    "params_loss": lambda d: params_loss(d["C"], d["w"]),
    "params_grad": lambda d: params_grad(d["C"], d["w"], d.get("wrong")),
}


def build(value):
    """A callable for an `Fn`; any other value unchanged."""
    return BUILDERS[value.kind](value.data) if isinstance(value, Fn) else value
