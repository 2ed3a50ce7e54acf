# expect: loss failed builtin-sum
# expect: gradients passed
# expect: backprop passed
# expect: hidden_delta passed
# expect: sgd_step passed
# Seed 001's style: J = 0.5*sum((y-yHat)**2) with the builtin sum, np.dot
# everywhere. The learner uses the builtin sum for the bias gradients too --
# there sum(delta) adds the samples, which is exactly delta.sum(axis=0), so
# gradients and backprop are right; only the loss is a (K,) vector.

import numpy as np


def sigmoid(z):
    return 1/(1+np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s*(1-s)


def forward(X, W1, b1, W2, b2):
    z2 = np.dot(X, W1) + b1
    a2 = sigmoid(z2)
    z3 = np.dot(a2, W2) + b2
    yHat = sigmoid(z3)
    return [z2, a2, z3, yHat]


def loss(Y, A2):
    J = 0.5*sum((Y-A2)**2)
    return J


def output_delta(Y, A2, Z2):
    return np.multiply(-(Y-A2), sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.dot(delta2, W2.T)*sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dJdW1 = np.dot(X.T, delta1)
    dJdb1 = sum(delta1)
    dJdW2 = np.dot(A1.T, delta2)
    dJdb2 = sum(delta2)
    return dJdW1, dJdb1, dJdW2, dJdb2


def backprop(X, Y, W1, b1, W2, b2):
    z2, a2, z3, yHat = forward(X, W1, b1, W2, b2)
    delta3 = output_delta(Y, yHat, z3)
    delta2 = hidden_delta(delta3, W2, z2)
    return gradients(X, a2, delta2, delta3)


def sgd_step(params, grads, lr):
    return tuple(p - lr*g for p, g in zip(params, grads))
