# expect: gradient_check failed input-not-restored
# expect: numerical_gradient passed
# expect: relative_error passed
# expect: buggy_parameter passed
# The closure writes each trial value into params itself (params[name] = x): with a
# numerical_gradient that perturbs copies, params ends up holding the last perturbed
# copy instead of the original array.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for ix in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[ix] += eps
        xm[ix] -= eps
        grad[ix] = (f(xp) - f(xm)) / (2 * eps)
    return grad


def relative_error(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    if denom == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denom)


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    analytic = grad_fn(params)
    errors = {}
    for name in list(params):
        def f(x):
            params[name] = x
            return loss_fn(params)
        errors[name] = relative_error(analytic[name], numerical_gradient(f, params[name], eps))
    return errors


buggy_parameter = "W2"
