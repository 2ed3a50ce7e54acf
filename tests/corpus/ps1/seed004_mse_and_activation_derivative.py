# expect: sigmoid_derivative failed derivative-of-activation
# expect: loss failed scaled
# expect: output_delta passed
# expect: hidden_delta passed
# expect: backprop passed
# expect: sigmoid passed
# expect: forward passed
# expect: gradients passed
# expect: sgd_step passed
# Seed 004: sigmoid_derivative written for activations, and every caller hands it
# an activation (A2, sigmoid(Z1)), so the two mistakes cancel and the deltas are
# right; the loss is stated as MSE (factor 2/(N*K)) while the gradient is that of
# 1/2 SSE.

import numpy as np


def sigmoid(z):
    # stable: never exponentiate a large positive number
    z = np.asarray(z, dtype=float)
    ez = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + ez), ez / (1.0 + ez))


def sigmoid_derivative(x):
    # If x is already the sigmoid output (a), use a * (1 - a)
    return x * (1 - x)


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    a2 = sigmoid(z2)
    return (z1, a1, z2, a2)


def loss(Y, A2):
    return np.mean((Y - A2)**2)


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(A2)


def hidden_delta(delta2, W2, Z1):
    A1 = sigmoid(Z1)
    dLoss_dA1 = np.dot(delta2, W2.T)
    return dLoss_dA1 * sigmoid_derivative(A1)


def gradients(X, A1, delta1, delta2):
    dW1 = np.dot(X.T, delta1)
    db1 = np.sum(delta1, axis=0)
    dW2 = np.dot(A1.T, delta2)
    db2 = np.sum(delta2, axis=0)
    return (dW1, db1, dW2, db2)


def backprop(X, Y, W1, b1, W2, b2):
    z1, a1, z2, a2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, a2, z2)
    d1 = hidden_delta(d2, W2, z1)
    return gradients(X, a1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
