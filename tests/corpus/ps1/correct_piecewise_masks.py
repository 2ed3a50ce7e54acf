# expect: all passed
# A scipy-free piecewise sigmoid with boolean masks (no exp of a large positive
# number is ever taken); backprop written out in one function; sgd_step on copies.
import numpy as np


def sigmoid(z):
    z = np.array(z, dtype=float)          # a copy: the masks below write into it
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X.dot(W1) + b1
    A1 = sigmoid(Z1)
    Z2 = A1.dot(W2) + b2
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    return 0.5 * ((A2 - Y) ** 2).sum()


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return delta2.dot(W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T.dot(delta1), delta1.sum(axis=0), A1.T.dot(delta2), delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1 = X.dot(W1) + b1
    A1 = sigmoid(Z1)
    Z2 = A1.dot(W2) + b2
    A2 = sigmoid(Z2)
    d2 = (A2 - Y) * A2 * (1 - A2)
    d1 = d2.dot(W2.T) * A1 * (1 - A1)
    return X.T.dot(d1), d1.sum(axis=0), A1.T.dot(d2), d2.sum(axis=0)


def sgd_step(params, grads, lr):
    new = [np.copy(p) for p in params]
    for i in range(len(new)):
        new[i] = new[i] - lr * grads[i]
    return tuple(new)
