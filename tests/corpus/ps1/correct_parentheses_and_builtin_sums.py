# expect: all passed
# Right everywhere, in ways that look like the catalogue's slips and are not: a sigmoid
# with extra, unusual parentheses ((1) / ((1) + ...)); Python's built-in sum for the
# bias gradients (it adds up the rows, which is exactly the sum over the samples); the
# loss summed twice with the built-in sum (rows, then the column totals); and the deltas
# with sigma' written out as a separate factor.

import numpy as np


def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -500, 500)
    return (1) / ((1) + (np.exp((-z))))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return (s) * ((1) - (s))


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    return 0.5 * sum(sum((A2 - Y) ** 2))


def output_delta(Y, A2, Z2):
    slope = sigmoid_derivative(Z2)
    return (A2 - Y) * slope


def hidden_delta(delta2, W2, Z1):
    slope = sigmoid_derivative(Z1)
    return (delta2 @ W2.T) * slope


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, sum(delta1), A1.T @ delta2, sum(delta2)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
