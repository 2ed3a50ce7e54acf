"""The supervisor: a child that fails before any student code runs is not the student's failure."""

from __future__ import annotations

import os

from autograder.sandbox import supervisor
from autograder.sandbox.protocol import Done, Step

STEPS = [{"kind": "cell", "label": "the solution cell", "source": "x = 1"}]


def supervised(monkeypatch, tmp_path, failures: int) -> list:
    """The records of one job whose first `failures` children exit before they are ready."""
    real, tally = supervisor._sandbox, tmp_path / "starts"

    def flaky(*args):
        with open(tally, "a") as f:
            f.write("x")
        if tally.stat().st_size <= failures:
            os._exit(supervisor.NO_SANDBOX)
        real(*args)

    monkeypatch.setattr(supervisor, "_sandbox", flaky)
    monkeypatch.chdir(tmp_path)
    sent = []
    job = {"steps": STEPS, "timeout": 5.0, "total": 30.0, "memory_mb": 1024, "confine": False}
    supervisor.Supervisor(job, sent.append).run()
    return sent


def test_a_child_that_fails_to_start_is_started_again(monkeypatch, tmp_path):
    """Two failed starts, then the cell runs as if nothing happened."""
    sent = supervised(monkeypatch, tmp_path, supervisor.STARTS - 1)
    steps = [r for r in sent if isinstance(r, Step)]
    assert [(s.step, s.cell_error, s.timeout, s.died) for s in steps] == [(0, None, None, None)]
    assert sent[-1] == Done()


def test_a_sandbox_that_never_starts_fails_the_job_not_the_students_cell(monkeypatch, tmp_path):
    """After STARTS failed starts the job ends with an error; no step is charged to the student."""
    sent = supervised(monkeypatch, tmp_path, supervisor.STARTS)
    assert not [r for r in sent if isinstance(r, Step)]
    assert isinstance(sent[-1], Done) and "could not start" in sent[-1].error
    assert "could not be set up" in sent[-1].error
