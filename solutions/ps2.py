"""ps2 — gradient checking: central differences, relative error, and the check itself."""

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    """Central-difference gradient of the scalar function f at x (any shape); x is restored."""
    ### BEGIN SOLUTION
    grad = np.zeros_like(x, dtype=np.float64)
    for ix in np.ndindex(x.shape):
        oldval = x[ix]
        x[ix] = oldval + eps
        fplus = f(x)
        x[ix] = oldval - eps
        fminus = f(x)
        x[ix] = oldval  # restore, bit for bit
        grad[ix] = (fplus - fminus) / (2 * eps)
    return grad
    ### END SOLUTION


def relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖) over all elements; 0.0 when both are zero."""
    ### BEGIN SOLUTION
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    if denom == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denom)
    ### END SOLUTION


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    """Relative error per parameter between grad_fn(params) and the numerical gradient."""
    ### BEGIN SOLUTION
    analytic = grad_fn(params)
    errors = {}
    for name in params:
        trial = {k: v.copy() for k, v in params.items()}

        def f(x):
            trial[name] = x
            return loss_fn(trial)

        numeric = numerical_gradient(f, params[name].copy(), eps)
        errors[name] = relative_error(analytic[name], numeric)
    return errors
    ### END SOLUTION
