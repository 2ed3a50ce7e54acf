# expect: sigmoid failed sigmoid-precedence
# expect: sigmoid_derivative failed sigmoid-precedence
# expect: forward failed sigmoid-precedence
# expect: output_delta failed sigmoid-precedence
# expect: hidden_delta failed sigmoid-precedence
# expect: backprop failed sigmoid-precedence
# expect: loss passed
# expect: gradients passed
# expect: sgd_step passed
# The classic slip: 1 / 1 + np.exp(-z) is (1 / 1) + e^-z = 1 + e^-z. Everything that
# calls sigmoid inherits it; the functions that never touch sigma are right, including a
# bias gradient summed with the built-in sum (which adds up the rows: right here).

import numpy as np


def sigmoid(z):
    return 1 / 1 + np.exp(-z)


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


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
    return delta2 @ W2.T * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, sum(delta1), A1.T @ delta2, sum(delta2)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
