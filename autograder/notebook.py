"""Reading a submission: which cells of the student's notebook run, in which order.

Run: the given setup cells (grade_id 'setup…'), every solution cell, and any code cell
the student added; not the demonstrations or the public and graded test cells. Each
function is checked where its graded cell (`test_<name>`) stands, as nbgrader does, so a
function defined or redefined further down is graded as nbgrader grades it.
Magics become plain Python through IPython's own transformer.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

from autograder.checks import ASSIGNMENTS, assignment

MAGIC = re.compile(r"^\s*[%!]|\?\s*$", re.MULTILINE)  # a line IPython would rewrite


@dataclass
class Cell:
    label: str  # e.g. "solution cell 'sigmoid'"
    source: str


@dataclass
class Submission:
    cells: list[Cell]
    error: str | None = None
    tests_after: dict[str, int] = field(default_factory=dict)  # check name → cells run before it


def _runs(cell) -> str | None:
    """A label when the cell runs in grading, else None."""
    nbg = cell.metadata.get("nbgrader", {})
    gid = nbg.get("grade_id", "")
    if nbg.get("solution"):
        return f"solution cell '{gid}'"
    if nbg.get("grade") or (nbg.get("locked") and not gid.startswith("setup")):
        return None
    if gid.startswith("setup"):
        return f"setup cell '{gid}'"
    return "a cell you added" if not nbg else None


def _which_assignment(nb) -> str | None:
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    for a in ASSIGNMENTS:
        if {c.name for c in assignment(a)} & ids:
            return a
    return None


def imported_modules(cells: list[Cell]) -> list[str]:
    """Top-level names of the modules the cells import (`import a.b`, `from c import d` → a, c)."""
    names: set[str] = set()
    for cell in cells:
        try:
            tree = ast.parse(cell.source)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return sorted(names)


def _load(path: Path):
    """The notebook as nbformat v4, without schema validation (a submission is judged cell by cell)."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("Notebook does not appear to be a JSON object")
    if data.get("nbformat") == 4:
        return nbformat.v4.reads(text)  # joins multi-line sources; no schema validation
    return nbformat.reads(text, as_version=4)


def read(path: Path, assignment_name: str) -> Submission:
    """The cells to run for one submission, or why it cannot be graded."""
    try:
        nb = _load(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the submission's problem
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        return Submission([], f"not a readable notebook: {reason}")
    if not getattr(nb, "cells", None):
        return Submission([], "the notebook is empty")
    found = _which_assignment(nb)
    if found and found != assignment_name:
        return Submission([], f"this is a {found} notebook, not {assignment_name}")
    transform = TransformerManager().transform_cell
    cells, tests_after = [], {}
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        nbg = cell.metadata.get("nbgrader", {})
        if nbg.get("grade") and str(nbg.get("grade_id", "")).startswith("test_"):
            tests_after.setdefault(nbg["grade_id"].removeprefix("test_"), len(cells))
        label = _runs(cell)
        if label is None or not str(cell.get("source", "")).strip():
            continue
        source = str(cell.source)
        if MAGIC.search(source):
            try:
                source = transform(source)
            except Exception:  # noqa: BLE001 - the cell's own SyntaxError is reported when it runs
                pass
        cells.append(Cell(f"{label} (cell {i + 1})", source))
    if not cells:
        return Submission([], "the notebook has no code cells to grade")
    return Submission(cells, tests_after=tests_after)
