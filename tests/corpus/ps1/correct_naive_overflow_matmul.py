# expect: all passed
# The textbook sigmoid 1/(1+exp(-z)): at z = -1000 exp overflows to inf with a
# RuntimeWarning, and 1/(1+inf) = 0.0 is the right, finite answer. np.matmul.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


def forward(X, W1, b1, W2, b2):
    Z1 = np.matmul(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.matmul(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return np.sum(np.square(A2 - Y)) / 2


def output_delta(Y, A2, Z2):
    return np.multiply(A2 - Y, sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.multiply(np.matmul(delta2, np.transpose(W2)), sigmoid_derivative(Z1))


def gradients(X, A1, delta1, delta2):
    dW1 = np.matmul(np.transpose(X), delta1)
    dW2 = np.matmul(np.transpose(A1), delta2)
    return dW1, delta1.sum(0), dW2, delta2.sum(0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    return gradients(X, A1, hidden_delta(d2, W2, Z1), d2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    gW1, gb1, gW2, gb2 = grads
    return (np.subtract(W1, lr * gW1), np.subtract(b1, lr * gb1),
            np.subtract(W2, lr * gW2), np.subtract(b2, lr * gb2))
