# expect: numerical_gradient failed wrong-element
# expect: relative_error passed
# expect: buggy_parameter passed
# Loops over x[i] (the first axis) only: right for vectors, but for a matrix each
# step perturbs a whole row at once and writes the result to the whole row.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        old = x[i].copy()
        x[i] = old + eps
        fp = f(x)
        x[i] = old - eps
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * eps)
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
