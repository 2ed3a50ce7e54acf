"""Finding submissions: notebooks, nbgrader's submitted/ folder, a course, a folder of notebooks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NOTEBOOKS = {"ps1": "backprop.ipynb", "ps2": "gradcheck.ipynb", "ps3": "training.ipynb"}


@dataclass
class Found:
    student: str
    path: Path


def _pick(folder: Path, assignment: str) -> Path | None:
    """The assignment's notebook in a student's folder: its usual name, else the only notebook."""
    usual = folder / NOTEBOOKS.get(assignment, "")
    if usual.is_file():
        return usual
    notebooks = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return notebooks[0] if notebooks else None


def _submitted(root: Path, assignment: str) -> list[Found]:
    found = []
    for student in sorted(p for p in root.iterdir() if p.is_dir()):
        folder = student / assignment
        if folder.is_dir():
            nb = _pick(folder, assignment)
            found.append(Found(student.name, nb if nb else folder))
    return found


def find(paths: list[Path], assignment: str) -> list[Found]:
    """Every submission under the given paths, with its student id; raises ValueError for a bad path."""
    found: list[Found] = []
    for path in map(Path, paths):
        if path.is_file():
            parts = path.resolve().parts
            student = parts[-3] if len(parts) >= 4 and parts[-2] == assignment and parts[-4] == "submitted" \
                else path.stem
            found.append(Found(student, path))
        elif (path / "submitted").is_dir():
            found += _submitted(path / "submitted", assignment)
        elif path.name == "submitted" and path.is_dir():
            found += _submitted(path, assignment)
        elif path.is_dir():
            found += [Found(p.stem, p) for p in sorted(path.glob("*.ipynb"))]
        else:
            raise ValueError(f"no such file or folder: {path}")
    return found
