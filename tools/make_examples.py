"""Build the bundled example submissions from the released notebooks (authoring helper)."""
import inspect
import sys
import textwrap
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import solutions.ps1 as s1
import solutions.ps2 as s2
import solutions.ps3 as s3

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "autograder" / "examples"


def src(fn):
    return inspect.getsource(fn)


def build(assignment, notebook, student, answers):
    nb = nbformat.read(str(ROOT / "release" / assignment / notebook), 4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and gid in answers:
            cell.source = textwrap.dedent(answers[gid]).strip("\n")
    (OUT / assignment).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(OUT / assignment / f"{student}.ipynb"))


PS1 = {n: src(getattr(s1, n)) for n in ["sigmoid", "sigmoid_derivative", "forward", "loss", "output_delta",
                                         "hidden_delta", "gradients", "backprop", "sgd_step"]}

def ps1():
    build("ps1", "backprop.ipynb", "alice", PS1)
    build("ps1", "backprop.ipynb", "bob", {k: PS1[k] for k in ["sigmoid", "sigmoid_derivative", "forward", "loss"]})
    carol = dict(PS1)
    carol["sigmoid"] = '''
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))
    '''
    carol["sigmoid_derivative"] = '''
    def sigmoid_derivative(z):
        # the derivative of the sigmoid is a * (1 - a)
        return z * (1 - z)
    '''
    carol["loss"] = '''
    def loss(Y, A2):
        return np.mean((Y - A2) ** 2)
    '''
    build("ps1", "backprop.ipynb", "carol", carol)
    dan = dict(PS1)
    dan["output_delta"] = '''
    def output_delta(Y, A2, Z2):
        return (Y - A2) * sigmoid_derivative(Z2)
    '''
    dan["gradients"] = '''
    def gradients(X, A1, delta1, delta2):
        dW1 = X.T @ delta1
        db1 = np.sum(delta1, axis=0, keepdims=True)
        dW2 = A1.T @ delta2
        db2 = np.sum(delta2, axis=0, keepdims=True)
        return dW1, db1, dW2, db2
    '''
    dan["sgd_step"] = '''
    def sgd_step(params, grads, lr):
        W1, b1, W2, b2 = params
        dW1, db1, dW2, db2 = grads
        return W1 - lr * dW1, b1 - db1, W2 - lr * dW2, b2 - db2
    '''
    build("ps1", "backprop.ipynb", "dan", dan)
    erin = dict(PS1)
    erin["sigmoid"] = '''
    def sigmoid(z):
        for _ in range(100000):
            print("computing the sigmoid ...")
        return 1 / (1 + np.exp(-z))
    '''
    erin["forward"] = '''
    def forward(X, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        A1 = sigmoid(Z1
        return Z1, A1
    '''
    erin["backprop"] = '''
    def backprop(X, Y, W1, b1, W2, b2):
        grads = None
        while grads is None:
            pass  # still thinking
        return grads
    '''
    build("ps1", "backprop.ipynb", "erin", erin)
    text = (OUT / "ps1" / "alice.ipynb").read_text()
    (OUT / "ps1" / "frank.ipynb").write_text(text[: len(text) // 3])


def body(fn):
    """A reference function as a student would hand it in: without the solution markers."""
    return "\n".join(ln for ln in src(fn).splitlines() if "### BEGIN SOLUTION" not in ln and "### END SOLUTION" not in ln)


PS2 = {n: body(getattr(s2, n)) for n in ["numerical_gradient", "relative_error", "gradient_check"]}
PS2["buggy_parameter"] = 'buggy_parameter = "W2"'


def ps2():
    build("ps2", "gradcheck.ipynb", "alice", PS2)
    bob = dict(PS2)
    bob["numerical_gradient"] = """
    def numerical_gradient(f, x, eps=1e-5):
        # the definition of the derivative: (f(x + h) - f(x)) / h
        grad = np.zeros_like(x, dtype=float)
        fx = f(x)
        for ix in np.ndindex(x.shape):
            oldval = x[ix]
            x[ix] = oldval + eps
            grad[ix] = (f(x) - fx) / eps
            x[ix] = oldval
        return grad
    """
    bob["buggy_parameter"] = 'buggy_parameter = "W1"  # the hidden layer is the hard part, so that must be it'
    build("ps2", "gradcheck.ipynb", "bob", bob)
    carol = dict(PS2)
    carol["numerical_gradient"] = """
    def numerical_gradient(f, x, eps=1e-5):
        grad = np.zeros(x.shape)
        for ix in np.ndindex(x.shape):
            x[ix] += eps
            fplus = f(x)
            x[ix] -= 2 * eps
            fminus = f(x)
            x[ix] += eps  # back to where it was
            grad[ix] = (fplus - fminus) / (2 * eps)
        return grad
    """
    carol["gradient_check"] = """
    def gradient_check(loss_fn, grad_fn, params, eps=1e-5):
        analytic = grad_fn(params)
        errors = {}
        for name in params:
            trial = dict(params)

            def f(x):
                trial[name] = x
                return loss_fn(trial)

            errors[name] = relative_error(analytic[name], numerical_gradient(f, params[name], eps))
        return errors
    """
    build("ps2", "gradcheck.ipynb", "carol", carol)
    dan = {k: PS2[k] for k in ["relative_error"]}
    dan["numerical_gradient"] = """
    def numerical_gradient(f, x, eps=1e-5):
        x = x.astype(float)  # a copy: the caller's x is never touched
        grad = np.zeros_like(x)
        for ix in np.ndindex(x.shape):
            step = np.zeros_like(x)
            step[ix] = eps
            grad[ix] = (f(x + step) - f(x - step)) / (2 * eps)
        return grad
    """
    build("ps2", "gradcheck.ipynb", "dan", dan)  # gradient_check and buggy_parameter left as stubs


NETWORK = ["sigmoid", "sigmoid_derivative", "forward", "loss", "output_delta", "hidden_delta", "gradients", "backprop"]
PS3 = {n: body(getattr(s3, n)) for n in ["init_params", "train", "predict"]}
PS3["network"] = "\n\n\n".join(body(getattr(s1, n)) for n in NETWORK)


def ps3():
    build("ps3", "training.ipynb", "alice", PS3)
    bob = dict(PS3)
    bob["train"] = """
    def train(X, Y, params, lr, epochs):
        W1, b1, W2, b2 = params["W1"].copy(), params["b1"].copy(), params["W2"].copy(), params["b2"].copy()
        losses = []
        for epoch in range(epochs):
            losses.append(loss(Y, forward(X, W1, b1, W2, b2)[3]))
            dW1, db1, dW2, db2 = backprop(X, Y, W1, b1, W2, b2)
            W1 = W1 - lr * dW1
            b1 = b1 - db1
            W2 = W2 - lr * dW2
            b2 = b2 - db2
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, losses
    """
    build("ps3", "training.ipynb", "bob", bob)
    carol = dict(PS3)
    carol["train"] = """
    def train(X, Y, params, lr, epochs):
        losses = []
        for epoch in range(epochs):
            W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
            losses.append(loss(Y, forward(X, W1, b1, W2, b2)[3]))
            grads = backprop(X, Y, W1, b1, W2, b2)
            for name, g in zip(["W1", "b1", "W2", "b2"], grads):
                params[name] -= lr * g
        return params, losses
    """
    build("ps3", "training.ipynb", "carol", carol)
    # dan wrote init_params and train, but has not pasted his network yet, nor written predict
    build("ps3", "training.ipynb", "dan", {k: PS3[k] for k in ["init_params", "train"]})


if __name__ == "__main__":
    ps1()
    ps2()
    ps3()
    for a in ("ps1", "ps2", "ps3"):
        print(a, sorted(p.name for p in (OUT / a).iterdir()))
