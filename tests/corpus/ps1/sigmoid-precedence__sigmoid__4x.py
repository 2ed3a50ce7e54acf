# expect: sigmoid failed sigmoid-precedence
# expect: sigmoid_derivative passed
# expect: loss passed
# expect: gradients passed
# expect: sgd_step passed
# An element-by-element sigmoid with a helper _sig(v) = 1/1 + np.exp(-v):
# the precedence slip once more, so every element is 1 + e^(-v).
# sigmoid_derivative uses its own correct scalar helper, not sigmoid.

import math

import numpy as np


def _sig(v):
    return 1/1 + np.exp(-v)


def _dsig(v):
    # sigma'(v) = e^-|v| / (1 + e^-|v|)^2, safe for any v
    e = math.exp(-abs(v))
    return e / (1 + e) ** 2


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in np.ndindex(z.shape):
        out[i] = _sig(z[i])
    return out


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for i in np.ndindex(z.shape):
        out[i] = _dsig(float(z[i]))
    return out


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    total = 0.0
    for a_row, y_row in zip(A2, Y):
        for a, y in zip(a_row, y_row):
            total += (a - y) ** 2
    return total / 2


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW1 = X.T @ delta1
    db1 = delta1.sum(axis=0)
    dW2 = A1.T @ delta2
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    return tuple(np.subtract(p, lr * g) for p, g in zip(params, grads))
