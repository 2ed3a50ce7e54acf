# expect: all passed
# losses as a 1-D numpy array, predict as a bool array; stable sigmoid; the
# update written in train itself.
import numpy as np


# --- my network from ps1 ---
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1) + b1
    A1 = sigmoid(Z1)
    Z2 = np.dot(A1, W2) + b2
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    return float(0.5 * np.sum(np.square(A2 - Y)))


def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)


def hidden_delta(delta2, W2, Z1):
    return np.dot(delta2, W2.T) * sigmoid_derivative(Z1)


def gradients(X, A1, delta1, delta2):
    return np.dot(X.T, delta1), np.sum(delta1, 0), np.dot(A1.T, delta2), np.sum(delta2, 0)


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads)]


# --- ps3 ---
def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    params = {}
    params["W1"] = rng.normal(loc=0.0, scale=1.0 / np.sqrt(D), size=(D, H))
    params["W2"] = rng.normal(loc=0.0, scale=1.0 / np.sqrt(H), size=(H, K))
    params["b1"] = np.zeros(H)
    params["b2"] = np.zeros(K)
    return params


def train(X, Y, params, lr, epochs):
    W1 = params["W1"].copy()
    b1 = params["b1"].copy()
    W2 = params["W2"].copy()
    b2 = params["b2"].copy()
    losses = np.zeros(epochs)
    for t in range(epochs):
        Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
        losses[t] = loss(Y, A2)
        dW1, db1, dW2, db2 = backprop(X, Y, W1, b1, W2, b2)
        W1 = W1 - lr * dW1
        b1 = b1 - lr * db1
        W2 = W2 - lr * dW2
        b2 = b2 - lr * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses


def predict(X, params):
    A2 = forward(X, params["W1"], params["b1"], params["W2"], params["b2"])[3]
    return A2 > 0.5
