"""Shared fixtures: namespaces of the reference solutions, as a student's notebook would hold them."""

from __future__ import annotations

import pytest

from solutions import ps1, ps2, ps3


def solved(assignment: str) -> dict:
    """Everything a fully solved notebook of `assignment` defines."""
    ns = {k: v for k, v in vars(ps1).items() if not k.startswith("__")}
    if assignment == "ps2":
        ns.update({k: v for k, v in vars(ps2).items() if not k.startswith("__")}, buggy_parameter="W2")
    if assignment == "ps3":
        ns.update({k: v for k, v in vars(ps3).items() if not k.startswith("__")})
    return ns


@pytest.fixture
def solved_namespace():
    return solved
