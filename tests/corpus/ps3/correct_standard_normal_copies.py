# expect: all passed
# init through standard_normal / sqrt (the same stream as rng.normal), copy.deepcopy
# of the params, in-place updates on the private copy, np.where for predict.
import copy

import numpy as np


# --- my network from ps1 ---
def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


def forward(X, W1, b1, W2, b2):
    Z1 = np.matmul(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.matmul(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return 0.5 * ((A2 - Y) ** 2).sum()


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.matmul(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return np.matmul(X.T, delta1), delta1.sum(axis=0), np.matmul(A1.T, delta2), delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


def sgd_step(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))


# --- ps3 ---
def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((D, H)) / np.sqrt(D)
    W2 = rng.standard_normal((H, K)) / np.sqrt(H)
    return dict(W1=W1, b1=np.zeros(H), W2=W2, b2=np.zeros(K))


def train(X, Y, params, lr, epochs):
    p = copy.deepcopy(params)
    losses = []
    for epoch in range(epochs):
        Z1, A1, Z2, A2 = forward(X, p["W1"], p["b1"], p["W2"], p["b2"])
        losses.append(loss(Y, A2))
        grads = backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
        for name, g in zip(["W1", "b1", "W2", "b2"], grads):
            p[name] -= lr * g          # p is my own deep copy
    return p, losses


def predict(X, params):
    _, _, _, A2 = forward(X, params["W1"], params["b1"], params["W2"], params["b2"])
    return np.where(A2 > 0.5, 1, 0)
