import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np
from nbbuild import given, hidden, md, notebook, public, solution, solution_of, write

from solutions import ps1, ps2

A = "ps2"

# ---------------------------------------------------------------------------------------------
# Given code that the builder also runs, to check it before the notebook is written
# ---------------------------------------------------------------------------------------------
EPS_DEMO = r"""
import matplotlib.pyplot as plt

# f(x) = sin(x) at x = 1: we know the exact derivative, cos(1), so we can measure the error.
x0, exact = 1.0, np.cos(1.0)
eps = np.logspace(-1, -13, 61)
forward_err = np.abs((np.sin(x0 + eps) - np.sin(x0)) / eps - exact)
central_err = np.abs((np.sin(x0 + eps) - np.sin(x0 - eps)) / (2 * eps) - exact)
floor = 1e-17  # an error that happens to be exactly 0 cannot be drawn on a log scale

fig, ax = plt.subplots(figsize=(7.5, 4.5))
ax.loglog(eps, np.maximum(forward_err, floor), "o-", ms=3, label="forward:  (f(x+ε) − f(x)) / ε")
ax.loglog(eps, np.maximum(central_err, floor), "s-", ms=3, label="central:  (f(x+ε) − f(x−ε)) / 2ε")
ax.axvline(1e-5, color="green", ls="--", lw=1, label="ε = 1e-5 (central, the default here)")
ax.axvline(1e-10, color="red", ls=":", lw=1.5, label="ε = 1e-10 (forward, seed 000)")
ax.set_xlabel("step ε")
ax.set_ylabel("|numerical − exact derivative|")
ax.set_title("Finite differences of sin at x = 1: round-off (left) vs truncation (right)")
ax.legend(fontsize=8, loc="lower left")
ax.grid(True, which="major", alpha=0.3)
plt.show()

for name, err in [("forward", forward_err), ("central", central_err)]:
    best = int(np.argmin(err))
    print(f"{name:>7}: error {err[np.argmin(abs(eps - 1e-5))]:.1e} at ε = 1e-5, "
          f"{err[np.argmin(abs(eps - 1e-10))]:.1e} at ε = 1e-10, smallest {err[best]:.1e} at ε ≈ {eps[best]:.0e}")
"""

NET = r"""
# A learner's 2-3-1 network without biases (seed 001): three samples, two inputs, one output.
X_net = np.array([[0.3, 1.0],
                  [0.5, 0.2],
                  [1.0, 0.4]])
Y_net = np.array([[0.75],
                  [0.82],
                  [0.93]])
net_params = {"W1": np.array([[1.62434536, -0.61175641, -0.52817175],
                              [-1.07296862, 0.86540763, -2.3015387]]),
              "W2": np.array([[1.74481176],
                              [-0.7612069],
                              [0.3190391]])}


def sig(z):
    return 0.5 * (1 + np.tanh(0.5 * z))  # the same σ(z) = 1 / (1 + e^(−z)), written so it never overflows


def net_forward(X, W1, W2):
    # the activations (A1, A2) of the two layers
    A1 = sig(X @ W1)
    A2 = sig(A1 @ W2)
    return A1, A2


def net_loss(params):
    # E = ½ Σ (A2 − Y)² on the data above, as a function of the parameters alone
    _, A2 = net_forward(X_net, params["W1"], params["W2"])
    return 0.5 * float(np.sum((A2 - Y_net) ** 2))


def net_gradient(params):
    # backprop: {"W1": dE/dW1, "W2": dE/dW2}; here σ'(Z) is written A·(1 − A), with A = σ(Z) the activation
    W1, W2 = params["W1"], params["W2"]
    A1, A2 = net_forward(X_net, W1, W2)
    delta2 = (A2 - Y_net) * A2 * (1 - A2)
    delta1 = (delta2 @ W2.T) * A1 * (1 - A1)
    return {"W1": X_net.T @ delta1, "W2": A1.T @ delta2}
"""

