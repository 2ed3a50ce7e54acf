# expect: loss failed builtin-sum
# expect: forward passed
# expect: backprop passed
# expect: gradients passed
# The error squared by hand and halved at the end, summed with the built-in sum: a
# vector of per-output totals instead of the number E. The bias gradients loop over
# the samples and are right.

import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    a2 = sigmoid(z2)
    return z1, a1, z2, a2


def loss(Y, A2):
    err = A2 - Y
    squared = err * err
    return sum(squared) / 2


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.dot(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    db1 = np.zeros(delta1.shape[1])
    db2 = np.zeros(delta2.shape[1])
    for n in range(X.shape[0]):
        db1 += delta1[n]
        db2 += delta2[n]
    return np.dot(X.T, delta1), db1, np.dot(A1.T, delta2), db2


def backprop(X, Y, W1, b1, W2, b2):
    z1, a1, z2, a2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, a2, z2)
    d1 = hidden_delta(d2, W2, z1)
    return gradients(X, a1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
