# expect: output_delta failed derivative-missing
# expect: sigmoid passed
# expect: sigmoid_derivative passed
# expect: hidden_delta passed
# expect: gradients passed
# expect: sgd_step passed
# np.dot / np.multiply style with a stable sigmoid. output_delta writes A2 - Y
# into a fresh buffer (out=) and stops there: the error, never multiplied by
# sigma'(Z2). Everything else is right.

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def sigmoid_derivative(z):
    sig = sigmoid(z)
    return np.multiply(sig, 1.0 - sig)


def forward(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2) + b2
    A2 = sigmoid(Z2)
    return (Z1, A1, Z2, A2)


def loss(Y, A2):
    diff = np.subtract(A2, Y)
    return 0.5 * np.sum(np.multiply(diff, diff))


def output_delta(Y, A2, Z2):
    delta = np.empty_like(A2)
    np.subtract(A2, Y, out=delta)   # dE/dA2
    return delta


def hidden_delta(delta2, W2, Z1):
    back = np.dot(delta2, W2.T)
    return np.multiply(back, sigmoid_derivative(Z1))


def gradients(X, A1, delta1, delta2):
    dW1 = np.dot(X.T, delta1)
    db1 = np.sum(delta1, axis=0)
    dW2 = np.dot(A1.T, delta2)
    db2 = np.sum(delta2, axis=0)
    return (dW1, db1, dW2, db2)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


def sgd_step(params, grads, lr):
    new_params = []
    for p, g in zip(params, grads):
        new_params.append(p - lr * g)
    return tuple(new_params)
