"""lr-not-applied: a parameter updated by its gradient without the learning rate (or not updated)."""

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import call_quiet, close, join, matches_mutant, train_updating
from autograder.plain import Arr, Seq

NAMES = ("W1", "b1", "W2", "b2")


def _sgd(ev: Answers):
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


def recognise(ev: Answers) -> Finding | None:
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


PUBLIC = "a parameter moved by its whole gradient — multiply the gradient by lr"


def public(check):
    if check.name == "sgd_step":
        yield PUBLIC, lambda case: tuple(p - g for p, g in zip(*case.args[:2]))
    if check.name == "train":
        yield PUBLIC, lambda case: call_quiet(train_updating(lambda n, p, g, lr: p - g), case)


MISTAKE = Mistake("lr-not-applied", frozenset({"sgd_step", "train"}), recognise, public)
