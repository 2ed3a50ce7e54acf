# expect: numerical_gradient failed forward-difference
# expect: relative_error passed
# expect: buggy_parameter passed
# Seed 000: (f(w + e) - f(w)) / eps, a one-sided difference (the seed used
# eps = 1e-10; here the given eps).

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grads = np.zeros(x.shape)
    f0 = f(x.copy())
    for idx in np.ndindex(x.shape):
        for_w = np.zeros(x.shape)
        for_w[idx] = eps
        grads[idx] = (f(x + for_w) - f0) / eps
    return grads


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
