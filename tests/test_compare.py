"""autograder.compare: one returned value against the reference's, with the combined tolerance."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.compare import Verdict, compare, worst
from autograder.plain import from_plain, to_plain
from autograder.tolerance import DEFAULT, Tolerance


@pytest.fixture
def tol() -> Tolerance:
    """A tolerance of powers of two, so its bound is exact: atol 1/16 of max|r|, rtol 1/8 of |r|, no floor."""
    return Tolerance(rtol=2.0**-3, atol=2.0**-4, floor=0.0)


@pytest.fixture
def judged():
    """compare(student, reference) on raw Python values, through plain data as the grader sees them."""
    return lambda s, r, tol=DEFAULT: compare(from_plain(to_plain(s)), from_plain(to_plain(r)), tol)


REFERENCE = np.array([8.0, 2.0])  # max|r| = 8: bound = 8/16 + |r|/8 = [1.5, 0.75]


def test_the_combined_bound_is_atol_of_the_largest_plus_rtol_of_each(tol):
    """|s − r| ≤ atol·max|r| + rtol·|r| at each element."""
    assert tol.bound(REFERENCE).tolist() == [1.5, 0.75]


def test_an_answer_on_the_bound_passes(tol, judged):
    """Exactly atol·max|r| + rtol·|r| away, at every element, is still right."""
    verdict = judged(REFERENCE + [1.5, -0.75], REFERENCE, tol)
    assert verdict.status == "passed" and verdict.max_error == 1.5


def test_an_answer_just_past_the_bound_fails_where_it_is_past(tol, judged):
    """One ulp-scale step beyond the bound at element 1 fails there, even with element 0 on its bound."""
    verdict = judged(REFERENCE + [1.5, 0.75 + 2.0**-20], REFERENCE, tol)
    assert verdict.status == "failed" and "at index (1,)" in verdict.detail


def test_the_small_elements_bound_is_scaled_by_the_largest(judged):
    """An element near 0 may be off by atol·max|r|, not by rtol·0: a relative check alone would fail it."""
    tol = Tolerance(rtol=0.0, atol=2.0**-4, floor=0.0)
    assert judged(np.array([8.0, 0.5]), np.array([8.0, 0.0]), tol).status == "passed"
    assert judged(np.array([8.0, 0.5 + 2.0**-10]), np.array([8.0, 0.0]), tol).status == "failed"


def test_the_floor_alone_bounds_an_all_zero_reference(judged):
    """Against zeros only the floor is allowed."""
    tol = Tolerance(rtol=1e-3, atol=1e-3, floor=2.0**-30)
    assert judged(np.full(3, 2.0**-30), np.zeros(3), tol).status == "passed"
    assert judged(np.full(3, 2.0**-29), np.zeros(3), tol).status == "failed"


def test_a_transposed_array_is_the_wrong_shape(judged):
    """Shapes must match exactly: both shapes are in the verdict."""
    verdict = judged(np.zeros((3, 2)), np.zeros((2, 3)))
    assert (verdict.status, verdict.expected_shape, verdict.actual_shape) == ("wrong-shape", (2, 3), (3, 2))


def test_an_array_where_a_number_is_due_is_the_wrong_shape(judged):
    """A (1,)-array for a float is wrong-shape, a string is wrong-type."""
    assert judged(np.array([0.5]), 0.5).status == "wrong-shape"
    assert judged("0.5", 0.5).status == "wrong-type"


def test_nan_where_the_reference_is_finite_is_not_finite(judged):
    """A NaN or inf in the answer is named with its index."""
    verdict = judged(np.array([1.0, np.nan]), np.array([1.0, 2.0]))
    assert verdict.status == "not-finite" and "index (1,)" in verdict.detail


def test_floats_where_integers_are_due_are_the_wrong_type(judged):
    """Predicted labels as probabilities: wrong-type, with the fix."""
    verdict = judged(np.array([0.0, 1.0]), np.array([0, 1]))
    assert verdict.status == "wrong-type" and "astype(int)" in verdict.detail


def test_a_tuple_is_compared_item_by_item(judged):
    """A wrong item is named by its place; a tuple of the wrong length is wrong-type."""
    verdict = judged((np.zeros(2), np.ones(2)), (np.zeros(2), np.zeros(2)))
    assert verdict.status == "failed" and verdict.detail.startswith("item 1: ")
    assert judged((np.zeros(2),), (np.zeros(2), np.zeros(2))).status == "wrong-type"


def test_a_dict_names_its_missing_and_wrong_keys(judged):
    """A missing key is wrong-type; a wrong value is failed at its key."""
    assert "no key 'b'" in judged({"a": 1.0}, {"a": 1.0, "b": 2.0}).detail
    assert judged({"a": 1.0, "b": 3.0}, {"a": 1.0, "b": 2.0}).detail.startswith("'b': ")


def test_worst_puts_the_type_before_the_numbers():
    """wrong-type, not-finite, wrong-shape, failed, passed: the first present wins; none is a pass."""
    verdicts = [Verdict("failed"), Verdict("wrong-shape"), Verdict("passed"), Verdict("not-finite")]
    assert worst(verdicts).status == "not-finite"
    assert worst([*verdicts, Verdict("wrong-type")]).status == "wrong-type"
    assert worst([]).status == "passed"
