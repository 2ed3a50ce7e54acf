"""`bpkit grade --gradescope FILE`: Gradescope's results.json for one submission.

Gradescope runs the autograder once per student (see README, "Gradescope"), so the
file describes the first submission graded.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.result import SubmissionResult


def results(sub: SubmissionResult, seconds: float) -> dict:
    tests = []
    for t in sub.tests:
        head = f"{t.status}" + (f" — {t.mistake}" if t.mistake else "")
        tests.append({"name": t.name, "score": t.score, "max_score": t.max_score,
                      "status": "passed" if t.status == "passed" else "failed",
                      "output": f"{head}\n{t.message}", "visibility": "visible"})
    out = {"score": sub.score, "max_score": sub.max_score, "execution_time": round(seconds, 3),
           "tests": tests}
    if sub.error:
        out["output"] = f"This submission could not be graded: {sub.error}"
    return out


def write(sub: SubmissionResult, seconds: float, path: Path) -> Path:
    Path(path).write_text(json.dumps(results(sub, seconds), indent=2, ensure_ascii=False) + "\n")
    return Path(path)
