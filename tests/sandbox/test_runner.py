"""autograder.sandbox.runner: a function on its cases, as plain data — values, errors and changed arguments."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.cases import Case
from autograder.sandbox.casefns import Fn
from autograder.sandbox.runner import run_check, run_function


@pytest.fixture
def cases() -> list[Case]:
    """Two cases of one array argument each."""
    return [Case("zeros", (np.zeros(2),)), Case("ones", (np.ones(3),))]


@pytest.fixture
def namespace() -> dict:
    """A student's namespace: a function, a variable, and a function that raises."""
    def double(z):
        return 2 * z

    def broken(z):
        raise ValueError("first line\nsecond line")

    return {"double": double, "answer": "W2", "broken": broken}


def test_each_case_returns_its_value_as_plain_data(cases):
    """One outcome per case: the value as plain data, no argument changed."""
    outcomes = run_function(lambda z: z + 1, cases)
    assert [o["value"]["shape"] for o in outcomes] == [[2], [3]]
    assert all(o["changed"] == [] for o in outcomes)


def test_an_exception_is_its_type_and_first_line(namespace, cases):
    """A raised error is 'Type: first line', for each case."""
    assert run_function(namespace["broken"], cases)[0] == {"error": "ValueError: first line", "changed": []}


def test_systemexit_is_the_students_error_too(cases):
    """sys.exit in the function is an outcome, not the end of the runner."""
    def leaves(z):
        raise SystemExit(3)

    assert run_function(leaves, cases)[1]["error"] == "SystemExit: 3"


def test_an_argument_changed_in_place_is_reported_by_position(cases):
    """Writing into an argument marks its position as changed."""
    def writes(z):
        z[0] = 7.0
        return z

    assert [o["changed"] for o in run_function(writes, cases)] == [[0], [0]]


def test_after_a_memory_error_the_next_cases_are_not_run(cases):
    """A case that exhausted memory stops the rest, which say so."""
    calls = []

    def hog(z):
        calls.append(1)
        raise MemoryError

    outcomes = run_function(hog, cases)
    assert len(calls) == 1 and outcomes[1]["error"].startswith("MemoryError (not run")


def test_fn_specs_become_functions():
    """A casefns.Fn argument reaches the function as a callable (Case.materialize, by default)."""
    spec = Fn("scalar_field", {"C": [1.0, 2.0], "w": [0.0, 0.0]})
    (outcome,) = run_function(lambda f, x: f(x), [Case("f", (spec, np.array([np.pi / 2, 0.0])))])
    assert outcome["value"] == {"t": "num", "v": 1.0, "bool": False}  # Σ C·sin(x) + ½(w·x)² = 1·1 + 0


def test_materialize_gives_the_arguments_when_given(cases):
    """`materialize(i, case)` replaces case.materialize(): the sandbox's shared views arrive this way."""
    outcomes = run_function(lambda z: float(z), cases, materialize=lambda i, case: ((10.0 * i,), {}))
    assert [o["value"]["v"] for o in outcomes] == [0.0, 10.0]


def test_a_missing_or_uncallable_name_is_missing(namespace, cases):
    """run_check says why a function could not be called, and calls nothing."""
    assert run_check(namespace, "absent", False, cases) == {"missing": "`absent` is not defined"}
    assert run_check(namespace, "answer", False, cases) == {"missing": "`answer` is not a function (it is str)"}


def test_an_answer_is_the_variables_value(namespace, cases):
    """An answer check returns the variable itself, once, whatever the cases."""
    assert run_check(namespace, "answer", True, cases) == {"outcomes": [{"value": {"t": "str", "v": "W2"},
                                                                        "changed": []}]}


def test_a_function_check_runs_every_case(namespace, cases):
    """A callable's check is run_function on its cases."""
    run = run_check(namespace, "double", False, cases)
    assert [o["value"]["shape"] for o in run["outcomes"]] == [[2], [3]]
