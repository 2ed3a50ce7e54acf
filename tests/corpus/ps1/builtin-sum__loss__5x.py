# expect: loss failed builtin-sum
# expect: sigmoid passed
# expect: sigmoid_derivative passed
# expect: gradients passed
# expect: backprop passed
# sum(np.square(A2 - Y)) * 0.5: np.square is numpy, but the sum around it is
# Python's, so only the samples are summed and the loss comes back shaped (K,).

import numpy as np
from numpy import exp, square, dot


def sigmoid(z):
    # split so exp never sees a large positive argument
    z = np.asarray(z, dtype=float)
    neg = z < 0
    safe = np.where(neg, z, -z)          # always <= 0
    e = exp(safe)
    return np.where(neg, e / (1 + e), 1 / (1 + e))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return np.multiply(s, np.subtract(1, s))


def forward(X, W1, b1, W2, b2):
    Z1 = dot(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = dot(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return sum(square(A2 - Y)) * 0.5


def output_delta(Y, A2, Z2):
    return np.multiply(A2 - Y, sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.multiply(dot(delta2, W2.T), sigmoid_derivative(Z1))


def gradients(X, A1, delta1, delta2):
    return (dot(X.T, delta1), np.sum(delta1, axis=0),
            dot(A1.T, delta2), np.sum(delta2, axis=0))


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
