# expect: gradient_check failed forward-difference
# expect: numerical_gradient passed
# expect: relative_error passed
# expect: buggy_parameter passed
# numerical_gradient is right, but gradient_check does its own one-sided
# difference instead of calling it: relative errors of order eps for a right grad_fn.

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
    base = loss_fn(params)
    errors = {}
    for name, value in params.items():
        num = np.zeros(value.shape)
        for ix in np.ndindex(value.shape):
            trial = {k: v.copy() for k, v in params.items()}
            trial[name][ix] += eps
            num[ix] = (loss_fn(trial) - base) / eps
        errors[name] = relative_error(analytic[name], num)
    return errors


buggy_parameter = "W2"
