# expect: output_delta failed derivative-missing
# expect: backprop failed derivative-missing
# expect: hidden_delta passed
# expect: sigmoid_derivative passed
# expect: gradients passed
# expect: loss passed
# The output delta copied from a cross-entropy tutorial: "the error is output - target".
# Used with E = 1/2 sum (A2 - Y)^2 it misses the sigmoid's slope sigma'(Z2); backprop
# calls it, so its gradient is off in both weight layers.

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)


def output_delta(Y, A2, Z2):
    error = np.subtract(A2, Y)
    return error


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
