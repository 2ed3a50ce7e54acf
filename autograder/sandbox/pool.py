"""The grader's side of isolation: a pool of zygotes, submissions in, plain results out.

`Pool(workers).run(jobs)` yields `(job, JobResult)` as submissions finish. One thread
per zygote feeds it jobs and collects its supervisors' records, parsed against `protocol`
with a bound on each line and a deadline on the whole job: a zygote that is silent, dies
or writes nonsense costs the current job only, and is replaced. The judging happens in
the caller.
"""

from __future__ import annotations

import os
import pickle
import queue
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from autograder.sandbox import confine as confinement
from autograder.sandbox import limits, protocol
from autograder.sandbox.protocol import Done, Hello, Step

MARGIN = 30.0  # seconds a job may take beyond its total time (forks, restarts) before its zygote is replaced
RUNS = 2  # times a job is given to a fresh worker when its worker fails (not the student's code: that is confined)


@dataclass
class Job:
    key: str
    steps: list  # {"kind": "cell", "label", "source"} or {"kind": "check", "name", "answer", "cases"}, and a
    # check may carry "key" (where its run is kept) and "substitute" (right versions put in place first)
    imports: list = field(default_factory=list)  # modules the submission imports, loaded before forking
    total: float | None = None  # seconds this job may take in all (default: the pool's per-submission total)


@dataclass
class JobResult:
    cell_errors: dict = field(default_factory=dict)  # step label → error text
    checks: dict = field(default_factory=dict)  # check name → run dict for the judge
    confinement: dict = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0  # how long the job took, as the grader saw it


def zygote_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BPKIT_SECRET"))}
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg")
    return env


def payload(job: Job, timeout: float, memory_mb: int, confine: bool, total: float) -> bytes:
    """The pickle a zygote's supervisor reads: the job's steps, each case as a `shared.Call` (its
    arguments alone), and the limits it runs under."""
    from autograder.sandbox.shared import Call  # numpy's, loaded by then: the pool starts before numpy is imported

    steps = [{**s, "cases": [Call(tuple(c.args), dict(c.kwargs)) for c in s["cases"]]} if s["kind"] == "check"
             else s for s in job.steps]
    return pickle.dumps({"steps": steps, "timeout": timeout, "memory_mb": memory_mb, "total": total,
                         "confine": confine, "imports": job.imports})


class ZygoteFailed(RuntimeError):
    """The zygote or its supervisor did not run the job to its end."""


class Zygote:
    """One `python -I -m autograder.sandbox.zygote` process, in a home folder removed when it closes."""

    def __init__(self, confine: bool = True):
        self.home = tempfile.mkdtemp(prefix="bpkit-zygote-")
        self.proc = subprocess.Popen([sys.executable, "-I", "-m", "autograder.sandbox.zygote",
                                      *(["--confine"] if confine else [])],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd=self.home, env=zygote_env())
        self.reader = protocol.LineReader(2 * protocol.MAX_LINE)
        self.spawner = threading.get_ident()  # the thread it dies with

    def run(self, job: Job, timeout: float, memory_mb: int, confine: bool, total: float) -> JobResult:
        """Run one job; ZygoteFailed if the zygote does not finish it in time, dies or misbehaves."""
        data = payload(job, timeout, memory_mb, confine, total)
        deadline = time.monotonic() + total + MARGIN
        self._give(struct.pack("<I", len(data)) + data, deadline)
        result = JobResult()
        while True:
            record = self._next(deadline)
            if isinstance(record, Done):
                if record.error:
                    raise ZygoteFailed(record.error)
                return _finish(job, result)
            if isinstance(record, Hello):
                result.confinement = {"namespaces": record.namespaces, "chroot": record.chroot,
                                      "unprivileged": record.unprivileged, "notes": record.notes}
            else:
                _record(job, record, result, timeout)

    def _give(self, data: bytes, deadline: float) -> None:
        """Write the job to the zygote, never blocking past the deadline on one that does not read."""
        try:
            protocol.write_all(self.proc.stdin.fileno(), data, deadline)
        except TimeoutError:
            raise ZygoteFailed("it did not read its job") from None
        except OSError as exc:
            raise ZygoteFailed(f"it could not be given the job ({exc.strerror})") from exc

    def _next(self, deadline: float):
        """The next record from the zygote, parsed; ZygoteFailed on silence past the deadline, EOF or nonsense."""
        try:
            line = self.reader.read(self.proc.stdout.fileno(), deadline)
        except protocol.ProtocolError as exc:
            raise ZygoteFailed(str(exc)) from exc
        if line == "timeout":
            raise ZygoteFailed("it ran past the submission's time")
        if line == "eof":
            raise ZygoteFailed("it stopped")
        if not line.strip():
            return self._next(deadline)
        try:
            return protocol.parse(line, (Hello, Step, Done))
        except protocol.ProtocolError as exc:
            raise ZygoteFailed(f"it sent {exc}") from exc

    def close(self, kill: bool = False) -> None:
        """End the zygote (at once if `kill`) and remove its home."""
        if self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self.home, ignore_errors=True)


def _run_dict(check: protocol.CheckDone) -> dict:
    """A check's run as the judge reads it."""
    if check.missing is not None:
        return {"missing": check.missing[:300]}
    return {"outcomes": check.outcomes}


def result_key(step: dict) -> str:
    """Where a check step's run is kept in `JobResult.checks`: its own key (a second run's trial), else its name."""
    return step.get("key") or step["name"]


