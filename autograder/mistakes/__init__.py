"""Naming the student's mistake from their outputs on the hidden cases.

Each module here recognises one catalogue id of ASSIGNMENTS.md: `recognise(ev)`
returns a `Finding` only when the mistake explains every hidden case the student's
function answered (a case it got right is explained when the mistake changes
nothing there). Recognisers are tried in the order of RECOGNISERS; the first wins.
They see outputs and arguments, never the student's source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autograder.checks import Check


@dataclass
class Evidence:
    """What a recogniser may look at: per case, the student's value, the reference's, the verdict."""

    check: Check
    cases: list
    student: list  # plain values; None where the call raised
    expected: list
    verdicts: list
    changed: list  # per case, positions of arguments the call changed

    @property
    def name(self) -> str:
        return self.check.name


@dataclass
class Finding:
    mistake: str
    message: str
    evidence: dict = field(default_factory=dict)
    mistakes: list[str] = field(default_factory=list)  # every id that together explains it; [mistake] if empty

    def __post_init__(self):
        self.mistakes = self.mistakes or [self.mistake]


def recognisers():
    """The recognisers in the order they are tried."""
    from autograder.mistakes import (
        bias_not_summed,
        builtin_sum,
        derivative_applied_twice,
        derivative_missing,
        derivative_of_activation,
        forward_difference,
        input_not_restored,
        kept_dims,
        lr_not_applied,
        mutates_input,
        scaled,
        sigmoid_precedence,
        sign_flipped,
        thresholded_output,
        transposed,
        wrong_element,
    )

    return [input_not_restored, mutates_input, derivative_of_activation, derivative_applied_twice,
            derivative_missing, sigmoid_precedence, thresholded_output, forward_difference, wrong_element,
            lr_not_applied, sign_flipped, transposed, kept_dims, builtin_sum, bias_not_summed, scaled]


def catalogue() -> list[str]:
    """The catalogue's ids, in the order they are tried (each recogniser module is named after its id)."""
    return [m.__name__.rsplit(".", 1)[1].replace("_", "-") for m in recognisers()]


def name_mistake(ev: Evidence) -> Finding | None:
    """The first catalogue mistake that explains every case, else two or three that do together, or None."""
    from autograder.mistakes import combined

    if any(s is None for s in ev.student):
        return None
    for module in recognisers():
        finding = module.recognise(ev)
        if finding:
            return finding
    return combined.recognise(ev)
