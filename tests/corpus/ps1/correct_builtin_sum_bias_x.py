# expect: all passed
# Python's builtin sum used for the bias gradients: sum(delta) adds the rows
# (the samples) together, which is exactly delta.sum(axis=0), shape (H,) or
# (K,). Right, although it looks like the builtin-sum slip. The loss uses np.sum.

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.dot(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW1 = np.dot(X.T, delta1)
    db1 = sum(delta1)
    dW2 = np.dot(A1.T, delta2)
    db2 = sum(delta2)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = (A2 - Y) * sigmoid_derivative(Z2)
    d1 = np.dot(d2, W2.T) * sigmoid_derivative(Z1)
    return np.dot(X.T, d1), sum(d1), np.dot(A1.T, d2), sum(d2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
