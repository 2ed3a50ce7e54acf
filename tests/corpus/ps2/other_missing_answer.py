# expect: buggy_parameter missing
# expect: relative_error wrong-type
# expect: numerical_gradient passed
# expect: gradient_check passed
# No answer variable, and relative_error computes the error but never returns it
# (None). gradient_check uses its own helper, so it is right.

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
    diff = np.linalg.norm(a - b)
    total = np.linalg.norm(a) + np.linalg.norm(b)
    err = 0.0 if total == 0 else diff / total


def _relerr(a, b):
    d = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if d == 0 else float(np.linalg.norm(a - b) / d)


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    analytic = grad_fn(params)
    out = {}
    for name in params:
        def f(x, name=name):
            return loss_fn({**params, name: x})
        out[name] = _relerr(analytic[name], numerical_gradient(f, params[name], eps))
    return out
