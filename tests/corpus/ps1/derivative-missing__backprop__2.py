# expect: backprop failed derivative-missing
# expect: output_delta passed
# expect: hidden_delta passed
# expect: forward passed
# expect: gradients passed
# backprop written out with explicit loops over the samples, and the chain rule stopped
# at the activations in both layers: delta2 = a2 - y and delta1 = delta2 W2^T, no sigma'.
# The helper functions above it are right (they are not used by backprop).

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s - s ** 2


def forward(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return float(0.5 * ((A2 - Y) ** 2).sum())


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.dot(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return np.dot(X.T, delta1), np.sum(delta1, axis=0), np.dot(A1.T, delta2), np.sum(delta2, axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    dW1 = np.zeros_like(W1)
    db1 = np.zeros_like(b1)
    dW2 = np.zeros_like(W2)
    db2 = np.zeros_like(b2)
    for n in range(X.shape[0]):
        x = X[n]
        a1 = sigmoid(np.dot(x, W1) + b1)
        a2 = sigmoid(np.dot(a1, W2) + b2)
        d2 = a2 - Y[n]
        d1 = np.dot(W2, d2)
        dW2 += np.outer(a1, d2)
        db2 += d2
        dW1 += np.outer(x, d1)
        db1 += d1
    return dW1, db1, dW2, db2


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
