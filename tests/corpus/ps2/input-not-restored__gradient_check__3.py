# expect: gradient_check failed input-not-restored
# expect: numerical_gradient passed
# expect: relative_error passed
# expect: buggy_parameter passed
# gradient_check perturbs params[name] in place itself and undoes the change
# arithmetically, so params comes back changed in its last bits.

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
    analytic = grad_fn(params)
    out = {}
    for name in ("W1", "b1", "W2", "b2"):
        p = params[name]
        num = np.zeros_like(p)
        for ix in np.ndindex(p.shape):
            p[ix] += eps
            lp = loss_fn(params)
            p[ix] -= 2 * eps
            lm = loss_fn(params)
            p[ix] += eps
            num[ix] = (lp - lm) / (2 * eps)
        out[name] = relative_error(analytic[name], num)
    return out


buggy_parameter = "W2"
