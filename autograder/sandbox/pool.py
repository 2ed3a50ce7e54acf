"""The grader's side of isolation: a pool of zygotes, submissions in, plain results out.

`Pool(workers).run(jobs)` yields `(job, JobResult)` as submissions finish. One thread
per zygote feeds it jobs and collects its events; nothing from a child is trusted
beyond being JSON, and the judging happens in the caller.
"""

from __future__ import annotations

import json
import os
import pickle
import queue
import struct
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field

from autograder.sandbox import limits


@dataclass
class Job:
    key: str
    steps: list  # {"kind": "cell", "label", "source"} or {"kind": "check", "name", "answer", "cases"}
    imports: list = field(default_factory=list)  # modules the submission imports, loaded before forking


@dataclass
class JobResult:
    cell_errors: dict = field(default_factory=dict)  # step label → error text
    checks: dict = field(default_factory=dict)  # check name → run dict for the judge
    confinement: dict = field(default_factory=dict)
    error: str | None = None


def zygote_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BPKIT_SECRET"))}
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", MPLBACKEND="Agg")
    return env


class Zygote:
    """One `python -I -m autograder.sandbox.zygote` process."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="bpkit-zygote-")
        self.proc = subprocess.Popen([sys.executable, "-I", "-m", "autograder.sandbox.zygote"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd=self.home, env=zygote_env())

    def run(self, job: Job, timeout: float, memory_mb: int, confine: bool) -> JobResult:
        payload = pickle.dumps({"steps": job.steps, "timeout": timeout, "memory_mb": memory_mb,
                                "confine": confine, "imports": job.imports})
        self.proc.stdin.write(struct.pack("<I", len(payload)) + payload)
        self.proc.stdin.flush()
        result = JobResult()
        for line in self.proc.stdout:
            event = json.loads(line)
            if event.get("done"):
                return _finish(job, result)
            _record(job, event, result, timeout)
        raise RuntimeError("the grading worker stopped")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _valid_run(result) -> dict:
    """A check's run as the judge expects it, or a 'died' record for anything else."""
    if isinstance(result, dict) and isinstance(result.get("outcomes"), list):
        return {"outcomes": [o if isinstance(o, dict) else {"error": "malformed result"}
                             for o in result["outcomes"]]}
    if isinstance(result, dict) and isinstance(result.get("missing"), str):
        return {"missing": result["missing"][:300]}
    return {"died": "its process sent back something that is not a result"}


def _record(job: Job, event: dict, result: JobResult, timeout: float) -> None:
    if "confinement" in event:
        result.confinement = event["confinement"]
        return
    step = event.get("step")
    if not isinstance(step, int) or not 0 <= step < len(job.steps):
        return
    s = job.steps[step]
    if s["kind"] == "cell":
        error = event.get("cell_error") or (f"ran past its time limit of {timeout:g} s" if "timeout" in event
                                            else event.get("died") and f"ended its process: {event['died']}")
        if error:
            result.cell_errors[s["label"]] = str(error)[:500]
    elif "timeout" in event:
        result.checks[s["name"]] = {"timeout": f"ran past its time limit of {timeout:g} s (an endless loop?)"}
    elif "died" in event:
        result.checks[s["name"]] = {"died": str(event["died"])[:300]}
    else:
        result.checks[s["name"]] = _valid_run(event.get("result"))


def _finish(job: Job, result: JobResult) -> JobResult:
    for s in job.steps:
        if s["kind"] == "check" and s["name"] not in result.checks:
            result.checks[s["name"]] = {"died": "its process stopped before this function was run"}
    return result


class Pool:
    """`workers` zygotes grading submissions side by side."""

    def __init__(self, workers: int | None = None, timeout: float = 10.0,
                 memory_mb: int = limits.MEMORY_MB, confine: bool = True):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.timeout, self.memory_mb, self.confine = timeout, memory_mb, confine

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
                    zygote = zygote or Zygote()
                    try:
                        done.put((job, zygote.run(job, self.timeout, self.memory_mb, self.confine)))
                    except Exception as exc:  # noqa: BLE001 - a worker failure costs this job only
                        zygote.close()
                        zygote = None
                        done.put((job, JobResult(error=f"the grading worker failed: {exc}")))
            finally:
                if zygote is not None:
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
