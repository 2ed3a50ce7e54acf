"""The reference solutions: the worked example's figures, stability, and one source of truth."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder.assignments import ASSIGNMENTS
from autograder.cases.ps1 import WORKED
from solutions import ps1, ps2, ps3

ROOT = Path(__file__).resolve().parents[1]


def worked():
    return WORKED["X"], WORKED["Y"], WORKED["W1"], WORKED["b1"], WORKED["W2"], WORKED["b2"]


def test_worked_example_forward_and_loss():
    """Z1, A1, Z2, A2 and E are the figures of ASSIGNMENTS.md."""
    X, Y, W1, b1, W2, b2 = worked()
    Z1, A1, Z2, A2 = ps1.forward(X, W1, b1, W2, b2)
    np.testing.assert_allclose(Z1, [[1.099, 1.13]], atol=5e-7)
    np.testing.assert_allclose(A1, [[0.750073, 0.755839]], atol=5e-7)
    np.testing.assert_allclose(Z2, [[1.07789]], atol=5e-6)
    np.testing.assert_allclose(A2, [[0.746095]], atol=5e-7)
    assert abs(ps1.loss(Y, A2) - 0.011843) < 5e-7


def test_worked_example_gradients_and_step():
    """dW1, db1, dW2, db2 and the loss after one step of lr 0.5."""
    X, Y, W1, b1, W2, b2 = worked()
    dW1, db1, dW2, db2 = ps1.backprop(X, Y, W1, b1, W2, b2)
    np.testing.assert_allclose(dW1, [[0.001093, -0.001345], [0.000219, -0.000269]], atol=5e-7)
    np.testing.assert_allclose(db1, [0.002186, -0.00269], atol=5e-7)
    np.testing.assert_allclose(dW2, [[-0.021869], [-0.022037]], atol=5e-7)
    np.testing.assert_allclose(db2, [-0.029155], atol=5e-7)
    new = ps1.sgd_step((W1, b1, W2, b2), (dW1, db1, dW2, db2), 0.5)
    assert abs(ps1.loss(Y, ps1.forward(X, *new)[3]) - 0.010953) < 5e-7


def test_sigmoid_is_finite_and_right_at_1000():
    """σ and σ' are finite at |z| = 1000, with no overflow or invalid operation."""
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s, d = ps1.sigmoid(z), ps1.sigmoid_derivative(z)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(d))
    np.testing.assert_allclose(s, [0.0, 4.248354255291589e-18, 0.5, 1.0, 1.0], rtol=1e-12, atol=0)
    assert d[2] == 0.25 and d[0] == 0.0


def test_gradient_check_of_backprop_is_tiny():
    """The reference backprop passes the reference gradient check (relative error < 1e-7)."""
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(5, 4)), rng.uniform(size=(5, 2))
    params = ps3.init_params(4, 3, 2, seed=1)
    names = ("W1", "b1", "W2", "b2")

    def loss_fn(p):
        return ps1.loss(Y, ps1.forward(X, *(p[k] for k in names))[3])

    def grad_fn(p):
        return dict(zip(names, ps1.backprop(X, Y, *(p[k] for k in names))))

    errors = ps2.gradient_check(loss_fn, grad_fn, params)
    assert max(errors.values()) < 1e-7


def _functions(source: str) -> dict[str, str]:
    tree = ast.parse(source)
    return {n.name: ast.dump(n) for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_solutions_are_the_reference(assignment):
    """Every function in the source notebook's solution cells is, to the AST, the one in its reference modules."""
    path = ROOT / "source" / assignment / ASSIGNMENTS[assignment].notebook
    if not path.exists():
        pytest.skip(f"{path} not written yet")
    nb = nbformat.read(str(path), as_version=4)
    cells = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    in_notebook = {}
    for source in cells:
        in_notebook.update(_functions(source))
    reference = {}
    for module in ASSIGNMENTS[assignment].solutions:
        reference.update(_functions(inspect.getsource(module)))
    assert in_notebook, "no solution cells"
    for name, dump in in_notebook.items():
        assert name in reference, f"{name} is in the notebook but not in {assignment}'s solutions"
        assert dump == reference[name], f"{name} differs between the notebook and solutions/"
