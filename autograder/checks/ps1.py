"""ps1 checks: the network, its loss, the deltas, the gradient and one SGD step (17 points)."""

import inspect

from autograder.cases import ps1 as cases
from autograder.checks import Check
from solutions import ps1 as ref

# The network's notation (ASSIGNMENTS.md): N samples, D inputs, H hidden units, K outputs.
NOTATION = {"X": "ND", "Y": "NK", "W1": "DH", "W2": "HK", "Z1": "NH", "A1": "NH", "Z2": "NK", "A2": "NK",
            "delta1": "NH", "delta2": "NK"}
PARAMS = {"W1": "DH", "b1": "H", "W2": "HK", "b2": "K"}  # a parameter set, as a tuple or a dict
GRADIENT = ("dW1", "db1", "dW2", "db2")


def axes(fn, **more) -> dict:
    """The axes of `fn`'s arguments that the notation names (and `more`)."""
    known = {**NOTATION, **more}
    return {name: known[name] for name in inspect.signature(fn).parameters if name in known}


CHECKS = [
    Check("sigmoid", 1, ref.sigmoid, cases.sigmoid),
    Check("sigmoid_derivative", 2, ref.sigmoid_derivative, cases.sigmoid_derivative),
    Check("forward", 2, ref.forward, cases.forward, parts=("Z1", "A1", "Z2", "A2"), axes=axes(ref.forward)),
    Check("loss", 1, ref.loss, cases.loss, axes=axes(ref.loss)),
    Check("output_delta", 2, ref.output_delta, cases.output_delta, axes=axes(ref.output_delta)),
    Check("hidden_delta", 2, ref.hidden_delta, cases.hidden_delta, axes=axes(ref.hidden_delta)),
    Check("gradients", 2, ref.gradients, cases.gradients, parts=GRADIENT, axes=axes(ref.gradients)),
    Check("backprop", 3, ref.backprop, cases.backprop, parts=GRADIENT, axes=axes(ref.backprop)),
    Check("sgd_step", 2, ref.sgd_step, cases.sgd_step, parts=tuple(PARAMS), axes=axes(ref.sgd_step, params=PARAMS)),
]
