"""derivative-of-activation: σ'(z) computed as z·(1−z), as if z were the activation."""

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import SIGMA_PRIME_USERS, sigma_prime_where, wrong_sigma_prime


def sigma_prime_of_activation(z):
    """The learner's σ': right only for an activation a = σ(z), wrong for z."""
    return z * (1 - z)


def recognise(ev: Answers) -> Finding | None:
    where = sigma_prime_where(ev, sigma_prime_of_activation)
    if not where:
        return None
    if ev.name == "sigmoid_derivative":
        msg = ("sigmoid_derivative(z) returned z·(1−z), which is σ'(z) only when its input is already the "
               "activation σ(z) — but z is the pre-activation: compute s = sigmoid(z) and return s·(1−s)")
    else:
        msg = (f"{ev.name} gives exactly what it gives when σ'(z) is computed as z·(1−z) ({where}): your "
               f"derivative treats the pre-activation as an activation — σ'(z) = σ(z)·(1−σ(z)); fix "
               f"sigmoid_derivative")
    return Finding("derivative-of-activation", msg, {"where": where})


PUBLIC = ("this is what σ'(z) = z·(1−z) gives — that formula is for an activation a = σ(z); z here is the "
          "pre-activation: use σ(z)·(1−σ(z))")


BASE = "σ'(z) computed as z·(1−z) in {where}"  # in a combination

MISTAKE = Mistake("derivative-of-activation", SIGMA_PRIME_USERS, recognise,
                  **wrong_sigma_prime(sigma_prime_of_activation, PUBLIC, BASE, places=1))
