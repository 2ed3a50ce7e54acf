# expect: predict wrong-shape
# expect: init_params passed
# expect: train passed
# predict flattens its answer to (N*K,) instead of (N, K).

import numpy as np


# --- my network from ps1 ---


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


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
    return 0.5 * np.sum((A2 - Y) ** 2)


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    dW1 = X.T @ delta1
    db1 = delta1.sum(axis=0)
    dW2 = A1.T @ delta2
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    W1, b1, W2, b2 = params
    dW1, db1, dW2, db2 = grads
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2


# --- ps3 ---


def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1 / np.sqrt(D), (D, H))
    W2 = rng.normal(0, 1 / np.sqrt(H), (H, K))
    return {"W1": W1, "b1": np.zeros(H), "W2": W2, "b2": np.zeros(K)}


def train(X, Y, params, lr, epochs):
    p = {k: v.copy() for k, v in params.items()}
    losses = []
    for _ in range(epochs):
        _, _, _, A2 = forward(X, p["W1"], p["b1"], p["W2"], p["b2"])
        losses.append(loss(Y, A2))
        grads = backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
        new = sgd_step((p["W1"], p["b1"], p["W2"], p["b2"]), grads, lr)
        p = dict(zip(("W1", "b1", "W2", "b2"), new))
    return p, losses


def predict(X, params):
    A2 = forward(X, params["W1"], params["b1"], params["W2"], params["b2"])[3]
    return (A2 > 0.5).astype(int).ravel()
