# expect: all passed
# 0.5 * sum(sum((A2 - Y) ** 2)): the builtin sum applied twice -- first over
# the samples, then over the outputs -- is the full total, so the loss is right.
# The deltas use sigma' from the activations, A * (1 - A), which is sigma'(Z)
# because A = sigmoid(Z); the hidden layer has only Z1, so it uses sigmoid(Z1).

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    a = sigmoid(z)
    return a * (1 - a)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5 * sum(sum((A2 - Y) ** 2))


def output_delta(Y, A2, Z2):
    return (A2 - Y) * A2 * (1 - A2)


def hidden_delta(delta2, W2, Z1):
    A1 = sigmoid(Z1)
    return (delta2 @ W2.T) * A1 * (1 - A1)


def gradients(X, A1, delta1, delta2):
    dW1 = X.T @ delta1
    db1 = delta1.sum(axis=0)
    dW2 = A1.T @ delta2
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = (A2 - Y) * A2 * (1 - A2)
    delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
