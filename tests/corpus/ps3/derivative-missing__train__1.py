# expect: train failed derivative-missing
# expect: init_params passed
# expect: predict passed
# The ps1 network pasted in with its output delta taken from a cross-entropy
# tutorial, a2 - y without sigma'(Z2). Training still runs downhill (loosely), but
# its weights and losses are not those of gradient descent on E.

import numpy as np


# --- my network from ps1 ---


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    return Z1, A1, Z2, sigmoid(Z2)


def loss(Y, A2):
    return 0.5 * np.sum((A2 - Y) ** 2)


def output_delta(Y, A2, Z2):
    return A2 - Y


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)


# --- ps3 ---


def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1 / np.sqrt(D), (D, H))
    W2 = rng.normal(0, 1 / np.sqrt(H), (H, K))
    return {"W1": W1, "b1": np.zeros(H), "W2": W2, "b2": np.zeros(K)}


def train(X, Y, params, lr, epochs):
    p = {k: np.array(v, copy=True) for k, v in params.items()}
    losses = []
    for _ in range(epochs):
        A2 = forward(X, p["W1"], p["b1"], p["W2"], p["b2"])[3]
        losses.append(float(loss(Y, A2)))
        grads = backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
        for name, g in zip(["W1", "b1", "W2", "b2"], grads):
            p[name] -= lr * g
    return p, losses


def predict(X, params):
    A2 = forward(X, params["W1"], params["b1"], params["W2"], params["b2"])[3]
    return (A2 > 0.5).astype(int)
