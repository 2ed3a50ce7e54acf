# expect: sigmoid failed sigmoid-precedence
# expect: loss passed
# expect: gradients passed
# expect: sgd_step passed
# e^(-z) spelt np.power(np.e, -z), and the same precedence slip:
# 1. / 1 + np.power(np.e, -z) is 1 + e^(-z). The input is converted to a float
# array first, which makes it look careful.

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    return 1. / 1 + np.power(np.e, -z)


def sigmoid_derivative(z):
    a = sigmoid(z)
    return a * (1. - a)


def forward(X, W1, b1, W2, b2):
    Z1 = np.matmul(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.matmul(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    residual = A2 - Y
    return 0.5 * np.sum(residual * residual)


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.matmul(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW1 = np.matmul(X.T, delta1)
    db1 = delta1.sum(axis=0)
    dW2 = np.matmul(A1.T, delta2)
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    W1 = W1 - lr * dW1
    b1 = b1 - lr * db1
    W2 = W2 - lr * dW2
    b2 = b2 - lr * db2
    return W1, b1, W2, b2