MYSTERY = r'''
def _sigma(z):
    return np.exp(-np.logaddexp(0.0, -z))  # 1 / (1 + e^(−z)) without overflow


def _sigma_prime(z):
    return _sigma(z) * _sigma(-z)  # σ(z)·(1 − σ(z)), as 1 − σ(z) = σ(−z)


def _layer(A_in, W, b):
    Z = A_in @ W + b
    return Z, _sigma(Z)


def network_loss(X, Y, W1, b1, W2, b2):
    """E = ½ Σ (A2 − Y)² of the two-layer network (this one you can trust)."""
    _, A1 = _layer(X, W1, b1)
    _, A2 = _layer(A1, W2, b2)
    return 0.5 * float(np.sum((A2 - Y) ** 2))


def mystery_backprop(X, Y, W1, b1, W2, b2):
    """Same contract as backprop in problem set 1: the gradient of E as (dW1, db1, dW2, db2)."""
    Z1, A1 = _layer(X, W1, b1)
    Z2, A2 = _layer(A1, W2, b2)
    error = A2 - Y                                 # dE/dA2
    delta2 = error * _sigma_prime(Z2)              # dE/dZ2
    delta1 = (delta2 @ W2.T) * _sigma_prime(Z1)    # dE/dZ1

    dW1 = np.dot(X.T, delta1)
    db1 = np.sum(delta1, axis=0)
    dW2 = np.dot(A1.T, error * _sigma_prime(A2))
    db2 = np.sum(delta2, axis=0)
    return (dW1, db1, dW2, db2)
'''

MYSTERY_DATA = r"""
rng = np.random.default_rng(7)
N, D, H, K = 5, 3, 4, 2  # all different, so a transposed gradient would show
X_m = rng.normal(0, 1, (N, D))
Y_m = rng.uniform(0, 1, (N, K))
mystery_params = {"W1": rng.normal(0, 1, (D, H)), "b1": rng.normal(0, 1, H),
                  "W2": rng.normal(0, 1, (H, K)), "b2": rng.normal(0, 1, K)}


def mystery_loss_fn(params):
    return network_loss(X_m, Y_m, params["W1"], params["b1"], params["W2"], params["b2"])


def mystery_grad_fn(params):
    dW1, db1, dW2, db2 = mystery_backprop(X_m, Y_m, params["W1"], params["b1"], params["W2"], params["b2"])
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
"""


def _verify():
    """mystery_backprop has exactly one wrong gradient, W2's; the given network's gradient is right."""
    ns = {"np": np}
    exec(MYSTERY, ns)
    rng = np.random.default_rng(0)
    for N, D, H, K in [(1, 2, 2, 1), (5, 3, 4, 2), (7, 4, 6, 3), (4, 2, 3, 1), (9, 5, 2, 4)]:
        for _ in range(5):
            X, Y = rng.normal(0, 1, (N, D)), rng.uniform(0, 1, (N, K))
            P = (rng.normal(0, 1, (D, H)), rng.normal(0, 1, H), rng.normal(0, 1, (H, K)), rng.normal(0, 1, K))
            got, want = ns["mystery_backprop"](X, Y, *P), ps1.backprop(X, Y, *P)
            for name, g, w in zip(("W1", "b1", "W2", "b2"), got, want):
                assert g.shape == w.shape, name
                if name == "W2":
                    assert ps2.relative_error(g, w) > 1e-3, (name, ps2.relative_error(g, w))
                else:
                    assert np.allclose(g, w, rtol=1e-12, atol=1e-15), name
            assert abs(ns["network_loss"](X, Y, *P) - ps1.loss(Y, ps1.forward(X, *P)[3])) < 1e-12
    exec(MYSTERY_DATA, ns)
    errors = ps2.gradient_check(ns["mystery_loss_fn"], ns["mystery_grad_fn"], ns["mystery_params"])
    assert errors["W2"] > 1e-2 and all(errors[k] < 1e-7 for k in ("W1", "b1", "b2")), errors
    print("mystery_backprop on the demo data:", {k: f"{v:.1e}" for k, v in errors.items()})
    net = {"np": np}
    exec(NET, net)
    for eps in (1e-5, 1e-4):
        errors = ps2.gradient_check(net["net_loss"], net["net_gradient"], net["net_params"], eps)
        assert all(e < 1e-8 for e in errors.values()), errors
        print(f"2-3-1 network, eps={eps:g}:", {k: f"{v:.1e}" for k, v in errors.items()})


