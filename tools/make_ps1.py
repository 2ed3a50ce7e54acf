import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nbbuild import given, hidden, md, notebook, public, solution_of, write

from solutions import ps1

A = "ps1"
cells = [
md(r"""
# Problem set 1 — Backpropagation by hand

You will build, one function at a time, the forward pass, the loss and the gradient of a
two-layer sigmoid network, and check every number against a worked example.

**How this notebook works.** Write your code where it says `# YOUR CODE HERE` (delete the
`raise NotImplementedError()` line). Under each function, a *public check* runs your function on
the worked example and one awkward case and tells you what is wrong — often naming the mistake.
Then a cell that looks empty holds the graded tests: they run when your notebook is graded, on
inputs you don't see. Run the cells top to bottom (*Kernel → Restart & Run All*) before you submit.

## The network and its notation
Rows are samples. For $N$ samples with $D$ inputs, $H$ hidden units and $K$ outputs:

| symbol | shape | meaning |
|---|---|---|
| `X` | $(N, D)$ | inputs, one sample per row |
| `Y` | $(N, K)$ | targets |
| `W1`, `b1` | $(D, H)$, $(H,)$ | hidden layer |
| `W2`, `b2` | $(H, K)$, $(K,)$ | output layer |

$$Z_1 = X W_1 + b_1,\quad A_1 = \sigma(Z_1),\quad Z_2 = A_1 W_2 + b_2,\quad A_2 = \sigma(Z_2)$$

and the loss is half the sum of squared errors over all samples and outputs:
$$E = \tfrac12 \sum (A_2 - Y)^2 .$$

`Z` is a *pre-activation* (what goes into σ), `A` an *activation* (what comes out). Keep them
apart: mixing them up is the most common backprop bug there is.

## The worked example
One sample, two inputs, two hidden units, one output:
x = [[0.5, 0.1]], y = [[0.9]], W1 = [[0.15, 0.2], [0.24, 0.3]], b1 = [1, 1], W2 = [[-0.4], [0.5]], b2 = [1].
We will compute every quantity for it as we go.
"""),
given("setup", """
import numpy as np

from bpkit_public import check, time_limit  # the public checks (numpy only; nothing to install)

np.set_printoptions(precision=6, suppress=True)
"""),
given("worked_example", """
x = np.array([[0.5, 0.1]])
y = np.array([[0.9]])
W1 = np.array([[0.15, 0.2], [0.24, 0.3]])
b1 = np.array([1.0, 1.0])
W2 = np.array([[-0.4], [0.5]])
b2 = np.array([1.0])
"""),
md(r"""
## 1. The sigmoid
$\sigma(z) = \dfrac{1}{1 + e^{-z}}$, elementwise, for an array of any shape.

It must be right and finite for large $|z|$ too: at $z = -1000$, $e^{-z}$ overflows to `inf`.
$1/(1+\infty) = 0$ is still the right answer (numpy warns about the overflow — a warning is not
an error), but some equivalent-looking formulas, like $e^{z}/(1+e^{z})$, give `inf/inf = nan`.
A stable way: use $e^{-|z|}$, which never overflows, and pick the formula by the sign of $z$.
"""),
solution_of(ps1.sigmoid),
public("sigmoid"),
hidden(A, "sigmoid", 1),
md(r"""
## 2. Its derivative
$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$, where **`z` is the pre-activation**.

You will often see this written as $a(1-a)$ — that is the same thing *only if* $a = \sigma(z)$
is the activation. This function is handed `z`, so compute $\sigma(z)$ first.
For the worked example, $\sigma'(Z_1) = [0.187441, 0.184546]$.
"""),
solution_of(ps1.sigmoid_derivative),
public("sigmoid_derivative"),
hidden(A, "sigmoid_derivative", 2),
md(r"""
## 3. The forward pass
Return the tuple `(Z1, A1, Z2, A2)`. Mind the shapes: `X @ W1` is $(N, H)$ and `b1`, of shape
$(H,)$, is broadcast over the rows.

Worked example: $Z_1 = [1.099, 1.13]$, $A_1 = [0.750073, 0.755839]$, $Z_2 = [1.07789]$,
$A_2 = [0.746095]$.
"""),
solution_of(ps1.forward),
public("forward"),
given("demo_forward", """
try:
    with time_limit():
        Z1, A1, Z2, A2 = forward(x, W1, b1, W2, b2)
    print("Z1 =", Z1, " A1 =", A1, " Z2 =", Z2, " A2 =", A2)
except NotImplementedError:
    print("forward is not written yet")
"""),
hidden(A, "forward", 2),
md(r"""
## 4. The loss
$E = \tfrac12 \sum (A_2 - Y)^2$ over all samples and outputs — a plain number (a `float`), not
an array. The ½ is there so that the derivative comes out clean: $\partial E / \partial A_2 = A_2 - Y$.
Worked example: $E = 0.011843$.
"""),
solution_of(ps1.loss),
public("loss"),
hidden(A, "loss", 1),
md(r"""
## 5. The output delta
The *delta* of a layer is the gradient of $E$ with respect to its pre-activation. By the chain rule,
$$\delta_2 = \frac{\partial E}{\partial Z_2} = \frac{\partial E}{\partial A_2} \odot \sigma'(Z_2) = (A_2 - Y) \odot \sigma'(Z_2),$$
shape $(N, K)$. Two classic slips live here: $Y - A_2$ (the wrong sign) and $\sigma'(A_2)$ (an
activation where the pre-activation belongs). Worked example: $\delta_2 = [-0.029155]$.
"""),
solution_of(ps1.output_delta),
public("output_delta"),
hidden(A, "output_delta", 2),
md(r"""
## 6. The hidden delta
The error flows back through $W_2$: each hidden unit receives the output deltas weighted by its
outgoing weights, then is scaled by its own slope:
$$\delta_1 = (\delta_2 W_2^\top) \odot \sigma'(Z_1), \quad (N,K)\,(K,H) \to (N, H).$$
Worked example: $\delta_2 W_2^\top = [0.011662, -0.014578]$ and $\delta_1 = [0.002186, -0.00269]$.
"""),
solution_of(ps1.hidden_delta),
public("hidden_delta"),
hidden(A, "hidden_delta", 2),
md(r"""
## 7. The weight and bias gradients
$$\frac{\partial E}{\partial W_1} = X^\top \delta_1,\quad \frac{\partial E}{\partial b_1} = \sum_{n} \delta_1[n],\quad
\frac{\partial E}{\partial W_2} = A_1^\top \delta_2,\quad \frac{\partial E}{\partial b_2} = \sum_{n} \delta_2[n].$$
A weight gradient has the shape of its weight (`X.T @ delta1` is $(D, H)$, like `W1`). A bias is
shared by all $N$ samples, so its gradient **sums** the deltas over the samples (`axis=0`),
giving shape $(H,)$ — not $(N, H)$, and not $(1, H)$.

Worked example: dW1 = [[0.001093, -0.001345], [0.000219, -0.000269]], db1 = [0.002186, -0.00269],
dW2 = [[-0.021869], [-0.022037]], db2 = [-0.029155].
"""),
solution_of(ps1.gradients),
public("gradients"),
hidden(A, "gradients", 2),
md(r"""
## 8. Backpropagation
Put it together: the forward pass, the two deltas, the four gradients. Use your own functions
above — they are graded separately, so a mistake in one of them shows up here too.
"""),
solution_of(ps1.backprop),
public("backprop"),
hidden(A, "backprop", 3),
md(r"""
## 9. One step of gradient descent
`sgd_step(params, grads, lr)` returns a **new** tuple `(W1, b1, W2, b2)` with each parameter moved
against its gradient by the learning rate: $p \leftarrow p - \eta\, \partial E/\partial p$.
Don't change the arrays you are given (`W1 -= ...` would), and don't forget `lr` on any of them.

After one step with lr = 0.5, the worked example's loss falls from 0.011843 to 0.010953.
"""),
solution_of(ps1.sgd_step),
public("sgd_step"),
given("demo_step", """
try:
    with time_limit():
        params = (W1, b1, W2, b2)
        E_before = loss(y, forward(x, *params)[3])
        new_params = sgd_step(params, backprop(x, y, *params), lr=0.5)
        E_after = loss(y, forward(x, *new_params)[3])
    print(f"E before: {E_before:.6f}   E after one step: {E_after:.6f}")
except NotImplementedError:
    print("finish the functions above first")
"""),
hidden(A, "sgd_step", 2),
md(r"""
## Before you submit
*Kernel → Restart & Run All*, and check that every public check prints ✓. Next, in problem set 2,
you will check gradients like these numerically — the way to know backprop is right without a
worked example.
"""),
]
write(notebook(cells), str(Path(__file__).resolve().parents[1] / "source/ps1/backprop.ipynb"))
print("written")
