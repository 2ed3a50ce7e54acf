"""Matching an answer to a mutant of the reference: overflow, round-off, and never a right answer."""

from __future__ import annotations

import numpy as np

from autograder.mistakes.common import round_off
from autograder.plain import Arr, Map, Num


def test_round_off_below_tiny_counts_as_right_element_by_element():
    """gradient_check: values under `tiny` where the right ones are under it too are taken as right."""
    s = Map({"W1": Arr(np.array([3e-11, 0.5])), "b1": Num(2e-9)})
    e = Map({"W1": Arr(np.array([1e-11, 0.4])), "b1": Num(5e-10)})
    out = round_off(s, e, 1e-7)
    assert list(out.items["W1"].a) == [1e-11, 0.5] and out.items["b1"].v == 5e-10
    assert round_off(s, e, None) is s
