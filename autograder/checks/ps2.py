"""ps2 checks: numerical gradient, relative error, gradient check and the mystery bug (12 points)."""

from autograder.cases import ps2 as cases
from autograder.checks import Check
from autograder.checks.ps1 import PARAMS
from autograder.evidence import eps_curve
from autograder.tolerance import Tolerance
from solutions import ps2 as ref

BUGGY_PARAMETER = "W2"  # the one wrong gradient of the notebook's mystery_backprop

CHECKS = [
    Check("numerical_gradient", 4, ref.numerical_gradient, cases.numerical_gradient,
          tolerance=Tolerance(rtol=1e-6, atol=1e-6), restores_input=True, evidence=eps_curve),
    Check("relative_error", 2, ref.relative_error, cases.relative_error),
    Check("gradient_check", 4, ref.gradient_check, cases.gradient_check,
          tolerance=Tolerance(rtol=1e-4, atol=0.0), restores_input=True, tiny=1e-7, axes={"params": PARAMS}),
    Check("buggy_parameter", 2, lambda: BUGGY_PARAMETER, cases.buggy_parameter, answer=True,
          choices=tuple(PARAMS)),
]
