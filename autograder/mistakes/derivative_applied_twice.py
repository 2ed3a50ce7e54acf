"""derivative-applied-twice: σ'(σ(z)), an activation passed where the pre-activation belongs."""

from autograder.mistakes import Evidence, Finding
from autograder.mistakes.common import layer, matches_mutant, mutant_functions
from solutions import ps1


def sigma_prime_of_sigma(z):
    return ps1.sigmoid_derivative(ps1.sigmoid(z))


def _mutants():
    bad = sigma_prime_of_sigma
    yield "both layers", mutant_functions(sigmoid_derivative=bad)
    yield "the output layer (σ'(A2))", mutant_functions(output_delta=lambda Y, A2, Z2: (A2 - Y) * bad(Z2))
    yield "the hidden layer (σ'(A1))", mutant_functions(hidden_delta=lambda d2, W2, Z1: (d2 @ W2.T) * bad(Z1))


FUNCTIONS = {"sigmoid_derivative", "output_delta", "hidden_delta", "backprop", "train"}


def recognise(ev: Evidence) -> Finding | None:
    if ev.name not in FUNCTIONS:
        return None
    for where, fns in _mutants():
        if matches_mutant(ev, fns[ev.name]):
            where = layer(ev.name, where)
            if ev.name == "sigmoid_derivative":
                msg = ("sigmoid_derivative(z) returned σ'(σ(z)): it applies σ before differentiating, as if "
                       "handed an activation — z is the pre-activation, return σ(z)·(1−σ(z))")
            else:
                msg = (f"{ev.name} applies σ' to an activation in {where}: σ'(σ(z)) instead of σ'(z) — pass "
                       f"the pre-activation (Z2 for δ2, Z1 for δ1) to sigmoid_derivative, not A2 or A1")
            return Finding("derivative-applied-twice", msg, {"where": where})
    return None
