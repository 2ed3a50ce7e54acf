"""input-not-restored: numerical_gradient left x, or gradient_check left params, changed."""

import numpy as np

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import arg_names
from autograder.plain import from_plain, to_plain


def recognise(ev: Answers) -> Finding | None:
    if not ev.check.restores_input or not any(ev.changed):
        return None
    names = arg_names(ev.check)
    i = next(i for i, ch in enumerate(ev.changed) if ch)
    arg = names[ev.changed[i][0]]
    if ev.name == "numerical_gradient":
        x = from_plain(to_plain(ev.cases[i].args[1]))
        how = ("save `oldval = x[ix]` before perturbing and put it back with `x[ix] = oldval` "
               "(adding and subtracting eps does not give back the same bits), or perturb a copy")
        return Finding("input-not-restored",
                       f"numerical_gradient left `x` changed after the call (case '{ev.cases[i].label}'): "
                       f"{how}", {"argument": arg, "x_norm": float(np.linalg.norm(x.a))})
    return Finding("input-not-restored",
                   f"{ev.name} left `{arg}` changed after the call (case '{ev.cases[i].label}'): perturb copies "
                   f"of the parameters, or restore each one exactly as it was",
                   {"argument": arg})


MISTAKE = Mistake("input-not-restored", None, recognise)  # the public checks see a changed argument themselves
