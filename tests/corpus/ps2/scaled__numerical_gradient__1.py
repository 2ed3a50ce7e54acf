# expect: numerical_gradient failed scaled
# expect: relative_error passed
# expect: buggy_parameter passed
# Central difference divided by eps instead of 2*eps: twice the gradient.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    g = np.zeros(x.shape)
    flat = x.reshape(-1).copy()
    for i in range(flat.size):
        plus = flat.copy()
        plus[i] += eps
        minus = flat.copy()
        minus[i] -= eps
        g.flat[i] = (f(plus.reshape(x.shape)) - f(minus.reshape(x.shape))) / eps
    return g


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
