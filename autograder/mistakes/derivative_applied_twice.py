"""derivative-applied-twice: σ'(σ(z)), an activation passed where the pre-activation belongs."""

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import SIGMA_PRIME_USERS, sigma_prime_where, wrong_sigma_prime
from solutions import ps1


def sigma_prime_of_sigma(z):
    return ps1.sigmoid_derivative(ps1.sigmoid(z))


def recognise(ev: Answers) -> Finding | None:
    where = sigma_prime_where(ev, sigma_prime_of_sigma)
    if not where:
        return None
    if ev.name == "sigmoid_derivative":
        msg = ("sigmoid_derivative(z) returned σ'(σ(z)): it applies σ before differentiating, as if handed an "
               "activation — z is the pre-activation, return σ(z)·(1−σ(z))")
    else:
        msg = (f"{ev.name} applies σ' to an activation in {where}: σ'(σ(z)) instead of σ'(z) — pass the "
               f"pre-activation (Z2 for δ2, Z1 for δ1) to sigmoid_derivative, not A2 or A1")
    return Finding("derivative-applied-twice", msg, {"where": where})


PUBLIC = ("this is what σ'(σ(z)) gives — σ' was handed an activation (A2 or A1) where the pre-activation "
          "(Z2 or Z1) belongs")


BASE = "σ' applied to an activation, σ'(σ(z)), in {where}"  # in a combination

MISTAKE = Mistake("derivative-applied-twice", SIGMA_PRIME_USERS, recognise,
                  **wrong_sigma_prime(sigma_prime_of_sigma, PUBLIC, BASE, places=1))
