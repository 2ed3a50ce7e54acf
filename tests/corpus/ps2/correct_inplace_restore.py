# expect: all passed
# Perturbs x in place with the exact restore idiom (oldval = x[ix] ... x[ix] = oldval),
# np.nditer over any shape; gradient_check hands params[name] itself to it.
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + eps
        fxph = f(x)
        x[ix] = oldval - eps
        fxmh = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fxmh) / (2 * eps)
        it.iternext()
    return grad


def relative_error(a, b):
    na = np.sqrt(np.sum(np.square(a)))
    nb = np.sqrt(np.sum(np.square(b)))
    if na + nb == 0:
        return 0.0
    return np.sqrt(np.sum(np.square(np.subtract(a, b)))) / (na + nb)


def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
    grads = grad_fn(params)
    errs = {}
    for name in ["W1", "b1", "W2", "b2"]:
        x = params[name]

        def f(_x):
            return loss_fn(params)      # params[name] is x, perturbed in place

        errs[name] = relative_error(grads[name], numerical_gradient(f, x, eps))
    return errs


buggy_parameter = "W2"
