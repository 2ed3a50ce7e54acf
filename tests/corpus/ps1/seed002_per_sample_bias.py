# expect: gradients failed bias-not-summed
# expect: backprop failed bias-not-summed
# expect: sigmoid passed
# expect: sigmoid_derivative passed
# expect: forward passed
# expect: loss passed
# expect: output_delta passed
# expect: hidden_delta passed
# expect: sgd_step passed
# Seed 002: the single-instance walk-through, dEdB1 = dEdInL1, dEdB2 = dEdInL2,
# so over a batch the bias gradients are per-sample (N, H) and (N, K).

import numpy as np


def sigmoid(v):
    return 1/(1+np.exp(-v))


def sigmoid_derivative(v):
    return sigmoid(v)*(1-sigmoid(v))


def forward(X, W1, b1, W2, b2):
    inL1 = X@W1 + b1
    outL1 = sigmoid(inL1)
    inL2 = outL1@W2 + b2
    outL2 = sigmoid(inL2)
    return inL1, outL1, inL2, outL2


def loss(Y, A2):
    e = 0.5*np.power(Y-A2, 2)
    return e.sum()


def output_delta(Y, A2, Z2):
    dEdOutL2 = A2 - Y
    dOutL2dInL2 = sigmoid_derivative(Z2)
    return dEdOutL2*dOutL2dInL2


def hidden_delta(delta2, W2, Z1):
    dEdOutL1 = delta2 @ W2.T
    dOutL1dInL1 = sigmoid_derivative(Z1)
    return dEdOutL1*dOutL1dInL1


def gradients(X, A1, delta1, delta2):
    dEdW1 = X.T @ delta1
    dEdB1 = delta1
    dEdW2 = A1.T @ delta2
    dEdB2 = delta2
    return dEdW1, dEdB1, dEdW2, dEdB2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    w1, b1, w2, b2 = params
    dEdW1, dEdB1, dEdW2, dEdB2 = grads
    w1 = w1 - lr*dEdW1
    b1 = b1 - lr*dEdB1
    w2 = w2 - lr*dEdW2
    b2 = b2 - lr*dEdB2
    return w1, b1, w2, b2
