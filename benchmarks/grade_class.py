"""Benchmark: a generated class graded by `bpkit grade` and by `nbgrader autograde`.

    python benchmarks/grade_class.py --students 1000 --nbgrader-sample 40
    python benchmarks/grade_class.py --students 100 1000 10000 --nbgrader-sample 0   # cost per submission by size

Generates N ps1 submissions from the corpus of learner code (mostly correct variants,
a quarter with catalogue mistakes, a few hostile ones), grades all of them with bpkit
(the same call `bpkit grade` makes) and a sample with nbgrader autograde in two temporary
courses — the kit's (the sandbox, no kernel) and stock nbgrader's (kernels execute the
notebooks) — and prints seconds, seconds per notebook, submissions per second, the
throughput ratio and how many per-function scores agree on the sample. For each class size it
prints where the grader's time goes — per stage (reading, reference values, judging, naming
mistakes, the journal, clustering, reports), wall and CPU seconds per submission — the sandbox's
CPU, split into what isolation alone costs (a submission that runs nothing) and the rest, the
machine's CPU (the kernel's included) with the ceiling isolation alone sets, the grader's peak
memory, and what the looping submissions cost; then the fork floor (one fork from the zygote's
image, and the sandbox's chain of four), and one notebook graded by `bpkit grade` from a cold start.
Prints its figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import nbformat

from autograder import batch, cluster, demo, judge, submissions
from autograder.checks import assignment
from autograder.journal import Journal
from autograder.report import csvfile, gradebook, html, jsonfile
from autograder.sandbox import limits
from autograder.sandbox.pool import Job, Pool

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "ps1"
HOSTILE = {
    "hostile_loop": "def backprop(X, Y, W1, b1, W2, b2):\n    while True:\n        pass\n",
    "hostile_exit": "import os\ndef loss(Y, A2):\n    os._exit(1)\n",
    "hostile_flood": "import sys\nfor _ in range(1000):\n    print('x' * 10000)\n",
    "hostile_numpy": "import numpy as np\nnp.allclose = lambda *a, **k: True\n",
    "hostile_bomb": "def forward(X, W1, b1, W2, b2):\n    return [bytearray(10**8) for _ in range(100)]\n",
}


def notebook(code: str, dest: Path) -> None:
    """The released ps1 notebook with the learner's code in its first solution cell, the others empty."""
    nb = nbformat.read(str(ROOT / "release" / "ps1" / "backprop.ipynb"), as_version=4)
    solution = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    for c in solution:
        c.source = ""
    solution[0].source = code
    nbformat.write(nb, str(dest))


