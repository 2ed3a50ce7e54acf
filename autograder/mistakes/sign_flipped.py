"""sign-flipped: the negative of the right answer (Y − A2, f(x−h) − f(x+h)), or an SGD step that climbs."""

from autograder.mistakes import Answers, Change, Finding, Mistake
from autograder.mistakes.common import close, join, leafwise, matches_mutant, related, train_updating
from autograder.plain import Arr, Seq

HINTS = {
    "output_delta": "the error term is A2 − Y, not Y − A2",
    "backprop": "the error term is A2 − Y, not Y − A2; descent then subtracts the gradient",
    "gradients": "check the order in your deltas: the error term is A2 − Y",
    "numerical_gradient": "the difference is f(x+eps) − f(x−eps), in that order",
}


def _climbs(ev: Answers) -> bool:
    climbed = False
    for case, s in zip(ev.cases, ev.student):
        params, grads, lr = case.args
        if not isinstance(s, Seq) or len(s.items) != 4 or not all(isinstance(i, Arr) for i in s.items):
            return False
        for item, p, g in zip(s.items, params, grads):
            if close(item.a, p - lr * g, ev.check.tolerance):
                continue
            if not close(item.a, p + lr * g, ev.check.tolerance):
                return False
            climbed = True
    return climbed


def recognise(ev: Answers) -> Finding | None:
    if ev.name == "sgd_step":
        if _climbs(ev):
            return Finding("sign-flipped", "sgd_step climbs the loss: p + lr·grad moves uphill — gradient "
                                           "descent steps against the gradient, p − lr·grad")
        return None
    if ev.name == "train":
        if matches_mutant(ev, train_updating(lambda n, p, g, lr: p + lr * g)):
            return Finding("sign-flipped", "train climbs the loss: it adds lr·grad — descent subtracts it")
        return None
    negated = leafwise(ev, lambda s, e, case: close(s, -e, ev.check.tolerance))
    if not negated:
        return None
    hint = HINTS.get(ev.name, "flip the sign")
    if ev.name == "forward" and set(negated) <= {"Z1", "Z2"}:
        hint = ("the activations are right, so look at what changes Z in place — a sigmoid that does "
                "`z *= -1` or `np.exp(z, out=z)` flips forward's own Z1 and Z2")
    return Finding("sign-flipped",
                   f"{join(negated)} {'is' if len(negated) == 1 else 'are'} exactly the negative of the right "
                   f"answer on every case: {hint}", {"parts": negated})


PUBLIC = ("this is exactly the negative of the right answer — check the order (A2 − Y, f(x+eps) − f(x−eps)) and "
          "that a descent step subtracts")
NEGATED = {"output_delta", "hidden_delta", "gradients", "backprop", "numerical_gradient"}  # in the public checks


def public(check):
    if check.name in NEGATED:
        yield PUBLIC, related(check, lambda a: -a)
    if check.name == "sgd_step":
        yield PUBLIC, lambda case: tuple(p + case.args[2] * g for p, g in zip(*case.args[:2]))


def changes(name):
    return [Change("sign-flipped", "{parts} negated — " + HINTS.get(name, "flip the sign"), lambda e, s, at: -e)]


MISTAKE = Mistake("sign-flipped", None, recognise, public, changes=changes)
