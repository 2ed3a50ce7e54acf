# expect: gradient_check failed builtin-sum
# expect: relative_error passed
# expect: numerical_gradient passed
# gradient_check computes its own relative error instead of calling relative_error,
# with Python's built-in sum in the norms: a matrix parameter gets one error per column.

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
    top = np.linalg.norm(a - b)
    bottom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if bottom == 0 else float(top / bottom)


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    grads = grad_fn(params)
    result = {}
    for name, value in params.items():
        num = np.zeros(value.shape)
        for ix in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][ix] += eps
            minus[name][ix] -= eps
            num[ix] = (loss_fn(plus) - loss_fn(minus)) / (2 * eps)
        g = grads[name]
        result[name] = np.sqrt(sum((g - num) ** 2)) / (np.sqrt(sum(g ** 2)) + np.sqrt(sum(num ** 2)))
    return result


buggy_parameter = "W2"
