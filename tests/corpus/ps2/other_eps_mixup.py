# expect: numerical_gradient failed
# expect: relative_error passed
# expect: buggy_parameter passed
# Perturbs by the given eps but divides by 2 * 1e-5 (the default): right only for
# eps = 1e-5, off by eps / 1e-5 otherwise, a factor that depends on eps, not on the
# sizes, so it is not scaled.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for ix in np.ndindex(x.shape):
        old = x[ix]
        x[ix] = old + eps
        a = f(x)
        x[ix] = old - eps
        b = f(x)
        x[ix] = old
        grad[ix] = (a - b) / (2 * 1e-5)
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
