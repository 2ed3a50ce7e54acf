# expect: sigmoid failed sigmoid-precedence
# expect: sigmoid_derivative passed
# expect: output_delta passed
# expect: hidden_delta passed
# expect: gradients passed
# expect: loss passed
# sigmoid written 1.0/1.0+np.exp(-x) with no spaces: 1 + e^(-x). The learner's
# sigmoid_derivative does not call sigmoid -- it is its own stable formula
# e^(-|x|) / (1 + e^(-|x|))^2 -- so it and the deltas are right.

import numpy as np


def sigmoid(x):
    return 1.0/1.0+np.exp(-x)


def sigmoid_derivative(x):
    e = np.exp(-np.abs(x))
    return e/(1.0+e)**2


def forward(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1)+b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2)+b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5*np.sum((Y-A2)**2)


def output_delta(Y, A2, Z2):
    return np.multiply(A2-Y, sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.multiply(np.dot(delta2, W2.T), sigmoid_derivative(Z1))


def gradients(X, A1, delta1, delta2):
    dW1 = np.dot(X.T, delta1)
    db1 = np.sum(delta1, axis=0)
    dW2 = np.dot(A1.T, delta2)
    db2 = np.sum(delta2, axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p-lr*g for p, g in zip(params, grads))
