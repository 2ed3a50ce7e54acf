# expect: all passed
# Seed 001's central-difference check, translated: perturbation on persistent
# copies (paramsPlus / paramsMinus) reset with -= / +=, which leaves x itself alone;
# the copies may drift by an ulp, far below tolerance. The relative error is the
# spec's (the seed divided by ||a + b||).

import numpy as np


from copy import deepcopy


def numerical_gradient(f, x, eps=1e-5):
    paramsInitial = np.asarray(x, dtype=float).ravel()
    NUMERICALgrad = np.zeros(paramsInitial.shape)
    perturbs = np.zeros(paramsInitial.shape)
    paramsPlus = deepcopy(paramsInitial)
    paramsMinus = deepcopy(paramsInitial)
    for weight in range(len(paramsInitial)):
        perturbs[weight] = eps
        paramsPlus[weight] += perturbs[weight]
        loss2 = f(np.reshape(paramsPlus, x.shape))
        paramsPlus[weight] -= perturbs[weight]   # reset back to original
        paramsMinus[weight] -= perturbs[weight]
        loss1 = f(np.reshape(paramsMinus, x.shape))
        paramsMinus[weight] += perturbs[weight]  # reset back to original
        NUMERICALgrad[weight] = (loss2 - loss1) / (2 * eps)
    return NUMERICALgrad.reshape(x.shape)


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
