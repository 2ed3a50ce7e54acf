# expect: backprop failed derivative-missing
# expect: output_delta passed
# expect: hidden_delta passed
# expect: gradients passed
# expect: sgd_step passed
# backprop one sample at a time, accumulating outer products. The output delta
# is right, (a2 - y) * sigma'(z2), but the hidden delta is only W2 @ d2: the
# sigma'(z1) factor is forgotten in the per-sample loop.

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
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW1 = X.T @ delta1
    db1 = delta1.sum(axis=0)
    dW2 = A1.T @ delta2
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    dW1 = np.zeros_like(W1)
    db1 = np.zeros_like(b1)
    dW2 = np.zeros_like(W2)
    db2 = np.zeros_like(b2)
    for x, y in zip(X, Y):
        z1 = x @ W1 + b1
        a1 = sigmoid(z1)
        z2 = a1 @ W2 + b2
        a2 = sigmoid(z2)
        d2 = (a2 - y) * sigmoid_derivative(z2)
        d1 = W2 @ d2
        dW2 += np.outer(a1, d2)
        db2 += d2
        dW1 += np.outer(x, d1)
        db1 += d1
    return dW1, db1, dW2, db2


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
