"""The call graph, the sets worth trying and the right versions handed to the sandbox."""

from __future__ import annotations

import numpy as np

from autograder import inherit
from solutions import ps1


def test_reference_graph_is_read_from_the_code():
    """backprop calls the four ps1 steps; train and predict call ps1's network; nothing calls itself."""
    g = inherit.reference_graph()
    assert g["backprop"] == {"forward", "output_delta", "hidden_delta", "gradients"}
    assert g["output_delta"] == {"sigmoid_derivative"} and g["sigmoid"] == set()
    assert g["gradient_check"] == {"numerical_gradient", "relative_error"}
    assert {"backprop", "forward", "loss"} <= g["train"] and g["predict"] == {"forward"}


def test_student_graph_follows_the_students_code():
    """A backprop that inlines output_delta but calls sigmoid_derivative relies on that instead; the last def wins."""
    cells = ["def backprop(X, Y, W1, b1, W2, b2):\n    return output_delta(Y, X, X)",
             "def backprop(X, Y, W1, b1, W2, b2):\n    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)\n"
             "    return (A2 - Y) * sigmoid_derivative(Z2)", "def broken(:"]
    assert inherit.student_graph(cells) == {"backprop": {"forward", "sigmoid_derivative"}}


def test_the_deepest_smallest_set_comes_first():
    """carol's backprop: σ' alone before output_delta or hidden_delta; pairs only after every single one."""
    g = inherit.reference_graph()
    sets = inherit.candidate_sets("backprop", g, {"sigmoid_derivative", "output_delta", "hidden_delta"})
    assert sets[0] == ("sigmoid_derivative",)
    assert [len(s) for s in sets] == sorted(len(s) for s in sets) and len(sets) == 7
    assert inherit.candidate_sets("backprop", g, {"loss", "sgd_step"}) == []  # wrong, but not relied on


def test_right_versions_define_only_what_they_need():
    """The code handed over defines the functions asked for and their reference helpers, and nothing else."""
    code = inherit.right_versions(("output_delta",))
    ns: dict = {}
    exec(code, ns)  # noqa: S102 - the kit's own reference text
    assert {k for k in ns if not k.startswith("__")} == {"np", "output_delta", "sigmoid_derivative", "sigmoid"}
    Y, A2, Z2 = np.ones((5, 2)), np.full((5, 2), 0.3), np.linspace(-2, 2, 10).reshape(5, 2)
    assert np.array_equal(ns["output_delta"](Y, A2, Z2), ps1.output_delta(Y, A2, Z2))
    assert "backprop" not in code and "solutions" not in code


def test_explanations_name_the_root_and_the_way_to_it():
    """dan: two wrong callees, named with their mistakes; carol: σ' reached through output_delta."""
    g = inherit.reference_graph()
    dan = inherit.explain("backprop", [{"function": "output_delta", "mistake": "sign-flipped"},
                                       {"function": "gradients", "mistake": "kept-dims"}], g)
    assert dan == ("backprop is right: it fails only because it calls your output_delta (sign-flipped) and your "
                   "gradients (kept-dims) — fix those two and it passes")
    carol = inherit.explain("output_delta", [{"function": "sigmoid_derivative", "mistake": None}], g)
    assert carol.endswith("calls your sigmoid_derivative — fix that one and it passes")
    deep = inherit.explain("backprop", [{"function": "sigmoid_derivative", "mistake": "derivative-of-activation"}], g)
    assert "your hidden_delta, which calls your sigmoid_derivative (derivative-of-activation)" in deep
    both = inherit.explain("backprop", [{"function": "sigmoid_derivative", "mistake": None},
                                        {"function": "hidden_delta", "mistake": None}], g)
    assert both == ("backprop is right: it fails only because it calls your hidden_delta and your "
                    "sigmoid_derivative (through your hidden_delta) — fix those two and it passes")


def test_functions_calling_each_other_in_a_circle_inherit_nothing():
    """sigmoid on top of sigmoid_derivative on top of sigmoid: neither works, so neither is said to inherit."""
    g = {**inherit.reference_graph(), **inherit.student_graph([
        "def sigmoid(z):\n    return sigmoid_derivative(z)", "def sigmoid_derivative(z):\n    return sigmoid(z)",
        "def output_delta(Y, A2, Z2):\n    return hidden_delta(A2 - Y, A2, Z2)",
        "def hidden_delta(d, W2, Z1):\n    return output_delta(0, d, Z1)"])}
    wrong = {"sigmoid", "sigmoid_derivative", "output_delta", "hidden_delta"}
    assert inherit.candidate_sets("sigmoid", g, wrong) == []
    assert inherit.candidate_sets("output_delta", g, wrong) == []  # it calls hidden_delta, which the reference never
    assert all("output_delta" not in s for s in inherit.candidate_sets("hidden_delta", g, wrong))