def _record(job: Job, record: Step, result: JobResult, timeout: float) -> None:
    if not 0 <= record.step < len(job.steps):
        return
    s = job.steps[record.step]
    if s["kind"] == "cell":
        error = record.cell_error or record.timeout or (record.died and f"ended its process: {record.died}")
        if error:
            result.cell_errors[s["label"]] = str(error)[:500]
    elif record.timeout:
        result.checks[result_key(s)] = {"timeout": record.timeout[:300]}
    elif record.died:
        result.checks[result_key(s)] = {"died": record.died[:300]}
    elif record.check is not None:
        result.checks[result_key(s)] = _run_dict(record.check)
    else:
        result.checks[result_key(s)] = {"died": "its process sent back something that is not a result"}


def _finish(job: Job, result: JobResult) -> JobResult:
    """Every check has a run: one never reported died before it was run."""
    for s in job.steps:
        if s["kind"] == "check" and result_key(s) not in result.checks:
            result.checks[result_key(s)] = {"died": "its process stopped before this function was run"}
    return result


_prestarted: list = []  # (confine, Zygote) started before the grader knew what it would grade


def prestart(confine: bool = True) -> None:
    """Start a zygote now, while the command still imports and reads (a cold start on a 2-core machine
    overlaps the two); the next Pool of this thread with the same `confine` takes it."""
    _prestarted.append((confine, Zygote(confine)))


class Pool:
    """`workers` zygotes grading submissions side by side; used as a context manager, or `close()`d.

    Zygotes outlive one `run`: a second run (carry-forward's) reuses the warm ones. `warm(n)` starts n
    of them at once, so their start (importing numpy) overlaps with the grader's own work.
    """

    def __init__(self, workers: int | None = None, timeout: float = limits.TIMEOUT,
                 memory_mb: int = limits.MEMORY_MB, confine: bool = True):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.timeout, self.memory_mb, self.confine = timeout, memory_mb, confine
        self.total = limits.submission_time(timeout)
        self.isolation = confinement.isolation(confine)  # Unavailable, before anyone is graded
        self.idle: queue.SimpleQueue = queue.SimpleQueue()
        # A zygote dies with the *thread* that started it (PR_SET_PDEATHSIG): only those this thread starts, which
        # outlives the runs, are kept warm between runs; a worker thread's own zygote ends with the thread.
        self.owner = threading.get_ident()
        while _prestarted:
            flag, zygote = _prestarted.pop()
            if flag == confine and zygote.spawner == self.owner and zygote.proc.poll() is None:
                self.idle.put(zygote)
            else:
                zygote.close()

    def warm(self, n: int) -> Pool:
        """Start up to n zygotes now (at most `workers`), before any job needs them."""
        for _ in range(min(n, self.workers) - self.idle.qsize()):
            self.idle.put(Zygote(self.confine))
        return self

    def _zygote(self) -> Zygote:
        """A warm zygote that is still alive, else a new one."""
        while True:
            try:
                zygote = self.idle.get_nowait()
            except queue.Empty:
                return Zygote(self.confine)
            if zygote.proc.poll() is None:
                return zygote
            zygote.close()

    def close(self) -> None:
        """End the idle zygotes."""
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, items):
        """Yield (job, JobResult) as jobs finish; anything else in `items` passes through as (item, None).

        `items` may be a generator: a producer thread draws from it and keeps a few jobs ready,
        so building the next jobs (reading notebooks, drawing cases) overlaps with running jobs.
        """
        todo: queue.Queue = queue.Queue(maxsize=2 * self.workers)
        done: queue.Queue = queue.Queue()

        def produce():
            try:
                for item in items:
                    if isinstance(item, Job):
                        todo.put(item)
                    else:
                        done.put((item, None))
            except BaseException as exc:  # noqa: BLE001 - a failure building jobs reaches the caller
                done.put((_FAILED, exc))
            finally:
                for _ in range(self.workers):
                    todo.put(_END)

        def work():
            zygote = None
            try:
                while (job := todo.get()) is not _END:
                    started = time.monotonic()
                    total = self.total if job.total is None else job.total
                    for attempt in range(RUNS):  # a failed worker is replaced, and the job given to the new one
                        zygote = zygote or self._zygote()
                        try:
                            result = zygote.run(job, self.timeout, self.memory_mb, self.confine, total)
                            result.seconds = time.monotonic() - started
                            done.put((job, result))
                            break
                        except Exception as exc:  # noqa: BLE001 - a worker failure costs this job only
                            zygote.close(kill=True)
                            zygote = None
                            if attempt == RUNS - 1:
                                done.put((job, JobResult(error=f"the grading worker failed: {exc}",
                                                         seconds=time.monotonic() - started)))
            finally:
                if zygote is not None:
                    if zygote.proc.poll() is None and zygote.spawner == self.owner:
                        self.idle.put(zygote)  # warm for the next run; close() ends it
                    else:
                        zygote.close()
                done.put(_END)

        threads = [threading.Thread(target=produce, daemon=True)]
        threads += [threading.Thread(target=work, daemon=True) for _ in range(self.workers)]
        for t in threads:
            t.start()
        running = self.workers
        while running:
            got = done.get()
            if got is _END:
                running -= 1
            elif got[0] is _FAILED:
                raise got[1]
            else:
                yield got


_END, _FAILED = object(), object()
