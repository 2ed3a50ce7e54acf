# expect: hidden_delta failed derivative-missing
# expect: backprop failed derivative-missing
# expect: output_delta passed
# expect: gradients passed
# expect: sigmoid passed
# The error is sent back through W2 but not through the hidden units' sigmoid:
# delta1 = delta2 W2^T without the factor sigma'(Z1). Written with np.matmul and an
# in-place update on a fresh array.

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
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = np.matmul(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.matmul(A1, W2) + b2
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    diff = A2 - Y
    return 0.5 * float(np.sum(diff * diff))


def output_delta(Y, A2, Z2):
    delta = A2 - Y
    delta *= sigmoid_derivative(Z2)
    return delta


def hidden_delta(delta2, W2, Z1):
    back = np.matmul(delta2, W2.T)
    back *= 1.0
    return back


def gradients(X, A1, delta1, delta2):
    dW1 = np.matmul(X.T, delta1)
    dW2 = np.matmul(A1.T, delta2)
    return dW1, delta1.sum(axis=0), dW2, delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
