"""ps1 checks: the network, its loss, the deltas, the gradient and one SGD step (17 points)."""

from autograder.cases import ps1 as cases
from autograder.checks import Check
from solutions import ps1 as ref

CHECKS = [
    Check("sigmoid", 1, ref.sigmoid, cases.sigmoid),
    Check("sigmoid_derivative", 2, ref.sigmoid_derivative, cases.sigmoid_derivative),
    Check("forward", 2, ref.forward, cases.forward),
    Check("loss", 1, ref.loss, cases.loss),
    Check("output_delta", 2, ref.output_delta, cases.output_delta),
    Check("hidden_delta", 2, ref.hidden_delta, cases.hidden_delta),
    Check("gradients", 2, ref.gradients, cases.gradients),
    Check("backprop", 3, ref.backprop, cases.backprop),
    Check("sgd_step", 2, ref.sgd_step, cases.sgd_step),
]