_verify()


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
# Problem set 2 — Gradient checking

In problem set 1 you derived the gradient of a two-layer network by hand, and a worked example
told you whether each number was right. A real network has no worked example. This problem set
builds the tool that replaces it: a **numerical gradient**, computed from nothing but the loss,
to check the gradient that backprop computes. At the end you use it to find the bug in a
backpropagation you did not write.

**How this notebook works.** Write your code where it says `# YOUR CODE HERE` (delete the
`raise NotImplementedError()` line). Under each function, a *public check* runs your function on
a couple of cases and tells you what is wrong — often naming the mistake. Then a cell that looks
empty holds the graded tests: they run when your notebook is graded, on inputs you don't see.
Run the cells top to bottom (*Kernel → Restart & Run All*) before you submit.

## Why numerical gradients?
Backprop is fast — one backward pass gives every partial derivative — but it is easy to get
subtly wrong: an activation where a pre-activation belongs, a missing sum, a transposed matrix.
Worse, a wrong gradient often *still trains*: the loss goes down, just not the way it should
(problem set 3 shows this). You cannot tell a right gradient from a wrong one by watching the loss.

The definition of the derivative gives an independent answer:
$$\frac{\partial E}{\partial x_i} \approx \frac{E(x + \varepsilon e_i) - E(x - \varepsilon e_i)}{2\varepsilon},$$
where $e_i$ is 1 at element $i$ and 0 elsewhere: nudge one parameter a little each way, see how
much the loss changes. It needs two loss evaluations *per parameter* — far too slow to train
with, but so simple that it is hard to get wrong. So we use it to **check** backprop, once, on a
small problem, and then train with backprop.
"""),
given("setup", """
import numpy as np

from bpkit_public import check, time_limit  # the public checks (numpy only; nothing to install)

np.set_printoptions(precision=6, suppress=True)
"""),
md(r"""
## 1. Forward or central differences, and how small a step?
There are two obvious formulas:

