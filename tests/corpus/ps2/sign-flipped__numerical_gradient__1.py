# expect: numerical_gradient failed sign-flipped
# expect: relative_error passed
# expect: buggy_parameter passed
# f(x - h) - f(x + h): the central difference the wrong way round.
# gradient_check calls it (errors of 1 for a right grad_fn) and is not asserted.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for ix in np.ndindex(*x.shape):
        old = x[ix]
        x[ix] = old - eps
        lo = f(x)
        x[ix] = old + eps
        hi = f(x)
        x[ix] = old
        grad[ix] = (lo - hi) / (2 * eps)
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
    result = {}
    for name in params:
        def f_of(x, name=name):
            trial = dict(params)
            trial[name] = x
            return loss_fn(trial)
        numeric = numerical_gradient(f_of, params[name], eps)
        result[name] = relative_error(analytic[name], numeric)
    return result


buggy_parameter = "W2"
