# expect: train failed sigmoid-precedence
# expect: init_params passed
# expect: predict failed
# The ps1 network pasted in with sigmoid written 1 / 1 + np.exp(-z). train is named
# from its outputs; predict says 1 everywhere (1 + e^-z > 0.5 always), which alone
# singles out no mistake, so predict is named by none (when graded in full, it is said
# to fail through sigmoid).

import numpy as np


# --- my network from ps1 ---


def sigmoid(z):
    return 1 / 1 + np.exp(-z)


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, W2) + b2
    return z1, a1, z2, sigmoid(z2)


def loss(Y, A2):
    return float(0.5 * np.sum((A2 - Y) ** 2))


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.dot(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return np.dot(X.T, delta1), np.sum(delta1, axis=0), np.dot(A1.T, delta2), np.sum(delta2, axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    z1, a1, z2, a2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, a2, z2)
    d1 = hidden_delta(d2, W2, z1)
    return gradients(X, a1, d1, d2)


# --- ps3 ---


def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0, 1 / np.sqrt(D), (D, H)), "b1": np.zeros(H),
            "W2": rng.normal(0, 1 / np.sqrt(H), (H, K)), "b2": np.zeros(K)}


def train(X, Y, params, lr, epochs):
    W1, b1, W2, b2 = (params[k].copy() for k in ("W1", "b1", "W2", "b2"))
    losses = []
    for _ in range(epochs):
        losses.append(loss(Y, forward(X, W1, b1, W2, b2)[3]))
        dW1, db1, dW2, db2 = backprop(X, Y, W1, b1, W2, b2)
        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses


def predict(X, params):
    A2 = forward(X, params["W1"], params["b1"], params["W2"], params["b2"])[3]
    return (A2 > 0.5).astype(int)
