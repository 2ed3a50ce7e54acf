"""Finding submissions: notebooks, nbgrader's submitted/ layout under any folder, a course, a folder of notebooks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Found:
    student: str
    path: Path


def report_order(student: str, path) -> tuple[str, str]:
    """Where a submission stands in a report: by student id, then by path, as text (code point order).

    Both are in the JSON report, so `bpkit merge` puts the shards' submissions back in this order.
    """
    return student, str(path)


def in_report_order(found: list[Found]) -> list[Found]:
    """The submissions in the order every report lists them (report_order); a tie keeps its order."""
    return sorted(found, key=lambda f: report_order(f.student, f.path))


def _pick(folder: Path, assignment: str) -> Path | None:
    """The assignment's notebook in a student's folder: its usual name, else the only notebook."""
    from autograder.assignments import ASSIGNMENTS  # here: `bpkit grade` starts its sandbox before numpy loads

    usual = folder / (ASSIGNMENTS[assignment].notebook if assignment in ASSIGNMENTS else "")
    if usual.is_file():
        return usual
    notebooks = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return notebooks[0] if notebooks else None


def _submitted(root: Path, assignment: str) -> list[Found]:
    """nbgrader's submitted layout under `root`, whatever it is called: `<student>/<assignment>/` folders."""
    found = []
    for student in sorted(p for p in root.iterdir() if p.is_dir()):
        folder = student / assignment
        if folder.is_dir():
            nb = _pick(folder, assignment)
            found.append(Found(student.name, nb if nb else folder))
    return found


def _in_folder(path: Path, assignment: str) -> tuple[list[Found], str]:
    """The submissions in a folder, and where they were looked for (for the message when there are none)."""
    if (path / "submitted").is_dir() or (path / "nbgrader_config.py").is_file():  # a course: never source/, release/
        subs = _submitted(path / "submitted", assignment) if (path / "submitted").is_dir() else []
        return subs, f"{path / 'submitted'}/<student>/{assignment}/*.ipynb"
    loose = [Found(p.stem, p) for p in sorted(path.glob("*.ipynb"))]
    return loose + _submitted(path, assignment), f"{path}/*.ipynb and {path}/<student>/{assignment}/*.ipynb"


def find(paths: list[Path], assignment: str) -> list[Found]:
    """Every submission under the given paths, with its student id.

    Raises ValueError for a path that does not exist or holds no submission of the assignment.
    """
    found: list[Found] = []
    for path in map(Path, paths):
        if path.is_file():
            parts = path.resolve().parts
            student = parts[-3] if len(parts) >= 4 and parts[-2] == assignment and parts[-4] == "submitted" \
                else path.stem
            found.append(Found(student, path))
        elif path.is_dir():
            here, looked = _in_folder(path, assignment)
            if not here:
                raise ValueError(f"no {assignment} submission under {path}: looked for {looked}")
            found += here
        else:
            raise ValueError(f"no such file or folder: {path}")
    return found
