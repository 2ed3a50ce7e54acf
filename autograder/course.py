"""Where the course is: the repository root holding nbgrader_config.py, source/ and release/."""

from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def is_course(path: Path) -> bool:
    return (path / "nbgrader_config.py").is_file() and (path / "source").is_dir()


def kit_course() -> Path:
    """The course that ships with the kit (the repository this package was installed from)."""
    if not is_course(PACKAGE_ROOT):
        raise FileNotFoundError("the kit's course (nbgrader_config.py, source/) is not next to the installed "
                                "package: install the kit from its repository with `pip install -e .`")
    return PACKAGE_ROOT


def find_course(start: Path) -> Path | None:
    """The course directory at or above `start`, if any."""
    start = start.resolve()
    for p in (start, *start.parents):
        if is_course(p):
            return p
    return None
