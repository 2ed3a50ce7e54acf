# expect: loss failed builtin-sum
# expect: output_delta passed
# expect: hidden_delta passed
# expect: gradients passed
# expect: sgd_step passed
# The loss as a builtin sum over a generator of per-sample terms:
# sum(0.5 * (a - y) ** 2 for a, y in zip(A2, Y)). Each term is a row of length
# K, so the "sum" is again a (K,) vector, not the total.

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0,
                    1.0 / (1.0 + np.exp(-np.abs(z))),
                    np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    return sum(0.5 * (a - y) ** 2 for a, y in zip(A2, Y))


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def _layer_grads(inputs, delta):
    return inputs.T @ delta, delta.sum(axis=0)


def gradients(X, A1, delta1, delta2):
    dW1, db1 = _layer_grads(X, delta1)
    dW2, db2 = _layer_grads(A1, delta2)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
