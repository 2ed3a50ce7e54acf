import inspect
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import matplotlib

matplotlib.use("Agg")
import numpy as np
from nbbuild import given, hidden, md, notebook, public, solution, solution_of, write

from solutions import ps1, ps3

A = "ps3"
NETWORK = ["sigmoid", "sigmoid_derivative", "forward", "loss", "output_delta", "hidden_delta", "gradients", "backprop"]

# the tasks' hyperparameters, chosen with the reference solution (checked below)
XOR_H, XOR_SEED, XOR_LR, XOR_EPOCHS = 3, 0, 3.0, 3000
AO_H, AO_SEED, AO_LR, AO_EPOCHS = 3, 0, 2.0, 2000

DATA = r"""
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)

# x1 AND (x2 OR x3), on all eight inputs
AND_OR_X = np.array([[x1, x2, x3] for x1 in (0, 1) for x2 in (0, 1) for x3 in (0, 1)], dtype=float)
AND_OR_Y = (AND_OR_X[:, [0]] * np.maximum(AND_OR_X[:, [1]], AND_OR_X[:, [2]]))


def show(X, Y, params, losses):
    # the network's output and prediction next to the target, for each input
    W1, b1, W2, b2 = (params[name] for name in ("W1", "b1", "W2", "b2"))
    A2 = forward(X, W1, b1, W2, b2)[3]
    P = predict(X, params)
    print("input       target  output A2  prediction")
    for x, y, a, p in zip(X, Y, A2, P):
        print(f"{str(x.astype(int)):<12}{int(y[0]):>4}{a[0]:>11.4f}{int(p[0]):>10}   {'✓' if p[0] == y[0] else '✗'}")
    right = int(np.sum(np.asarray(P) == Y))
    print(f"accuracy {right}/{Y.size};  loss E from {losses[0]:.4f} to {losses[-1]:.2e} in {len(losses)} epochs")
"""

DEMO_XOR = f"""
xor_losses = None
try:
    with time_limit():
        xor_params, xor_losses = train(XOR_X, XOR_Y, init_params(2, {XOR_H}, 1, seed={XOR_SEED}), lr={XOR_LR}, epochs={XOR_EPOCHS})
        show(XOR_X, XOR_Y, xor_params, xor_losses)
except NotImplementedError:
    print("write your network, init_params, train and predict above first")
"""

DEMO_AND_OR = f"""
and_or_losses = None
try:
    with time_limit():
        and_or_params, and_or_losses = train(AND_OR_X, AND_OR_Y, init_params(3, {AO_H}, 1, seed={AO_SEED}), lr={AO_LR},
                                             epochs={AO_EPOCHS})
        show(AND_OR_X, AND_OR_Y, and_or_params, and_or_losses)
except NotImplementedError:
    print("write your network, init_params, train and predict above first")
"""

DEMO_PLOT = f"""
import matplotlib.pyplot as plt

curves = [("XOR, 2-{XOR_H}-1, lr = {XOR_LR:g}", xor_losses),
          ("x1 AND (x2 OR x3), 3-{AO_H}-1, lr = {AO_LR:g}", and_or_losses)]
if all(curve is None for _, curve in curves):
    print("nothing to plot yet: train the networks above first")
else:
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    for label, curve in curves:
        if curve is not None:
            ax.semilogy(np.arange(len(curve)), curve, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss E = ½ Σ (A2 − Y)²   (log scale)")
    ax.set_title("Training loss, full-batch gradient descent")
    ax.legend()
    ax.grid(True, which="major", alpha=0.3)
    plt.show()
"""

