"""`bpkit grade --gradescope FILE`: Gradescope's results.json for one submission.

Gradescope runs the autograder once per student (see README, "Gradescope"), so the
file describes the first submission graded. Every submission there is
/autograder/submission/<file>.ipynb, so the student id is read from Gradescope's
submission metadata instead of the file's stem: per-student hidden inputs stay per student.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.result import SubmissionResult

METADATA = Path("/autograder/submission_metadata.json")  # where Gradescope puts it, when it runs the autograder


def metadata_path(given: str | None, gradescope: str | None) -> Path | None:
    """The metadata to read: the one given, else Gradescope's own when writing results.json there, else none."""
    if given:
        return Path(given)
    return METADATA if gradescope and METADATA.is_file() else None


def student_id(metadata: Path) -> str:
    """The submitter's id from Gradescope's submission metadata: each user's id (else email), sorted, "+"-joined.

    A group submission gives every member's id; raises ValueError when the file names no user.
    """
    users = json.loads(Path(metadata).read_text()).get("users") or []
    ids = sorted(str(u.get("id") or u.get("email") or "") for u in users)
    if not ids or not all(ids):
        raise ValueError(f"{metadata}: no user id or email in its 'users'")
    return "+".join(ids)


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
