# expect: loss failed thresholded-output
# expect: output_delta failed thresholded-output
# expect: gradients failed kept-dims
# expect: sgd_step failed lr-not-applied
# expect: sigmoid passed
# expect: forward passed
# expect: hidden_delta passed
# Seed 003's bugs, one per function: the error from the 0/1 output (loss,
# output_delta), keepdims bias gradients, the biases updated without the learning
# rate. backprop combines two of them (thresholded delta2, keepdims biases), which
# no single id explains, so it is not asserted.

import numpy as np


def sigmoid(x):
    return 1. / (1 + np.exp(-x))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    output = (A2 > .5).astype(int)
    return 0.5 * np.sum(np.square(Y - output))


def output_delta(Y, A2, Z2):
    output = (A2 > .5).astype(int)
    error = output - Y
    return error * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW2 = np.dot(A1.T, delta2)
    db2 = np.sum(delta2, axis=0, keepdims=True)
    dW1 = np.dot(X.T, delta1)
    db1 = np.sum(delta1, axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - db1, W2 - lr * dW2, b2 - db2
