# expect: buggy_parameter failed
# expect: gradient_check raised
# expect: numerical_gradient passed
# expect: relative_error passed
# The wrong parameter named, and gradient_check left as the stub.

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
    # YOUR CODE HERE
    raise NotImplementedError()


buggy_parameter = "W1"
