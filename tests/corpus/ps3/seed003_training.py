# expect: predict raised
# expect: train failed mutates-input
# expect: init_params passed
# Seed 003's training, translated to the spec's signature: the model dict updated
# in place (+=) with the seed's backprop (error from the 0/1 output, Y - output so
# the update adds, lr folded into the weight steps (the seed used 0.01) and none
# in the bias steps, keepdims bias gradients indexed back to (H,) so += works on
# the spec's 1-d biases), and the 0/1 output built with np.int, which NumPy removed
# (AttributeError), so predict raises. Whatever else is wrong with train, it changes
# the arrays it was given, which is mutates-input.

import numpy as np


# --- my network from ps1 ---


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def forward(X, W1, b1, W2, b2):
    z1 = np.dot(X, W1) + b1 ## hidden layer input
    a1 = sigmoid(z1)        ## hidden layer input
    z2 = np.dot(a1, W2) + b2 ## output layer input
    a2 = sigmoid(z2) ## output layer ... uhm, output
    return z1, a1, z2, a2


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
    model = params
    losses = []
    for epoch in range(epochs):
        W1, b1, W2, b2 = model['W1'], model['b1'], model['W2'], model['b2']
        z1, a1, z2, a2 = forward(X, W1, b1, W2, b2)
        output = (a2 > .5).astype(int)
        losses.append(loss(Y, output))
        error = Y - output
        out_error_term = error * a2 * (1 - a2)
        hidden_error = np.dot(out_error_term, W2.T)
        hidden_error_term = hidden_error * a1 * (1 - a1)
        dW2 = lr * np.dot(a1.T, out_error_term)
        db2 = np.sum(out_error_term, axis=0, keepdims=True)
        dW1 = lr * np.dot(X.T, hidden_error_term)
        db1 = np.sum(hidden_error_term, axis=0, keepdims=True)
        model['W1'] += dW1
        model['b1'] += db1[0]
        model['W2'] += dW2
        model['b2'] += db2[0]
    return model, losses


def predict(X, params):
    a2 = forward(X, params['W1'], params['b1'], params['W2'], params['b2'])[3]
    output = (a2 > .5).astype(np.int)
    return output
