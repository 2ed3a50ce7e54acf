"""fork.run_forked: a callable in a limited child, its result or how it ended."""

from __future__ import annotations

import os

from autograder.sandbox import limits
from autograder.sandbox.fork import run_forked


def test_an_endless_loop_is_told_the_sandboxs_one_wording():
    """A child past its time is stopped and told `limits.past_time_limit`, as the supervisor tells its steps."""
    def loop():
        while True:
            pass

    assert run_forked(loop, 0.5) == {"timeout": limits.past_time_limit(0.5)}
    assert "time limit of 0.5 s" in limits.past_time_limit(0.5)


def test_a_result_and_a_death_are_told_apart():
    """The child's dict comes back as it was; a child that exits says with which code."""
    assert run_forked(lambda: {"value": 1}, 5.0) == {"value": 1}
    assert run_forked(lambda: os._exit(3), 5.0) == {"died": "its process exited with code 3 before returning"}
