# expect: all passed
# Perturbs copies, through a flat index; gradient_check on deep copies of params.
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    x0 = np.array(x, dtype=float)          # private copy
    g = np.zeros(x0.size)
    for i in range(x0.size):
        e = np.zeros(x0.size)
        e[i] = eps
        e = e.reshape(x0.shape)
        g[i] = (f(x0 + e) - f(x0 - e)) / (2.0 * eps)
    return g.reshape(x0.shape)


def relative_error(a, b):
    a = np.ravel(a).astype(float)
    b = np.ravel(b).astype(float)
    top = np.linalg.norm(a - b)
    bottom = np.linalg.norm(a) + np.linalg.norm(b)
    return np.array(0.0 if bottom == 0.0 else top / bottom)    # a 0-d array


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    work = {k: np.copy(v) for k, v in params.items()}
    analytic = grad_fn(work)
    report = {}
    for name in work:
        def f(value):
            trial = {k: np.copy(v) for k, v in work.items()}
            trial[name] = value
            return loss_fn(trial)
        report[name] = relative_error(analytic[name], numerical_gradient(f, work[name], eps))
    return report


buggy_parameter = "W2"
