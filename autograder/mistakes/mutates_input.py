"""mutates-input: the function changed an array it was given."""

from autograder.mistakes import Answers, Finding, Mistake
from autograder.mistakes.common import arg_names


def recognise(ev: Answers) -> Finding | None:
    if ev.check.restores_input or not any(ev.changed):
        return None
    names = arg_names(ev.check)
    i, case = next((i, c) for i, c in enumerate(ev.cases) if ev.changed[i])
    arg = names[ev.changed[i][0]] if ev.changed[i][0] < len(names) else "an argument"
    return Finding("mutates-input",
                   f"{ev.name} changed its argument `{arg}` in place (case '{case.label}'): a function must "
                   f"leave what it is given untouched — compute into a new array (`{arg} = {arg} - …`, "
                   f"or work on `{arg}.copy()`) instead of `-=`, `+=` or assigning into `{arg}[...]`",
                   {"argument": arg, "case": case.label})


MISTAKE = Mistake("mutates-input", None, recognise)  # the public checks see a changed argument themselves
