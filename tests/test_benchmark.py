"""The benchmark runs end to end (a tiny class); it measures, this only keeps it working."""

import subprocess
import sys

from autograder.course import kit_course


def test_benchmark_prints_its_figures():
    """Seconds, throughput, the ratio and the score agreement are printed."""
    done = subprocess.run([sys.executable, "benchmarks/grade_class.py", "--students", "6", "--nbgrader-sample", "2",
                           "--cold-starts", "1"],
                          cwd=kit_course(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("score agreement with bpkit grade: 18/18") == 2, done.stdout
    for line in ("bpkit grade", "judge and name mistakes", "of which naming mistakes", "journal",
                 "the sandbox (zygotes", "forking and confining", "the machine's CPU while grading",
                 "isolation alone allows at most", "the fork floor", "peak memory", "cold start",
                 "nbgrader autograde (sandboxed", "nbgrader autograde (stock", "throughput ratio",
                 "score agreement with bpkit grade: 18/18"):
        assert line in done.stdout, done.stdout
