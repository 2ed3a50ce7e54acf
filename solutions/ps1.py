"""ps1 — backpropagation by hand: the two-layer sigmoid network and its gradient."""

import numpy as np


def sigmoid(z):
    """σ(z) elementwise, any shape; finite for large |z|."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # never overflows: |z| ≥ 0
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    ### END SOLUTION


def sigmoid_derivative(z):
    """σ'(z) = σ(z)·(1 − σ(z)), where z is the PRE-activation."""
    ### BEGIN SOLUTION
    s = sigmoid(z)
    return s * (1 - s)
    ### END SOLUTION


def forward(X, W1, b1, W2, b2):
    """Forward pass: returns (Z1, A1, Z2, A2)."""
    ### BEGIN SOLUTION
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2
    ### END SOLUTION


def loss(Y, A2):
    """E = ½ Σ (A2 − Y)², a float."""
    ### BEGIN SOLUTION
    return float(0.5 * np.sum((A2 - Y) ** 2))
    ### END SOLUTION


def output_delta(Y, A2, Z2):
    """δ2 = (A2 − Y) ⊙ σ'(Z2), shape (N, K)."""
    ### BEGIN SOLUTION
    return (A2 - Y) * sigmoid_derivative(Z2)
    ### END SOLUTION


def hidden_delta(delta2, W2, Z1):
    """δ1 = (δ2 W2ᵀ) ⊙ σ'(Z1), shape (N, H)."""
    ### BEGIN SOLUTION
    return (delta2 @ W2.T) * sigmoid_derivative(Z1)
    ### END SOLUTION


def gradients(X, A1, delta1, delta2):
    """(dW1, db1, dW2, db2) from the deltas, summed over the samples."""
    ### BEGIN SOLUTION
    dW1 = X.T @ delta1
    db1 = delta1.sum(axis=0)
    dW2 = A1.T @ delta2
    db2 = delta2.sum(axis=0)
    return dW1, db1, dW2, db2
    ### END SOLUTION


def backprop(X, Y, W1, b1, W2, b2):
    """The gradient of E with respect to (W1, b1, W2, b2)."""
    ### BEGIN SOLUTION
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)
    ### END SOLUTION


def sgd_step(params, grads, lr):
    """One gradient-descent step: a new tuple (W1, b1, W2, b2) = params − lr·grads."""
    ### BEGIN SOLUTION
    return tuple(p - lr * g for p, g in zip(params, grads))
    ### END SOLUTION
