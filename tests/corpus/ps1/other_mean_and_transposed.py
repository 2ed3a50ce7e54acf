# expect: gradients failed transposed+scaled
# expect: output_delta passed
# expect: hidden_delta passed
# Two mistakes at once in dW1 (delta1.T @ X and divided by N), the rest right:
# no single id explains dW1; the two together do.

import numpy as np


def sigmoid(z):
    # stable: never exponentiate a large positive number
    z = np.asarray(z, dtype=float)
    ez = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + ez), ez / (1.0 + ez))


def sigmoid_derivative(z):
    a = sigmoid(z)
    return a - a * a


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    a2 = sigmoid(z2)
    return (z1, a1, z2, a2)


def loss(Y, A2):
    err = A2 - Y
    return float(0.5 * np.sum(err * err))


def output_delta(Y, A2, Z2):
    dE_dA2 = A2 - Y
    dA2_dZ2 = sigmoid_derivative(Z2)
    return dE_dA2 * dA2_dZ2


def hidden_delta(delta2, W2, Z1):
    dE_dA1 = np.dot(delta2, W2.T)
    return dE_dA1 * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW1 = np.dot(delta1.T, X) / X.shape[0]
    db1 = delta1.sum(axis=0)
    dW2 = np.dot(A1.T, delta2)
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    z1, a1, z2, a2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, a2, z2)
    d1 = hidden_delta(d2, W2, z1)
    return gradients(X, a1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
