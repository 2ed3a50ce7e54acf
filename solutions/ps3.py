"""ps3 — training: initialise, train by full-batch gradient descent, predict."""

import numpy as np

from solutions.ps1 import backprop, forward, loss


def init_params(D, H, K, seed):
    """W1 ~ N(0, 1/√D), then W2 ~ N(0, 1/√H), from default_rng(seed); biases zero."""
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1 / np.sqrt(D), (D, H))
    W2 = rng.normal(0, 1 / np.sqrt(H), (H, K))
    return {"W1": W1, "b1": np.zeros(H), "W2": W2, "b2": np.zeros(K)}
    ### END SOLUTION


def train(X, Y, params, lr, epochs):
    """Full-batch gradient descent from params; returns (new params, losses before each update)."""
    ### BEGIN SOLUTION
    p = {k: v.copy() for k, v in params.items()}
    losses = []
    for _ in range(epochs):
        losses.append(loss(Y, forward(X, p["W1"], p["b1"], p["W2"], p["b2"])[3]))
        grads = backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
        for name, g in zip(("W1", "b1", "W2", "b2"), grads):
            p[name] = p[name] - lr * g
    return p, losses
    ### END SOLUTION


def predict(X, params):
    """1 where the network's output A2 > 0.5, else 0; an integer array (N, K)."""
    ### BEGIN SOLUTION
    A2 = forward(X, params["W1"], params["b1"], params["W2"], params["b2"])[3]
    return (A2 > 0.5).astype(int)
    ### END SOLUTION