DEMO_WRONG = r"""
import matplotlib.pyplot as plt


def _s(z):
    return 0.5 * (1 + np.tanh(0.5 * z))  # σ(z), in a form that never overflows


def _xor_gradient(W1, b1, W2, b2, bug=None):
    # the gradient of E on XOR — right, or with one of two bugs
    A1 = _s(XOR_X @ W1 + b1)
    Z2 = np.dot(A1, W2) + b2
    A2 = _s(Z2)
    slope2 = _s(A2) * (1 - _s(A2)) if bug == "sigma'(A2)" else _s(Z2) * (1 - _s(Z2))
    delta2 = (A2 - XOR_Y) * slope2
    delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
    dW1 = XOR_X.T @ delta1
    if bug == "dW1 doubled":
        dW1 = 2 * dW1
    return [dW1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)], 0.5 * np.sum((A2 - XOR_Y) ** 2)


def _descend(bug, lr=3.0, epochs=3000):
    # gradient descent from fixed starting weights; at each step, compare the gradient used with the right one
    rng = np.random.default_rng(1)
    params = [rng.uniform(-1, 1, (2, 3)), np.zeros(3), rng.uniform(-1, 1, (3, 1)), np.zeros(1)]
    curve, rel, cos = [], [], []
    for epoch in range(epochs):
        grads, E = _xor_gradient(*params, bug=bug)
        right = _xor_gradient(*params)[0]
        curve.append(E)
        rel.append(max(np.linalg.norm(g - r) / (np.linalg.norm(g) + np.linalg.norm(r)) for g, r in zip(grads, right)))
        g, r = np.concatenate([g.ravel() for g in grads]), np.concatenate([r.ravel() for r in right])
        cos.append(g @ r / (np.linalg.norm(g) * np.linalg.norm(r)))
        params = [p - lr * g for p, g in zip(params, grads)]
    return params, curve, rel, cos


fig, ax = plt.subplots(figsize=(7.5, 4.5))
for bug, label in [(None, "right gradient"), ("sigma'(A2)", "bug: σ'(A2) where σ'(Z2) belongs"),
                   ("dW1 doubled", "bug: dW1 doubled")]:
    params, curve, rel, cos = _descend(bug)
    ax.semilogy(curve, label=label)
    learned = np.array_equal(_s(_s(XOR_X @ params[0] + params[1]) @ params[2] + params[3]) > 0.5, XOR_Y == 1)
    print(f"{label}: final E {curve[-1]:.1e}, XOR learned: {learned}")
    if bug:
        print(f"    relative error to the right gradient (worst parameter) {min(rel):.1e} to {max(rel):.1e}; "
              f"cos(angle to it) never below {min(cos):+.2f}")
ax.set_xlabel("epoch")
ax.set_ylabel("loss E (log scale)")
ax.set_title("XOR, 2-3-1, lr = 3: wrong gradients go downhill too")
ax.legend()
ax.grid(True, which="major", alpha=0.3)
plt.show()
"""


def _verify():
    """The reference learns both tasks to 100 % with the notebook's hyperparameters; the wrong gradients go down."""
    ns = {"np": np, **{n: getattr(ps1, n) for n in NETWORK},
          "init_params": ps3.init_params, "train": ps3.train, "predict": ps3.predict}
    exec(DATA, ns)
    for X, Y, D, H, seed, lr, epochs in [(ns["XOR_X"], ns["XOR_Y"], 2, XOR_H, XOR_SEED, XOR_LR, XOR_EPOCHS),
                                         (ns["AND_OR_X"], ns["AND_OR_Y"], 3, AO_H, AO_SEED, AO_LR, AO_EPOCHS)]:
        p, losses = ps3.train(X, Y, ps3.init_params(D, H, 1, seed), lr, epochs)
        assert np.array_equal(ps3.predict(X, p), Y), (D, H)
        assert losses[-1] < 1e-3, losses[-1]
        print(f"{D}-{H}-1, seed {seed}, lr {lr}, {epochs} epochs: E {losses[0]:.4f} -> {losses[-1]:.2e}, 100 % right")
    assert ns["AND_OR_Y"].ravel().tolist() == [0, 0, 0, 0, 0, 1, 1, 1]
    # the wrong-gradient demo runs (its printout is checked by eye in the executed notebook)
    exec(DEMO_WRONG, ns)


_verify()

network_source = "\n\n".join(inspect.getsource(getattr(ps1, n)) for n in NETWORK)


# what students receive must hold no line of the reference solutions (tests/test_release.py),
# except the restore idiom that ps2 teaches
TAUGHT = {"oldval = x[ix]", "x[ix] = oldval  # restore, bit for bit"}


def _assert_no_reference(cells):
    import inspect
    import re

    from solutions import ps1 as r1
    from solutions import ps2 as r2
    from solutions import ps3 as r3
    lines = []
    for module in (r1, r2, r3):
        for block in inspect.getsource(module).split("### BEGIN SOLUTION")[1:]:
            body = block.split("### END SOLUTION")[0]
            lines += [ln.strip() for ln in body.splitlines() if len(ln.strip()) > 12 and ln.strip() not in TAUGHT]
    text = "\n".join(re.sub(r"### BEGIN (SOLUTION|HIDDEN TESTS).*?### END (SOLUTION|HIDDEN TESTS)", "", c.source,
                            flags=re.S) for c in cells)
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder", "solutions"):
        assert marker not in text, marker
    leaks = [ln for ln in lines if ln in text]
    assert not leaks, leaks


