# expect: numerical_gradient failed wrong-element
# expect: relative_error passed
# expect: buggy_parameter passed
# Off by one: the entry for element i perturbs element i + 1 (wrapping round).

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    n = x.size
    grad = np.zeros(n)
    for i in range(n):
        j = (i + 1) % n
        xp = x.astype(float).ravel()
        xm = x.astype(float).ravel()
        xp[j] += eps
        xm[j] -= eps
        grad[i] = (f(xp.reshape(x.shape)) - f(xm.reshape(x.shape))) / (2 * eps)
    return grad.reshape(x.shape)


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
