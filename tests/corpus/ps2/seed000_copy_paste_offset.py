# expect: numerical_gradient failed wrong-element
# expect: relative_error passed
# expect: buggy_parameter passed
# Seed 000: w5's perturbation copy-pasted from w6's (dw5 uses for_w6). Translated:
# the student unrolls the loop two elements at a time, and the block for the first
# of each pair was pasted from the second one's and still perturbs the neighbour.
# gradient_check calls this numerical_gradient, so it is wrong too (not asserted:
# no id is promised for gradient_check's relative errors).

import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    flat = x.astype(float).ravel()
    n = flat.size
    grad = np.zeros(n)

    def central(j):
        e = np.zeros(n)
        e[j] = eps
        return (f((flat + e).reshape(x.shape)) - f((flat - e).reshape(x.shape))) / (2 * eps)

    for i in range(0, n, 2):
        grad[i] = central(min(i + 1, n - 1))     # pasted from the block below
        if i + 1 < n:
            grad[i + 1] = central(i + 1)
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
