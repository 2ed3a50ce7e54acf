# expect: output_delta failed derivative-missing
# expect: hidden_delta passed
# expect: sigmoid_derivative passed
# expect: gradients passed
# expect: loss passed
# expect: forward passed
# The output delta is just the error A2 - Y: the learner remembered the
# "sigmoid derivative cancels" shortcut, which holds for cross-entropy, not for
# the 1/2 sum-of-squares loss used here. Z2 is taken and never used.

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)


def output_delta(Y, A2, Z2):
    # dE/dZ2 -- the sigmoid derivative cancels out
    return A2 - Y


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
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
