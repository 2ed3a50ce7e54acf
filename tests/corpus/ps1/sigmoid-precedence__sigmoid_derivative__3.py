# expect: sigmoid passed
# expect: forward passed
# expect: sigmoid_derivative failed sigmoid-precedence
# expect: output_delta failed sigmoid-precedence
# expect: hidden_delta failed sigmoid-precedence
# expect: backprop failed sigmoid-precedence
# sigmoid itself is right, but sigmoid_derivative recomputes sigma inline, in a loop,
# with math.exp and the denominator's parentheses missing. The forward pass is right;
# every delta built on sigma' is not.

import math

import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros(z.shape)
    for ix in np.ndindex(z.shape):
        v = z[ix]
        try:
            s = 1.0 / 1.0 + math.exp(-v)
        except OverflowError:
            s = math.inf
        out[ix] = s * (1 - s)
    return out


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
