# expect: numerical_gradient failed forward-difference
# expect: relative_error passed
# expect: buggy_parameter passed
# One-sided the other way: the backward difference (f(x) - f(x - h)) / h, on copies.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    out = np.empty(x.shape)
    base = f(x.copy())
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        xm = x.copy()
        xm[i] = xm[i] - eps
        out[i] = (base - f(xm)) / eps
    return out


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
