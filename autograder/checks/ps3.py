"""ps3 checks: initialisation, training and prediction (8 points)."""

from autograder.cases import ps3 as cases
from autograder.checks import Check
from solutions import ps3 as ref

CHECKS = [
    Check("init_params", 2, ref.init_params, cases.init_params),
    Check("train", 4, ref.train, cases.train),
    Check("predict", 2, ref.predict, cases.predict),
]