def generate(n: int, folder: Path, seed: int = 0) -> None:
    rng = random.Random(seed)
    files = sorted(CORPUS.glob("*.py"))
    correct = [p for p in files if p.stem.startswith("correct")]
    mistakes = [p for p in files if not p.stem.startswith(("correct", "other"))]
    hostile = list(HOSTILE.items())
    for i in range(n):
        if i % 200 == 199:
            name, extra = hostile[(i // 200) % len(hostile)]
            base = (CORPUS / "correct_loops.py").read_text()
            notebook(base + "\n" + extra, folder / f"s{i:04d}_{name}.ipynb")
            continue
        src = rng.choice(mistakes) if rng.random() < 0.25 else rng.choice(correct)
        notebook(src.read_text(), folder / f"s{i:04d}_{src.stem}.ipynb")


def per_function(report) -> dict:
    return {s.student: {t.name: t.score for t in s.tests} for s in report.submissions}


def autograde(course: Path, sample: list) -> float:
    """Release ps1 in `course`, submit `sample`, and return the seconds `nbgrader autograde` takes."""
    demo.nbgrader(course, "generate_assignment", "ps1", "--force")
    for f in sample:
        dest = course / "submitted" / f.student / "ps1"
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(f.path, dest / "backprop.ipynb")
    start = time.perf_counter()
    demo.nbgrader(course, "autograde", "ps1", "--force", check=False)
    return time.perf_counter() - start


class Stages:
    """Wall and CPU seconds spent in the grader's stages, wherever (whichever thread) they run."""

    STAGES = {"read the notebook, draw the cases": (batch, "prepared"),
              "judge and name mistakes": (batch, "results_of"),
              "  of which reference values": (judge, "reference_value"),
              "  of which naming mistakes": (judge, "name_mistake"),
              "plan the second run": (batch, "carried"), "settle what is inherited": (batch, "settle"),
              "journal": (Journal, "add"), "cluster the class": (cluster, "assign")}

    def __init__(self):
        self.wall, self.cpu, self.lock = defaultdict(float), defaultdict(float), threading.Lock()
        self.saved = []

    def __enter__(self):
        for stage, (module, name) in self.STAGES.items():
            real = getattr(module, name)
            self.saved.append((module, name, real))
            setattr(module, name, self.timed(stage, real))
        return self

    def __exit__(self, *exc):
        for module, name, real in self.saved:
            setattr(module, name, real)

    def timed(self, stage: str, fn):
        def run(*args, **kwargs):
            w, c = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                with self.lock:
                    self.wall[stage] += time.perf_counter() - w
                    self.cpu[stage] += time.thread_time() - c
        return run


PAGES = 50  # student pages written per class size (their cost is shown per submission, as if written for all)
PAGES_STAGE = f"student pages (the first {PAGES}, one core)"


def peak_mb() -> float:
    """The grader's peak resident memory so far (it only grows: class sizes are graded smallest first)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine so far, every core (/proc/stat: user, nice, system, irq, softirq):
    what every process and the kernel's own threads spent, which a process's rusage does not all show. 0 off Linux."""
    try:
        ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    return (sum(ticks[:3]) + sum(ticks[5:7])) / os.sysconf("SC_CLK_TCK")


def sandbox_floor(workers: int, n: int = 100) -> tuple[float, float]:
    """CPU seconds the sandbox spends on a submission that runs nothing (one empty cell): forking the
    supervisor and the confined processes, namespaces, chroot, the protocol — what isolation alone costs
    (the zygotes' own start, timed alone, left out); and the machine's CPU for it, the kernel's included."""
    empty = [{"kind": "cell", "label": "cell 1", "source": "pass"}]

    def spent(jobs: int) -> tuple[float, float]:
        before, machine = children_cpu(), machine_cpu()
        with Pool(workers).warm(workers) as pool:
            for _ in pool.run(Job(str(i), empty) for i in range(jobs)):
                pass
        return children_cpu() - before, machine_cpu() - machine

    (own, machine), (own0, machine0) = spent(n), spent(0)
    return (own - own0) / n, (machine - machine0) / n


FORK_CHAIN = """
import os, sys, time
from autograder.sandbox import zygote
zygote.preload()
def chain(depth):
    pid = os.fork()
    if pid == 0:
        if depth > 1:
            chain(depth - 1)
        os._exit(0)
    os.waitpid(pid, 0)
for depth in (1, 4):
    start = time.perf_counter()
    for _ in range(200):
        chain(depth)
    print((time.perf_counter() - start) / 200)
"""


def fork_floor() -> tuple[float, float]:
    """Seconds of one fork and `_exit` from the zygote's image, and of a chain of four (the sandbox's processes:
    supervisor, namespaces, PID 1, the submission's), doing nothing else."""
    out = subprocess.run([sys.executable, "-I", "-c", FORK_CHAIN], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    return float(out[0]), float(out[1])


def grade_and_profile(found: list, workers: int, out: Path) -> tuple:
    """Grade the class as `bpkit grade --json --csv --feedback` does, printing where the time goes."""
    n = len(found)
    sandbox_before, machine_before, jobs = children_cpu(), machine_cpu(), {}
    real_results = batch.results_of

    def seen(assignment_name, f, cases, run, *more):
        jobs[f.student] = run.seconds
        return real_results(assignment_name, f, cases, run, *more)

    start, grader_before = time.perf_counter(), time.process_time()
    with Stages() as stages:
        batch.results_of = stages.timed("judge and name mistakes", seen)
        report = batch.grade("ps1", found, workers=workers, journal=Journal(out / "journal.jsonl"))
        graded = time.perf_counter() - start
        peak_graded = peak_mb()
        machine = machine_cpu() - machine_before
        grader = time.process_time() - grader_before  # every thread of this process
        sandbox = children_cpu() - sandbox_before  # the zygotes have ended: the pages' workers come after
        w, c = time.perf_counter(), time.process_time()
        jsonfile.write(report, out / "report.json")
        csvfile.write(report, out / "report.csv")
        html.write_dashboard(report, out / "dashboard.html")
        stages.wall["JSON, CSV and the dashboard"] += time.perf_counter() - w
        stages.cpu["JSON, CSV and the dashboard"] += time.process_time() - c
        w, c = time.perf_counter(), time.process_time()  # drawn here, one after another: the cost of a page itself
        sample = type(report)(report.assignment, report.submissions[:PAGES])
        html.write_feedback(sample, out, workers=1)
        per_class = n / max(1, len(sample.submissions))  # shown as if every student's page were written
        stages.wall[PAGES_STAGE] += (time.perf_counter() - w) * per_class
        stages.cpu[PAGES_STAGE] += (time.process_time() - c) * per_class
    total = time.perf_counter() - start
    print(f"bpkit grade     : {n} submissions in {graded:.1f} s = {n / graded:.1f} per second ({workers} workers); "
          f"with the reports {total:.1f} s (the student pages of the first {PAGES} only)")
    print(f"  {'stage':<36}{'wall s':>9}{'ms/sub':>9}{'CPU s':>9}")
    for stage in [*Stages.STAGES, "JSON, CSV and the dashboard", PAGES_STAGE]:
        print(f"  {stage:<36}{stages.wall[stage]:>9.2f}{1000 * stages.wall[stage] / n:>9.2f}{stages.cpu[stage]:>9.2f}")
    floor, floor_machine = sandbox_floor(workers, min(100, max(10, n)))
    cores = os.cpu_count() or 1
    print(f"  the class's pages with --feedback, drawn on {cores} cores: about "
          f"{stages.wall[PAGES_STAGE] / cores:.0f} s more (only a failed function's card carries plots)")
    print(f"  {'the sandbox (zygotes, supervisors, children)':<36}{'':>9}{'':>9}{sandbox:>9.2f}"
          f"   = {1000 * sandbox / n:.1f} ms CPU per submission:")
    print(f"    {1000 * floor:.1f} ms forking and confining (a submission that runs nothing), "
          f"{1000 * (sandbox / n - floor):.1f} ms the student's code, the cases and the protocol")
    if machine and floor_machine:
        unseen = machine - grader - sandbox
        print(f"  the machine's CPU while grading (every process and the kernel, the looping submissions' included): "
              f"{1000 * machine / n:.1f} ms per submission = the grader's process {1000 * grader / n:.1f} + the "
              f"sandbox as counted above {1000 * sandbox / n:.1f} + {1000 * unseen / n:.1f} that no rusage reports "
              f"(the kernel's threads, and confined processes whose time does not reach the zygotes' accounts)")
        print(f"  a submission that runs nothing costs {1000 * floor_machine:.1f} ms of the machine's CPU, so "
              f"isolation alone allows at most {cores / floor_machine:.0f} per second on {cores} cores")
    loops = [s for s in jobs if "hostile_loop" in s]
    if loops:
        spent = sum(jobs[s] for s in loops)
        print(f"  {len(loops)} looping submissions: {spent:.1f} worker-seconds (each costs its {limits.TIMEOUT:g} s "
              f"limit), {100 * spent / (workers * graded):.0f}% of the workers' time")
    print(f"  the grader's peak memory: {peak_graded:.0f} MB grading, {peak_mb():.0f} MB with the reports")
    return report, graded


def cold_start(notebook_path: Path, runs: int = 3) -> None:
    """One notebook, `bpkit grade` in a fresh interpreter, as Gradescope runs it per student."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder.cli", "grade", "--assignment", "ps1", str(notebook_path),
                        "--no-journal", "--quiet"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"one notebook, cold start (bpkit grade in a fresh interpreter): median {statistics.median(times):.2f} s, "
          f"best {min(times):.2f} s of {runs}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, nargs="+", default=[1000], help="class sizes, e.g. 100 1000 10000")
    ap.add_argument("--nbgrader-sample", type=int, default=40, help="0: skip nbgrader")
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--keep", help="keep the generated course here")
    ap.add_argument("--cold-starts", type=int, default=3, help="cold starts of one notebook to time")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="bpkit-bench-"))
    for size in sorted(args.students):
        folder = work / f"class-{size}"
        folder.mkdir(parents=True, exist_ok=True)
        generate(size, folder)
        found = submissions.find([folder], "ps1")
        out = work / f"out-{size}"
        out.mkdir(exist_ok=True)
        report, bpkit_s = grade_and_profile(found, args.workers, out)
    one, four = fork_floor()
    print(f"the fork floor: one fork and _exit from the zygote's image {1000 * one:.2f} ms, the sandbox's chain of "
          f"four {1000 * four:.2f} ms (at most {(os.cpu_count() or 1) / four:.0f} per second on every core)")
    cold_start(found[0].path, args.cold_starts)
    if args.nbgrader_sample:
        compare_with_nbgrader(work, found, report, bpkit_s, args.nbgrader_sample)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def compare_with_nbgrader(work: Path, found: list, report, bpkit_s: float, size: int) -> None:
    """nbgrader autograde on a sample, the kit's way and stock; scores against bpkit's; the throughput ratio."""
    sample = found[:: max(1, len(found) // size)][:size]
    ours = per_function(report)
    names = [c.name for c in assignment("ps1")]
    slowest = None
    for label, stock in (("sandboxed, the kit's config", False), ("stock, kernels execute", True)):
        course = demo.make_course(work / ("course-stock" if stock else "course"), stock_autograde=stock)
        nbgrader_s = autograde(course, sample)
        print(f"nbgrader autograde ({label}): {len(sample)} submissions in {nbgrader_s:.1f} s "
              f"= {nbgrader_s / len(sample):.2f} s per notebook, {len(sample) / nbgrader_s:.2f} per second")
        slowest = nbgrader_s if stock else slowest
        theirs = per_function(gradebook.read(course, "ps1", [f.student for f in sample]))
        agree = sum(ours[s][n] == theirs[s][n] for s in theirs for n in names)
        print(f"  score agreement with bpkit grade: {agree}/{len(theirs) * len(names)} per-function scores "
              f"({sum(ours[s] == theirs[s] for s in theirs)}/{len(theirs)} submissions identical)")
        for s in theirs:
            if ours[s] != theirs[s]:
                print(f"  differs: {s}: " + ", ".join(f"{n} bpkit {ours[s][n]} nbgrader {theirs[s][n]}"
                                                     for n in names if ours[s][n] != theirs[s][n]))
    ratio = (len(found) / bpkit_s) / (len(sample) / slowest)
    print(f"throughput ratio (bpkit grade / stock nbgrader autograde): {ratio:.0f}x")


if __name__ == "__main__":
    main()
