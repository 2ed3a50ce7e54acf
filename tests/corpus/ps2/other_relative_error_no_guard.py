# expect: relative_error not-finite
# expect: numerical_gradient passed
# expect: buggy_parameter passed
# No special case for two zero arrays: 0/0 = nan there (right everywhere else).

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
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


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
