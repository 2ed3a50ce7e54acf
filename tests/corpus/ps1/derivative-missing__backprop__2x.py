# expect: backprop failed derivative-missing
# expect: output_delta passed
# expect: hidden_delta passed
# expect: sigmoid_derivative passed
# expect: loss passed
# backprop written out inline. The output error term is yhat - y with no
# sigma'(Z2) (the cross-entropy shortcut); the hidden layer is done properly,
# with sigma'(Z1) taken from the activations as A1 * (1 - A1).

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s - s ** 2


def forward(X, W1, b1, W2, b2):
    hidden_in = X @ W1 + b1
    hidden_out = sigmoid(hidden_in)
    out_in = hidden_out @ W2 + b2
    out = sigmoid(out_in)
    return hidden_in, hidden_out, out_in, out


def loss(Y, A2):
    return ((A2 - Y) ** 2).sum() / 2


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return delta2 @ W2.T * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(0), A1.T @ delta2, delta2.sum(0)


def backprop(X, Y, W1, b1, W2, b2):
    hidden_in, hidden_out, out_in, yhat = forward(X, W1, b1, W2, b2)
    out_error_term = yhat - Y
    hidden_error_term = (out_error_term @ W2.T) * hidden_out * (1 - hidden_out)
    dW2 = hidden_out.T @ out_error_term
    db2 = out_error_term.sum(axis=0)
    dW1 = X.T @ hidden_error_term
    db1 = hidden_error_term.sum(axis=0)
    return dW1, db1, dW2, db2


def sgd_step(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads)]