| | formula | error from the formula (truncation) |
|---|---|---|
| forward difference | $\dfrac{f(x+\varepsilon) - f(x)}{\varepsilon}$ | $\tfrac12 \varepsilon f''(x)$ — of order $\varepsilon$ |
| central difference | $\dfrac{f(x+\varepsilon) - f(x-\varepsilon)}{2\varepsilon}$ | $\tfrac16 \varepsilon^2 f'''(x)$ — of order $\varepsilon^2$ |

(Write out the Taylor series $f(x \pm \varepsilon) = f(x) \pm \varepsilon f'(x) + \tfrac12\varepsilon^2 f''(x) \pm \dots$:
in the central difference the $\varepsilon^2$ terms cancel.)

So a smaller $\varepsilon$ is better? Only up to a point. A float64 carries about 16 significant
digits, so $f(x+\varepsilon)$ and $f(x)$ each come with a *round-off* error of about
$10^{-16}\,|f|$. Their difference, divided by $\varepsilon$, carries an error of about
$10^{-16}/\varepsilon$ — which **grows** as $\varepsilon$ shrinks. The total error is the sum of
the two: truncation, which falls with $\varepsilon$, and round-off, which rises.

The plot below measures both on $f(x) = \sin x$ at $x = 1$, whose derivative we know exactly
($\cos 1$). This cell uses only numpy — it does not need your code.
"""),
given("demo_eps", EPS_DEMO),
md(r"""
Read the plot from right to left. At large $\varepsilon$ truncation dominates: the forward
difference's error falls like $\varepsilon$ (slope 1), the central difference's like
$\varepsilon^2$ (slope 2). At small $\varepsilon$ round-off takes over and both errors rise like
$10^{-16}/\varepsilon$, noisily. The best forward difference, near $\varepsilon \approx 10^{-8}$,
is only good to about 8 digits; the central difference is good to about 10–11 digits over a
wide range around $\varepsilon \approx 10^{-5}$.

**The lesson:** use the **central difference with $\varepsilon \approx 10^{-5}$** (the default in
this problem set). A learner's notebook (seed 000) used a *forward* difference with
$\varepsilon = 10^{-10}$ — deep in the round-off region, where the forward difference is good
to 6 or 7 digits at best, and only by luck. Its numerical and backprop gradients agreed to 4 or 5
digits, and at that precision a small bug and plain round-off look the same.
"""),
md(r"""
## 2. The numerical gradient
`numerical_gradient(f, x, eps=1e-5)` returns an array shaped like `x` whose element `ix` is the
central difference of `f` along that element. `f(x)` returns a float; `x` can have any shape — a
vector, a weight matrix, a 3-d array.

**Visit every element of any shape** with `np.ndindex`: `for ix in np.ndindex(x.shape)` yields
the index tuples `(0, 0), (0, 1), …` of a matrix (`(0,), (1,), …` of a vector), and `x[ix]` is
that element.

**Perturb and restore.** Change one element of `x` in place, evaluate `f`, and put it back:
```python
oldval = x[ix]
# ... set x[ix] to oldval + eps and evaluate f(x); set it to oldval - eps and evaluate f(x) ...
x[ix] = oldval  # restore, bit for bit
```
then store the central difference of the two values at `ix` of the result (a new array of
zeros shaped like `x`, of floats — not `x` itself).

The restore line matters twice. If you forget it, every later partial derivative is taken at the
wrong point. And restore the *saved value*, not `x[ix] -= eps`: in floating point
$(x + \varepsilon) - \varepsilon$ is not always exactly $x$, and `x` must be left **exactly** as
it was, bit for bit — the caller's parameters are in it (the graded tests check this). Working on
a copy (`x = x.copy()` first) is fine too.
"""),
solution_of(ps2.numerical_gradient),
public("numerical_gradient"),
hidden(A, "numerical_gradient", 4),
md(r"""
## 3. The relative error
How close must the numerical and the analytic gradient be? An absolute difference of $10^{-6}$ is
excellent for a gradient of size 100 and a disaster for one of size $10^{-6}$. So compare them
relative to their size:
$$\text{relative error}(a, b) = \frac{\lVert a - b \rVert}{\lVert a \rVert + \lVert b \rVert},$$
with 2-norms over **all** elements (`np.linalg.norm` of an array of any shape, no `axis`). It is a
single number between 0 and 1; return `0.0` when both are zero (rather than dividing 0 by 0).

Rules of thumb for float64, a smooth network like ours and central differences at
$\varepsilon = 10^{-5}$:

| relative error | verdict |
|---|---|
| below $10^{-7}$ | right (typically $10^{-11}$–$10^{-9}$) |
| $10^{-7}$ to $10^{-4}$ | suspicious: look closer |
| above $10^{-4}$ | wrong |
"""),
solution_of(ps2.relative_error),
public("relative_error"),
hidden(A, "relative_error", 2),
md(r"""
## 4. The gradient check
A network has several parameter arrays. `gradient_check(loss_fn, grad_fn, params, eps=1e-5)` takes

* `params`, a dict of arrays, e.g. `{"W1": …, "b1": …, "W2": …, "b2": …}`;
* `loss_fn(params)`, the loss (a float) at those parameters;
* `grad_fn(params)`, the gradient that is being checked: a dict with the same keys, each array
  shaped like its parameter,

and returns a dict `name → relative error` between `grad_fn(params)[name]` and the numerical
gradient of the loss with respect to `params[name]` (the other parameters held fixed).

`numerical_gradient` wants a function of **one** array. For parameter `name`, build it as a small
function that puts its argument in place of `params[name]` and calls `loss_fn`:
```python
def loss_of_one(x):
    candidate[name] = x           # candidate: a dict of copies of the parameters
    return loss_fn(candidate)
```
Leave `params` untouched: build `candidate` from copies (`{k: v.copy() for k, v in params.items()}`),
and hand `numerical_gradient` a copy of `params[name]` too. `dict(params)` is not enough — it
copies the dict, but the arrays in it are the caller's.
"""),
solution_of(ps2.gradient_check),
public("gradient_check"),
hidden(A, "gradient_check", 4),
md(r"""
## 5. Check a network's gradient
Here is a learner's network (seed 001): two inputs, three hidden units, one output, no biases,
the sigmoid and the loss $E = \tfrac12\sum (A_2 - Y)^2$. `net_loss` and `net_gradient` take a
parameter dict — exactly what `gradient_check` wants.
"""),
given("network_231", NET),
given("demo_network_231", r"""
try:
    with time_limit():
        for eps in (1e-5, 1e-4):
            errors = gradient_check(net_loss, net_gradient, net_params, eps=eps)
            print(f"eps = {eps:g}:", ", ".join(f"{name}: {err:.1e}" for name, err in errors.items()))
except NotImplementedError:
    print("write numerical_gradient, relative_error and gradient_check above first")
"""),
md(r"""
Relative errors around $10^{-11}$ to $10^{-10}$: this backprop is right (the learner's own check,
with $\varepsilon = 10^{-4}$, found $3.4 \times 10^{-10}$). Notice that $\varepsilon = 10^{-4}$
gives a larger error than $10^{-5}$ — that is the $\varepsilon^2$ truncation error of the plot
above, not a bug.
"""),
md(r"""
## 6. Find the bug
The cell below holds `mystery_backprop(X, Y, W1, b1, W2, b2)`: the same signature and return
value as `backprop` in problem set 1 — the tuple `(dW1, db1, dW2, db2)` for the two-layer network
with biases — and a correct `network_loss(X, Y, W1, b1, W2, b2)`. **Exactly one** of the four
gradients that `mystery_backprop` returns is wrong, with the kind of bug learners really write.
"""),
given("mystery", MYSTERY),
md(r"""
Check it with your `gradient_check`. The next cell wraps `network_loss` and `mystery_backprop` in
the `loss_fn(params)` and `grad_fn(params)` that `gradient_check` expects, on a small random problem.
"""),
given("mystery_setup", MYSTERY_DATA),
given("demo_mystery", r"""
try:
    with time_limit():
        errors = gradient_check(mystery_loss_fn, mystery_grad_fn, mystery_params)
    for name, err in errors.items():
        print(f"{name:>2}: relative error {err:.1e}")
except NotImplementedError:
    print("write gradient_check above first")
"""),
md(r"""
Which parameter's gradient is wrong? Set `buggy_parameter` to one of the strings `"W1"`, `"b1"`,
`"W2"`, `"b2"`. Then go back to the code of `mystery_backprop` and find the line: what did its
author mix up?
"""),
solution("buggy_parameter", '''
# Which parameter's gradient does mystery_backprop get wrong? One of "W1", "b1", "W2", "b2".
### BEGIN SOLUTION
buggy_parameter = "W2"
### END SOLUTION
'''),
public("buggy_parameter"),
hidden(A, "buggy_parameter", 2),
md(r"""
## Before you submit
*Kernel → Restart & Run All*, and check that every public check prints ✓. Next, in problem set 3,
you will train the network — with a gradient you now know how to check.
"""),
]
_assert_no_reference(cells)
write(notebook(cells), str(Path(__file__).resolve().parents[1] / "source/ps2/gradcheck.ipynb"))
print("written")
