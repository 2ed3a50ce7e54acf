"""`bpkit grade --json FILE`: the report in GRADER.md's format, exactly the contract's fields."""

from __future__ import annotations

import json
import os
from pathlib import Path

from autograder.result import Report


def write(report: Report, path: Path) -> Path:
    """Write atomically: a reader never sees half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(report.public(), indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path
