# expect: hidden_delta failed derivative-missing
# expect: output_delta passed
# expect: sigmoid passed
# expect: gradients passed
# expect: sgd_step passed
# Explicit loops throughout. hidden_delta sums delta2[n, k] * W2[h, k] over k
# for every sample and hidden unit, and stores that sum as the delta, never
# multiplying by sigma'(Z1[n, h]).

import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros(z.shape)
    for idx in np.ndindex(z.shape):
        v = z[idx]
        if v >= 0:
            out[idx] = 1.0 / (1.0 + np.exp(-v))
        else:
            out[idx] = np.exp(v) / (1.0 + np.exp(v))
    return out


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def forward(X, W1, b1, W2, b2):
    Z1 = np.zeros((X.shape[0], W1.shape[1]))
    for n in range(X.shape[0]):
        for h in range(W1.shape[1]):
            Z1[n, h] = b1[h] + sum(X[n, d] * W1[d, h] for d in range(X.shape[1]))
    A1 = sigmoid(Z1)
    Z2 = np.zeros((X.shape[0], W2.shape[1]))
    for n in range(X.shape[0]):
        for k in range(W2.shape[1]):
            Z2[n, k] = b2[k] + sum(A1[n, h] * W2[h, k] for h in range(W2.shape[0]))
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    E = 0.0
    for n in range(Y.shape[0]):
        for k in range(Y.shape[1]):
            E += 0.5 * (A2[n, k] - Y[n, k]) ** 2
    return E


def output_delta(Y, A2, Z2):
    N, K = Y.shape
    d = np.zeros((N, K))
    for n in range(N):
        for k in range(K):
            s = sigmoid(Z2[n, k])
            d[n, k] = (A2[n, k] - Y[n, k]) * s * (1.0 - s)
    return d


def hidden_delta(delta2, W2, Z1):
    N, K = delta2.shape
    H = W2.shape[0]
    d = np.zeros((N, H))
    for n in range(N):
        for h in range(H):
            total = 0.0
            for k in range(K):
                total += delta2[n, k] * W2[h, k]
            d[n, h] = total
    return d


def gradients(X, A1, delta1, delta2):
    N, D = X.shape
    H = A1.shape[1]
    K = delta2.shape[1]
    dW1 = np.zeros((D, H))
    db1 = np.zeros(H)
    dW2 = np.zeros((H, K))
    db2 = np.zeros(K)
    for n in range(N):
        for h in range(H):
            for d in range(D):
                dW1[d, h] += X[n, d] * delta1[n, h]
            db1[h] += delta1[n, h]
            for k in range(K):
                dW2[h, k] += A1[n, h] * delta2[n, k]
        for k in range(K):
            db2[k] += delta2[n, k]
    return dW1, db1, dW2, db2


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    out = []
    for p, g in zip(params, grads):
        q = p.copy()
        for idx in np.ndindex(q.shape):
            q[idx] -= lr * g[idx]
        out.append(q)
    return tuple(out)
