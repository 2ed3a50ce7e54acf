# expect: gradient_check failed
# expect: numerical_gradient passed
# expect: relative_error passed
# expect: buggy_parameter passed
# gradient_check compares the numerical gradient with itself (grad_fn ignored):
# all zeros, so the wrong grad_fns of the hidden cases go unnoticed.

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
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    if denom == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denom)


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    out = {}
    for name in params:
        def f(x):
            p = {k: (x if k == name else v) for k, v in params.items()}
            return loss_fn(p)
        num = numerical_gradient(f, params[name].copy(), eps)
        out[name] = relative_error(num, num)
    return out


buggy_parameter = "W2"
