# expect: numerical_gradient failed wrong-element
# expect: relative_error passed
# expect: buggy_parameter passed
# Perturbs the right element, writes the result one slot back (grad.flat[i - 1],
# so the first lands in the last).

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        ix = np.unravel_index(i, x.shape)
        saved = x[ix]
        x[ix] = saved + eps
        up = f(x)
        x[ix] = saved - eps
        down = f(x)
        x[ix] = saved
        grad.flat[i - 1] = (up - down) / (2 * eps)
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
