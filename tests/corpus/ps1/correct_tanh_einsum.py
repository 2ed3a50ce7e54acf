# expect: all passed
# sigmoid through tanh, every product an einsum.
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid_derivative(z):
    t = np.tanh(0.5 * np.asarray(z, dtype=float))
    return 0.25 * (1.0 - t * t)


def forward(X, W1, b1, W2, b2):
    Z1 = np.einsum("nd,dh->nh", X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.einsum("nh,hk->nk", A1, W2) + b2
    A2 = sigmoid(Z2)
    return [Z1, A1, Z2, A2]          # a list is fine where a tuple is asked


def loss(Y, A2):
    r = A2 - Y
    return 0.5 * np.einsum("nk,nk->", r, r)


def output_delta(Y, A2, Z2):
    return np.einsum("nk,nk->nk", A2 - Y, sigmoid_derivative(Z2))


def hidden_delta(delta2, W2, Z1):
    return np.einsum("nk,hk->nh", delta2, W2) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return (np.einsum("nd,nh->dh", X, delta1),
            np.einsum("nh->h", delta1),
            np.einsum("nh,nk->hk", A1, delta2),
            np.einsum("nk->k", delta2))


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


def sgd_step(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads)]
