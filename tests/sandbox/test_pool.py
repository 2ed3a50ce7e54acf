"""The grader's side of the channel: a zygote that is silent, dies or writes nonsense costs one job."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from autograder.sandbox import pool

FAKES = {
    "garbage": "print('not a record', flush=True); import time; time.sleep(30)",
    "huge": "import sys; sys.stdout.write('x' * (40 * 1024 * 1024)); sys.stdout.flush()",
    "dies": "import os; os._exit(9)",
    "silent": "import time; time.sleep(30)",
    "never_reads": "import time; time.sleep(30)",
    "wrong_kind": "print('{\"kind\": \"command\", \"step\": 0}', flush=True); import time; time.sleep(30)",
}


@pytest.mark.parametrize("fake", sorted(FAKES))
def test_a_misbehaving_zygote_fails_the_job_in_bounded_time(fake, monkeypatch):
    """Zygote.run raises ZygoteFailed (never hangs, never reads without bound); close() cleans up."""
    monkeypatch.setattr(pool, "MARGIN", 1.0)
    z = pool.Zygote()
    z.proc.kill()
    z.proc.wait()
    z.proc = subprocess.Popen([sys.executable, "-c", FAKES[fake]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    source = "x = 1" if fake != "never_reads" else "x = '" + "y" * (1 << 20) + "'"  # more than a pipe holds
    job = pool.Job("k", [{"kind": "cell", "label": "c", "source": source}])
    start = time.monotonic()
    with pytest.raises(pool.ZygoteFailed):
        z.run(job, 1.0, 600, True, total=1.0)
    assert time.monotonic() - start < 10
    z.close(kill=True)
    assert z.proc.poll() is not None


def test_the_pool_replaces_a_failed_zygote(monkeypatch):
    """A job whose zygote keeps failing gets an error after RUNS fresh zygotes; the next job is run as usual."""
    calls = []
    real = pool.Zygote.run

    def flaky(self, job, *args, **kw):
        calls.append(job.key)
        if job.key == "first":
            self.proc.kill()
        return real(self, job, *args, **kw)

    monkeypatch.setattr(pool.Zygote, "run", flaky)
    steps = [{"kind": "cell", "label": "c", "source": "x = 1"}]
    jobs = [pool.Job("first", steps), pool.Job("second", steps)]
    got = {job.key: result for job, result in pool.Pool(1, timeout=2.0).run(jobs)}
    assert got["first"].error and "worker failed" in got["first"].error
    assert got["second"].error is None and got["second"].cell_errors == {}
    assert calls == ["first"] * pool.RUNS + ["second"]


def test_a_job_whose_worker_failed_once_is_run_again(monkeypatch):
    """A worker that fails once (not the student's doing) costs nothing: a fresh one runs the job."""
    failed = []
    real = pool.Zygote.run

    def once(self, job, *args, **kw):
        if not failed:
            failed.append(job.key)
            self.proc.kill()
        return real(self, job, *args, **kw)

    monkeypatch.setattr(pool.Zygote, "run", once)
    steps = [{"kind": "cell", "label": "c", "source": "x = 1"}]
    (job, result), = pool.Pool(1, timeout=2.0).run([pool.Job("only", steps)])
    assert failed == ["only"] and result.error is None and result.cell_errors == {}


def test_zygotes_kept_warm_between_runs_are_alive(monkeypatch):
    """A zygote a worker thread started dies with that thread, so it is never kept for the next run: a second run
    of the same pool finds live zygotes only, and no job of it fails."""
    started = []
    real = pool.Zygote.__init__

    def counted(self, *args, **kw):
        real(self, *args, **kw)
        started.append(self)

    monkeypatch.setattr(pool.Zygote, "__init__", counted)
    steps = [{"kind": "cell", "label": "c", "source": "x = 1"}]
    with pool.Pool(2, timeout=2.0) as p:  # nothing warmed: the workers start their own
        first = list(p.run([pool.Job(str(i), steps) for i in range(4)]))
        second = list(p.run([pool.Job(str(i), steps) for i in range(4)]))
    assert all(r.error is None for _, r in first + second)
    assert all(z.proc.poll() is not None for z in started)  # all ended by now


def test_warmed_zygotes_serve_both_runs(monkeypatch):
    """Zygotes started by the pool's own thread (warm) serve the first run and the second: none started again."""
    started = []
    real = pool.Zygote.__init__

    def counted(self, *args, **kw):
        real(self, *args, **kw)
        started.append(self)

    monkeypatch.setattr(pool.Zygote, "__init__", counted)
    steps = [{"kind": "cell", "label": "c", "source": "x = 1"}]
    with pool.Pool(2, timeout=2.0).warm(2) as p:
        list(p.run([pool.Job(str(i), steps) for i in range(4)]))
        list(p.run([pool.Job(str(i), steps) for i in range(4)]))
    assert len(started) == 2
