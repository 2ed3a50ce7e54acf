"""derivative-of-activation: σ'(z) computed as z·(1−z), as if z were the activation."""

from autograder.mistakes import Evidence, Finding
from autograder.mistakes.common import layer, matches_mutant, mutant_functions


def sigma_prime_of_activation(z):
    """The learner's σ': right only for an activation a = σ(z), wrong for z."""
    return z * (1 - z)


def _mutants():
    bad = sigma_prime_of_activation
    yield "both layers", mutant_functions(sigmoid_derivative=bad)
    yield "the output layer", mutant_functions(output_delta=lambda Y, A2, Z2: (A2 - Y) * bad(Z2))
    yield "the hidden layer", mutant_functions(hidden_delta=lambda d2, W2, Z1: (d2 @ W2.T) * bad(Z1))


FUNCTIONS = {"sigmoid_derivative", "output_delta", "hidden_delta", "backprop", "train"}


def recognise(ev: Evidence) -> Finding | None:
    if ev.name not in FUNCTIONS:
        return None
    for where, fns in _mutants():
        if matches_mutant(ev, fns[ev.name]):
            where = layer(ev.name, where)
            if ev.name == "sigmoid_derivative":
                msg = ("sigmoid_derivative(z) returned z·(1−z), which is σ'(z) only when its input is already "
                       "the activation σ(z) — but z is the pre-activation: compute s = sigmoid(z) and return "
                       "s·(1−s)")
            else:
                msg = (f"{ev.name} gives exactly what it gives when σ'(z) is computed as z·(1−z) "
                       f"({where}): your derivative treats the pre-activation as an activation — "
                       f"σ'(z) = σ(z)·(1−σ(z)); fix sigmoid_derivative")
            return Finding("derivative-of-activation", msg, {"where": where})
    return None

