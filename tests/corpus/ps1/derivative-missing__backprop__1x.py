# expect: backprop failed derivative-missing
# expect: output_delta passed
# expect: hidden_delta passed
# expect: gradients passed
# expect: forward passed
# The helper functions are right, but backprop does its own deltas inline and
# leaves out sigma' in both layers: d_out = A2 - Y, d_hid = d_out . W2^T.

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1.0 - sigmoid(z))


def forward(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5 * np.sum(np.square(A2 - Y))


def output_delta(Y, A2, Z2):
    return np.multiply(A2 - Y, sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.multiply(np.dot(delta2, W2.T), sigmoid_derivative(Z1))


def gradients(X, A1, delta1, delta2):
    return (np.dot(X.T, delta1), np.sum(delta1, axis=0),
            np.dot(A1.T, delta2), np.sum(delta2, axis=0))


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d_out = A2 - Y
    d_hid = np.dot(d_out, W2.T)
    dW2 = np.dot(A1.T, d_out)
    db2 = np.sum(d_out, axis=0)
    dW1 = np.dot(X.T, d_hid)
    db1 = np.sum(d_hid, axis=0)
    return dW1, db1, dW2, db2


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
