# expect: all passed
# Explicit Python loops everywhere, scalar math with a branch so math.exp never
# overflows.
import math

import numpy as np


def _sig(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for ix in np.ndindex(z.shape):
        out[ix] = _sig(z[ix])
    return out


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for ix in np.ndindex(z.shape):
        s = _sig(z[ix])
        out[ix] = s * (1.0 - s)
    return out


def _matmul(P, Q):
    n, m = P.shape
    m2, k = Q.shape
    assert m == m2
    R = np.zeros((n, k))
    for i in range(n):
        for j in range(k):
            total = 0.0
            for t in range(m):
                total += P[i, t] * Q[t, j]
            R[i, j] = total
    return R


def forward(X, W1, b1, W2, b2):
    Z1 = _matmul(X, W1)
    for i in range(Z1.shape[0]):
        for j in range(Z1.shape[1]):
            Z1[i, j] += b1[j]
    A1 = sigmoid(Z1)
    Z2 = _matmul(A1, W2)
    for i in range(Z2.shape[0]):
        for j in range(Z2.shape[1]):
            Z2[i, j] += b2[j]
    A2 = sigmoid(Z2)
    return Z1, A1, Z2, A2


def loss(Y, A2):
    total = 0.0
    for i in range(Y.shape[0]):
        for k in range(Y.shape[1]):
            total += (A2[i, k] - Y[i, k]) ** 2
    return 0.5 * total


def output_delta(Y, A2, Z2):
    d = np.zeros(Y.shape)
    sp = sigmoid_derivative(Z2)
    for i in range(Y.shape[0]):
        for k in range(Y.shape[1]):
            d[i, k] = (A2[i, k] - Y[i, k]) * sp[i, k]
    return d


def hidden_delta(delta2, W2, Z1):
    N, K = delta2.shape
    H = W2.shape[0]
    sp = sigmoid_derivative(Z1)
    d = np.zeros((N, H))
    for n in range(N):
        for h in range(H):
            s = 0.0
            for k in range(K):
                s += delta2[n, k] * W2[h, k]
            d[n, h] = s * sp[n, h]
    return d


def gradients(X, A1, delta1, delta2):
    N, D = X.shape
    H = delta1.shape[1]
    K = delta2.shape[1]
    dW1 = np.zeros((D, H))
    db1 = np.zeros(H)
    dW2 = np.zeros((H, K))
    db2 = np.zeros(K)
    for n in range(N):
        for d in range(D):
            for h in range(H):
                dW1[d, h] += X[n, d] * delta1[n, h]
        for h in range(H):
            db1[h] += delta1[n, h]
            for k in range(K):
                dW2[h, k] += A1[n, h] * delta2[n, k]
        for k in range(K):
            db2[k] += delta2[n, k]
    return [dW1, db1, dW2, db2]


def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    delta2 = output_delta(Y, A2, Z2)
    delta1 = hidden_delta(delta2, W2, Z1)
    return gradients(X, A1, delta1, delta2)


def sgd_step(params, grads, lr):
    new = []
    for p, g in zip(params, grads):
        q = np.array(p, dtype=float, copy=True)
        for ix in np.ndindex(q.shape):
            q[ix] = q[ix] - lr * g[ix]
        new.append(q)
    return tuple(new)