cells = [
md(r"""
# Problem set 3 — Training

You have a network and its gradient (problem set 1), and a way to check that gradient
(problem set 2). Now train it: initialise the weights, run gradient descent, and predict. Then
teach it two small logical functions, XOR and *x1 AND (x2 OR x3)*, and see why a falling loss
does not prove that a gradient is right.

**How this notebook works.** Write your code where it says `# YOUR CODE HERE` (delete the
`raise NotImplementedError()` line). Under each function, a *public check* runs your function on
a couple of cases and tells you what is wrong — often naming the mistake. Then a cell that looks
empty holds the graded tests: they run when your notebook is graded, on inputs you don't see.
Run the cells top to bottom (*Kernel → Restart & Run All*) before you submit.

The network and its notation are those of problem set 1: rows are samples,
$Z_1 = X W_1 + b_1$, $A_1 = \sigma(Z_1)$, $Z_2 = A_1 W_2 + b_2$, $A_2 = \sigma(Z_2)$, and the loss is
$E = \tfrac12 \sum (A_2 - Y)^2$. In this problem set the parameters travel together in a dict:
`params = {"W1": …, "b1": …, "W2": …, "b2": …}`.
"""),
given("setup", """
import numpy as np

from bpkit_public import check, time_limit  # the public checks (numpy only; nothing to install)

np.set_printoptions(precision=6, suppress=True)
"""),
md(r"""
## 0. Your network from problem set 1
Paste your problem set 1 functions into the cell below, replacing each `raise NotImplementedError()`:
`sigmoid`, `sigmoid_derivative`, `forward`, `loss`, `output_delta`, `hidden_delta`, `gradients`
and `backprop`. `train` and `predict` call them (`forward`, `loss`, `backprop`) — here and when
your notebook is graded — so a bug in them costs points in `train` and `predict`. If you are not
sure of your `backprop`, check it with your gradient check from problem set 2 first.

The cell after it runs your functions on the worked example of problem set 1.
"""),
solution("network", network_source),
given("demo_network", r"""
try:
    with time_limit():
        x = np.array([[0.5, 0.1]])
        y = np.array([[0.9]])
        example = (np.array([[0.15, 0.2], [0.24, 0.3]]), np.array([1.0, 1.0]), np.array([[-0.4], [0.5]]), np.array([1.0]))
        E = loss(y, forward(x, *example)[3])
        dW1, db1, dW2, db2 = backprop(x, y, *example)
    ok = np.isclose(E, 0.011843, atol=5e-7) and np.allclose(dW2, [[-0.021869], [-0.022037]], atol=5e-7) \
        and np.allclose(dW1, [[0.001093, -0.001345], [0.000219, -0.000269]], atol=5e-7) \
        and np.allclose(db1, [0.002186, -0.00269], atol=5e-7) and np.allclose(db2, [-0.029155], atol=5e-7)
    print(f"worked example: E = {E:.6f}, dW2 = {np.ravel(dW2)}, db2 = {np.ravel(db2)}")
    print("✓ your network reproduces the worked example" if ok else
          "✗ these are not the worked example's numbers (E = 0.011843, dW2 = [-0.021869 -0.022037], "
          "db2 = [-0.029155]): fix your problem set 1 functions first")
except NotImplementedError:
    print("paste your problem set 1 functions into the cell above first")
"""),
md(r"""
## 1. Initialising the weights
Why not start from zeros? If all weights are equal, every hidden unit computes the same thing,
receives the same gradient and stays equal to the others forever: the network behaves as if it
had one hidden unit. Random weights break this symmetry. Their scale matters too: a hidden unit
sums $D$ inputs, so weights of standard deviation $1/\sqrt{D}$ keep $Z_1$ of order 1, where σ is
not flat (saturated) and the gradient can flow. The biases can start at zero.

`init_params(D, H, K, seed)` returns the dict `{"W1", "b1", "W2", "b2"}`, made exactly this way
(the graded tests compare numbers, so the generator and the order of the draws matter):

1. make a random generator with `np.random.default_rng(seed)` — your own, seeded, so the run is
   reproducible without touching numpy's global random state;
2. draw `W1` of shape $(D, H)$ with `rng.normal`, mean 0 and standard deviation $1/\sqrt{D}$;
3. **then** draw `W2` of shape $(H, K)$ the same way, with standard deviation $1/\sqrt{H}$;
4. `b1` and `b2` are zeros of shapes $(H,)$ and $(K,)$.
"""),
solution_of(ps3.init_params),
public("init_params"),
hidden(A, "init_params", 2),
md(r"""
## 2. Training by gradient descent
`train(X, Y, params, lr, epochs)` runs **full-batch gradient descent**: in each of `epochs`
steps, compute the loss and the gradient on all samples, then move every parameter against its
gradient, $p \leftarrow p - \eta\, \partial E / \partial p$, with the learning rate $\eta$ = `lr`.

It returns `(new_params, losses)`:
* `new_params`, a **new** dict — the `params` you were given must be left as they were. Start
  from copies (`{k: v.copy() for k, v in params.items()}`). Then `W = W - lr * dW`, which makes a
  new array, is safe, and so is `-=` on a copy; but `-=` on the given arrays changes the
  caller's weights.
* `losses`, a list of `epochs` floats: `losses[t]` is $E$ **before** update `t` — so `losses[0]` is
  the loss of the starting weights, and with `epochs = 0` the list is empty.

Every parameter, biases included, moves by `lr` times its gradient. Use your `forward`, `loss`
and `backprop`.
"""),
solution_of(ps3.train),
public("train"),
hidden(A, "train", 4),
md(r"""
## 3. Predicting
The output $A_2$ is a number between 0 and 1. `predict(X, params)` turns it into a class: an
integer array of shape $(N, K)$, 1 where $A_2 > 0.5$ and 0 elsewhere (`(A2 > 0.5).astype(int)`).
"""),
solution_of(ps3.predict),
public("predict"),
hidden(A, "predict", 2),
md(r"""
## 4. Task: XOR
XOR is 1 when exactly one of its two inputs is 1. No straight line separates its 1s from its 0s,
so a network without a hidden layer cannot learn it; with a few hidden units it can. The cell
below trains a 2-3-1 network from `init_params(2, 3, 1, seed=0)` with `lr = 3.0` for 3000 epochs.
"""),
given("tasks", DATA),
given("demo_xor", DEMO_XOR),
md(r"""
## 5. Task: x1 AND (x2 OR x3)
Three inputs, all eight combinations; the target is 1 when $x_1$ is 1 and at least one of $x_2$,
$x_3$ is. A 3-3-1 network from `init_params(3, 3, 1, seed=0)`, `lr = 2.0`, 2000 epochs.
"""),
given("demo_and_or", DEMO_AND_OR),
md(r"""
## 6. The loss curves
"""),
given("demo_plot", DEMO_PLOT),
md(r"""
On a log scale, the XOR curve shows the typical shape: a plateau near $E = 0.5$ while the hidden
units are still undecided (every output close to 0.5), then a drop once they have split up the
work, then a steady decline as the outputs are pushed towards 0 and 1. The AND–OR task has no
plateau: it is linearly separable ($2x_1 + x_2 + x_3 > 2.5$ does it), so a single unit could do
it, and the hidden units need not first split up the work. Its curve jumps up early on: with `lr = 2.0` a few early steps overshoot,
and the loss rises for a step. Gradient descent is only guaranteed to go
downhill for a small enough step (section 7); with `lr = 1.0` the curve is smooth, and slower.

*Try it:* train XOR with only two hidden units, `init_params(2, 2, 1, seed=6)` and the same
`lr = 3.0` and 3000 epochs. The loss stalls
near 0.25: two of the four outputs sit at 0.5, a local minimum that gradient descent does not
leave. Another seed, or a third hidden unit, gets out of it.
"""),
md(r"""
## 7. The loss went down. Is the gradient right?
Not necessarily. Gradient descent only needs a step that goes downhill. For a small step
$\eta$ in a direction $d$,
$$E(\theta - \eta\, d) \approx E(\theta) - \eta\, \langle d, \nabla E(\theta) \rangle ,$$
so **any direction with a positive inner product with the true gradient lowers the loss** — the
true gradient is just the steepest one. Many wrong gradients have that property:

* a gradient **scaled by 2** (the ½ of the loss forgotten) or by $N$ is a descent direction with a
  different learning rate;
* **σ'(A₂) where σ'(Z₂) belongs**, a common bug: σ' is positive everywhere, so every sample's
  error still pushes in the right direction, only with the wrong weight;
* a gradient with **one layer's part wrong or missing** still moves the other layer downhill.

Such a network can even learn the task, sometimes faster than the right one. So "the loss
decreased" and "it learned XOR" say nothing about whether your gradient is right. The gradient
check does: it compares the gradient with the derivative itself, and the bugs below show up at
once as relative errors far above $10^{-7}$.

The cell below runs gradient descent on XOR three times from the same starting weights, with the
right gradient and with two wrong ones (it uses its own code, not yours).
"""),
given("demo_wrong_gradient", DEMO_WRONG),
md(r"""
All three curves fall and all three networks learn XOR. At every step each wrong gradient
pointed downhill — the cosine of its angle to the right gradient stayed positive — and yet its
relative error to the right gradient never fell below $10^{-2}$: a gradient check, which expects
$10^{-7}$ or less, flags both bugs at once. The σ'(A₂) version even ends at a *lower* loss: σ'(A₂)
is at least 0.19 for any output, so it never goes flat the way σ'(Z₂) does when an output
saturates near 0 or 1. A better-looking loss curve is not a better gradient.

## Before you submit
*Kernel → Restart & Run All*, and check that every public check prints ✓.
"""),
]
_assert_no_reference(cells)
write(notebook(cells), str(Path(__file__).resolve().parents[1] / "source/ps3/training.ipynb"))
print("written")
