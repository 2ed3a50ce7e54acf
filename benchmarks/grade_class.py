"""Benchmark: a generated class graded by `bpkit grade` and by `nbgrader autograde`.

    python benchmarks/grade_class.py --students 1000 --nbgrader-sample 40

Generates N ps1 submissions from the corpus of learner code (mostly correct variants,
a quarter with catalogue mistakes, a few hostile ones), grades all of them with bpkit
(the same call `bpkit grade` makes) and a sample with nbgrader autograde in two temporary
courses — the kit's (the sandbox, no kernel) and stock nbgrader's (kernels execute the
notebooks) — and prints seconds, seconds per notebook, submissions per second, the
throughput ratio and how many per-function scores agree on the sample. Prints its figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from autograder import batch, demo, submissions
from autograder.checks import assignment
from autograder.report import gradebook

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--nbgrader-sample", type=int, default=40)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--keep", help="keep the generated course here")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="bpkit-bench-"))
    folder = work / "class"
    folder.mkdir(parents=True, exist_ok=True)
    generate(args.students, folder)
    found = submissions.find([folder], "ps1")

    start = time.perf_counter()
    report = batch.grade("ps1", found, workers=args.workers)
    bpkit_s = time.perf_counter() - start
    print(f"bpkit grade     : {len(found)} submissions in {bpkit_s:.1f} s "
          f"= {len(found) / bpkit_s:.1f} per second ({args.workers} workers)")

    sample = found[:: max(1, len(found) // args.nbgrader_sample)][: args.nbgrader_sample]
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
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
