# expect: sigmoid failed sigmoid-precedence
# expect: sigmoid_derivative failed sigmoid-precedence
# expect: forward failed sigmoid-precedence
# expect: backprop failed sigmoid-precedence
# expect: loss passed
# expect: gradients passed
# The numerically stable form, with the parentheses of both branches' denominators
# forgotten: 1.0 / 1.0 + e and e / 1.0 + e. Finite everywhere, and wrong everywhere.
# backprop is written out by itself on top of sigmoid and sigmoid_derivative.

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / 1.0 + e, e / 1.0 + e)


def sigmoid_derivative(z):
    a = sigmoid(z)
    return a * (1.0 - a)


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    return z1, a1, z2, sigmoid(z2)


def loss(Y, A2):
    return float(0.5 * np.sum(np.square(A2 - Y)))


def output_delta(Y, A2, Z2):
    return np.multiply(A2 - Y, sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.multiply(np.dot(delta2, W2.T), sigmoid_derivative(Z1))


def gradients(X, A1, delta1, delta2):
    return np.dot(X.T, delta1), np.sum(delta1, 0), np.dot(A1.T, delta2), np.sum(delta2, 0)


def backprop(X, Y, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    a2 = sigmoid(z2)
    d2 = (a2 - Y) * sigmoid_derivative(z2)
    d1 = np.dot(d2, W2.T) * sigmoid_derivative(z1)
    return np.dot(X.T, d1), np.sum(d1, 0), np.dot(a1.T, d2), np.sum(d2, 0)


def sgd_step(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads)]
