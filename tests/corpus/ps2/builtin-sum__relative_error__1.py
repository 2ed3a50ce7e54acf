# expect: relative_error failed builtin-sum
# expect: gradient_check failed builtin-sum
# expect: numerical_gradient passed
# expect: buggy_parameter passed
# The 2-norms written out as sqrt(sum(x**2)) with Python's built-in sum: right for
# vectors, one value per column for a matrix. (The guard was changed to np.all after
# "the truth value of an array is ambiguous".) gradient_check calls it, so its W1 and W2
# entries are arrays too.

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + eps
        fp = f(x)
        x[ix] = old - eps
        fm = f(x)
        x[ix] = old
        grad[ix] = (fp - fm) / (2 * eps)
        it.iternext()
    return grad


def relative_error(a, b):
    diff = np.sqrt(sum((a - b) ** 2))
    size = np.sqrt(sum(a ** 2)) + np.sqrt(sum(b ** 2))
    if np.all(size == 0):
        return 0.0
    return diff / size


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    analytic = grad_fn(params)
    errors = {}
    for name in params:
        copy = {k: v.copy() for k, v in params.items()}

        def f(x):
            copy[name] = x
            return loss_fn(copy)

        numeric = numerical_gradient(f, params[name].copy(), eps)
        errors[name] = relative_error(analytic[name], numeric)
    return errors


buggy_parameter = "W2"
