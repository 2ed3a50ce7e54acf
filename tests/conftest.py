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


FIRST = "test_roundtrip.py"  # the longest module by far (nbgrader autograde and feedback on the whole corpus)


def pytest_collection_modifyitems(config, items):
    """The round trip first: with the suite spread over the cores (pytest-xdist, `--dist loadfile` in
    pyproject.toml), one worker starts it at once while the others take everything else."""
    items.sort(key=lambda item: item.path.name != FIRST)
