# expect: hidden_delta failed derivative-missing
# expect: output_delta failed derivative-missing
# expect: sigmoid_derivative passed
# expect: gradients passed
# expect: loss passed
# expect: sgd_step passed
# Both deltas without sigma': output_delta is the bare error A2 - Y and
# hidden_delta only carries delta2 back through W2 (einsum). The learner wrote
# a correct sigmoid_derivative and then used it nowhere.

import numpy as np


def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -x))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = np.einsum("nd,dh->nh", X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.einsum("nh,hk->nk", A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    r = (A2 - Y).ravel()
    return 0.5 * float(r @ r)


def output_delta(Y, A2, Z2):
    err = A2 - Y
    return err


def hidden_delta(delta2, W2, Z1):
    return np.einsum("nk,hk->nh", delta2, W2)


def gradients(X, A1, delta1, delta2):
    dW1 = np.einsum("nd,nh->dh", X, delta1)
    db1 = np.einsum("nh->h", delta1)
    dW2 = np.einsum("nh,nk->hk", A1, delta2)
    db2 = np.einsum("nk->k", delta2)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))
