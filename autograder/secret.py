"""The course secret that makes each student's hidden inputs their own."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE = ".bpkit_secret"


def course_secret(course: Path | None) -> str:
    """BPKIT_SECRET, else the course's .bpkit_secret file, else '' (cases still differ per student)."""
    if os.environ.get("BPKIT_SECRET"):
        return os.environ["BPKIT_SECRET"]
    if course is not None and (Path(course) / FILE).is_file():
        return (Path(course) / FILE).read_text().strip()
    return ""


def create(course: Path) -> Path:
    """Write a new random secret into the course (never into source/ or release/)."""
    path = Path(course) / FILE
    path.write_text(secrets.token_hex(32) + "\n")
    path.chmod(0o600)
    return path
