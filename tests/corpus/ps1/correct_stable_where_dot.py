# expect: all passed
# A numerically stable sigmoid with np.where (both branches computed, overflow
# warnings in the unused one are harmless), np.dot, and explicit copies.
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        pos = 1.0 / (1.0 + np.exp(-z))
        neg = np.exp(z) / (1.0 + np.exp(z))
    return np.where(z >= 0, pos, neg)


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
    diff = A2.copy()
    diff -= Y
    return float(0.5 * np.dot(diff.ravel(), diff.ravel()))


def output_delta(Y, A2, Z2):
    delta = A2.copy()
    delta -= Y
    delta *= sigmoid_derivative(Z2)
    return delta


def hidden_delta(delta2, W2, Z1):
    d = np.dot(delta2, W2.T)
    d *= sigmoid_derivative(Z1)
    return d


def gradients(X, A1, delta1, delta2):
    ones = np.ones(X.shape[0])
    return np.dot(X.T, delta1), np.dot(ones, delta1), np.dot(A1.T, delta2), np.dot(ones, delta2)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    out = []
    for p, g in zip(params, grads):
        q = p.copy()
        q -= lr * g
        out.append(q)
    return tuple(out)
