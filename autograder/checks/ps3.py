"""ps3 checks: initialisation, training and prediction (8 points)."""

from autograder.cases import ps3 as cases
from autograder.checks import Check
from autograder.checks.ps1 import PARAMS, axes
from autograder.evidence import loss_curves
from solutions import ps3 as ref

CHECKS = [
    Check("init_params", 2, ref.init_params, cases.init_params),
    Check("train", 4, ref.train, cases.train, axes=axes(ref.train, params=PARAMS), evidence=loss_curves),
    Check("predict", 2, ref.predict, cases.predict, axes=axes(ref.predict, params=PARAMS)),
]
