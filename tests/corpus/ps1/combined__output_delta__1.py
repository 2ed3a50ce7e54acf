# expect: output_delta failed derivative-applied-twice+sign-flipped
# expect: hidden_delta passed
# expect: sigmoid_derivative passed
# output_delta hands sigma' the activation A2 instead of Z2, and takes the
# error as Y - A2.

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
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))


def output_delta(Y, A2, Z2):
    return (Y - A2) * sigmoid_derivative(A2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = (A2 - Y) * sigmoid_derivative(Z2)
    d1 = (d2 @ W2.T) * sigmoid_derivative(Z1)
    return X.T @ d1, d1.sum(axis=0), A1.T @ d2, d2.sum(axis=0)
