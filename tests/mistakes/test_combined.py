"""Combined mistakes: a set is named only when each member is needed and together they explain every case."""

from __future__ import annotations

from autograder.grading import grade_namespace
from solutions import ps1


def graded(**replace) -> dict:
    ns = {k: v for k, v in vars(ps1).items() if callable(v)}
    ns.update(replace)
    return {r.name: r for r in grade_namespace("ps1", ns, student="combined")}


def test_a_pair_is_named_with_both_ids_and_each_part():
    """−1/N × backprop: sign-flipped and scaled, in that order, and the message says both."""
    r = graded(backprop=lambda X, *a: tuple(-g / len(X) for g in ps1.backprop(X, *a)))["backprop"]
    assert (r.status, r.mistake, r.mistakes) == ("failed", "sign-flipped", ["sign-flipped", "scaled"])
    assert "two mistakes" in r.message and "1/N" in r.message


def test_one_mistake_alone_is_never_reported_as_a_combination():
    """A plain −1× backprop is sign-flipped alone: mistakes has one id."""
    r = graded(backprop=lambda *a: tuple(-g for g in ps1.backprop(*a)))["backprop"]
    assert r.mistakes == ["sign-flipped"]


def test_a_change_no_member_explains_names_nothing():
    """A backprop off by 3× in dW1 only is not a combination of catalogue mistakes."""
    def off(*a):
        dW1, db1, dW2, db2 = ps1.backprop(*a)
        return 3 * dW1, db1, dW2, -db2
    r = graded(backprop=off)["backprop"]
    assert (r.mistake, r.mistakes) == (None, [])


def test_a_missing_sigma_prime_pairs_with_a_flipped_sign():
    """δ2 = Y − A2 with no σ' (the perceptron rule): derivative-missing and sign-flipped."""
    def backprop(X, Y, W1, b1, W2, b2):
        Z1, A1, Z2, A2 = ps1.forward(X, W1, b1, W2, b2)
        d2 = Y - A2
        d1 = d2 @ W2.T * ps1.sigmoid_derivative(Z1)
        return X.T @ d1, d1.sum(axis=0), A1.T @ d2, d2.sum(axis=0)
    r = graded(backprop=backprop)["backprop"]
    assert r.mistakes == ["derivative-missing", "sign-flipped"], r.message
    assert "output layer" in r.message


def test_a_loss_summed_by_rows_without_its_half():
    """sum((A2 − Y)²) with the built-in sum: builtin-sum and scaled (2×)."""
    r = graded(loss=lambda Y, A2: sum((A2 - Y) ** 2))["loss"]
    assert (r.status, r.mistakes) == ("failed", ["builtin-sum", "scaled"]), r.message
    assert "2×" in r.message
