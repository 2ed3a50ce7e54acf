# expect: loss failed builtin-sum
# expect: sigmoid passed
# expect: forward passed
# expect: gradients passed
# expect: backprop passed
# The loss built up step by step with in-place operations on a fresh array,
# then total = sum(sq) with the builtin sum: a vector of per-output sums over
# the samples, halved.

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    np.negative(z, out=out)
    np.exp(out, out=out)          # e^-z (inf for very negative z: 1/inf = 0)
    out += 1.0
    np.reciprocal(out, out=out)
    return out


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1
    Z1 += b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2
    Z2 += b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    sq = A2 - Y
    sq **= 2
    total = sum(sq)
    return total / 2


def output_delta(Y, A2, Z2):
    d = A2 - Y
    d *= sigmoid_derivative(Z2)
    return d


def hidden_delta(delta2, W2, Z1):
    d = delta2 @ W2.T
    d *= sigmoid_derivative(Z1)
    return d


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
    out = []
    for p, g in zip(params, grads):
        q = p.copy()
        q -= lr * g
        out.append(q)
    return tuple(out)
