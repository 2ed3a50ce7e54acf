"""lr-not-applied: a parameter updated by its gradient without the learning rate (or not updated)."""

from autograder.mistakes import Evidence, Finding
from autograder.mistakes.common import close, join, matches_mutant
from autograder.plain import Arr, Seq
from solutions import ps1

NAMES = ("W1", "b1", "W2", "b2")


def train_updating(step):
    """The reference train with its update rule replaced by step(name, p, g, lr)."""

    def train(X, Y, params, lr, epochs):
        p = {k: v.copy() for k, v in params.items()}
        losses = []
        for _ in range(epochs):
            losses.append(ps1.loss(Y, ps1.forward(X, p["W1"], p["b1"], p["W2"], p["b2"])[3]))
            grads = ps1.backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
            for name, g in zip(NAMES, grads):
                p[name] = step(name, p[name], g, lr)
        return p, losses

    return train


def _sgd(ev: Evidence):
    wrong: list[str] = []
    kinds: set[str] = set()
    for case, s in zip(ev.cases, ev.student):
        params, grads, lr = case.args
        if not isinstance(s, Seq) or len(s.items) != 4 or not all(isinstance(i, Arr) for i in s.items):
            return None
        for name, item, p, g in zip(NAMES, s.items, params, grads):
            tol = ev.check.tolerance
            if close(item.a, p - lr * g, tol):
                continue
            for kind, value in (("without lr", p - g), ("not updated", p), ("without lr", p + g)):
                if close(item.a, value, tol):
                    kinds.add(kind)
                    break
            else:
                return None
            if name not in wrong:
                wrong.append(name)
    return wrong, kinds


def recognise(ev: Evidence) -> Finding | None:
    if ev.name == "sgd_step":
        found = _sgd(ev)
        if not found or not found[0]:
            return None
        wrong, kinds = found
        how = "was not updated at all" if kinds == {"not updated"} else "moved by the whole gradient"
        return Finding("lr-not-applied",
                       f"sgd_step: {join(wrong)} {how} — each parameter moves by lr·grad: p − lr·grad",
                       {"parameters": wrong})
    if ev.name == "train":
        for which in (NAMES, ("b1", "b2")):
            step = train_updating(lambda n, p, g, lr, w=which: p - g if n in w else p - lr * g)
            if matches_mutant(ev, step):
                return Finding("lr-not-applied",
                               f"train updates {join(list(which))} by the gradient without the learning rate: "
                               f"every parameter moves by lr·grad")
    return None

