"""Shared fixtures: namespaces of the reference solutions, as a student's notebook would hold them."""

from __future__ import annotations

import pytest

from autograder.assignments import get


def solved(assignment: str) -> dict:
    """Everything a fully solved notebook of `assignment` defines."""
    return get(assignment).solved()


@pytest.fixture
def solved_namespace():
    return solved
