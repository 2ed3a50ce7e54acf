"""A journal of graded submissions: a killed batch loses nothing and resumes where it stopped.

One JSON line per graded submission, written and synced as soon as it is graded, keyed
by everything its result depends on: the notebook's bytes, the student, the assignment,
the course secret, the time limit and the grader's own code. A later run reuses a result
only when its key matches, so a changed notebook or a changed grader is graded afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path

from autograder.result import SubmissionResult, test_from_dict

PACKAGES = [Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "solutions"]


@cache
def grader_fingerprint() -> str:
    """A hash of the grader's and the reference's source code."""
    h = hashlib.sha256()
    for root in PACKAGES:
        for path in sorted(root.rglob("*.py")):
            h.update(path.read_bytes())
    return h.hexdigest()


def key(assignment: str, student: str, path: Path, secret: str, timeout: float) -> str:
    h = hashlib.sha256()
    for part in (assignment, student, secret, f"{timeout:g}", grader_fingerprint()):
        h.update(part.encode() + b"\0")
    h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


class Journal:
    """Results by key, read from and appended to one file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.known: dict[str, dict] = {}
        if self.path.is_file():
            for line in self.path.read_text().splitlines():
                try:
                    entry = json.loads(line)
                    self.known[entry["key"]] = entry["result"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a kill: that submission is graded again

    def get(self, k: str) -> SubmissionResult | None:
        d = self.known.get(k)
        if d is None:
            return None
        return SubmissionResult(d["student"], d["path"], [test_from_dict(t) for t in d["tests"]], d["error"])

    def add(self, k: str, result: SubmissionResult) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a") as f:
            f.write(json.dumps({"key": k, "result": asdict(result)}) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.known[k] = asdict(result)
