# expect: all passed
# The default numerical_gradient shape: np.ndindex over a copy per element; a
# relative error from np.sqrt of dot products; a dict comprehension for the check.
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.empty(x.shape, dtype=float)
    for ix in np.ndindex(x.shape):
        plus = x.copy()
        minus = x.copy()
        plus[ix] = plus[ix] + eps
        minus[ix] = minus[ix] - eps
        grad[ix] = (f(plus) - f(minus)) / (2 * eps)
    return grad


def relative_error(a, b):
    a = np.asarray(a, dtype=float).ravel()
    b = np.asarray(b, dtype=float).ravel()
    d = a - b
    denom = np.sqrt(a @ a) + np.sqrt(b @ b)
    if denom == 0:
        return 0.0
    return float(np.sqrt(d @ d) / denom)


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    g = grad_fn(params)

    def numeric(name):
        return numerical_gradient(lambda v: loss_fn({**params, name: v}), params[name], eps)

    return {name: relative_error(g[name], numeric(name)) for name in params}


buggy_parameter = "W2"
