"""RepairCells: a submission's nbgrader metadata made the instructor's again, before nbgrader reads it.

A student's notebook carries nbgrader's cell metadata, and a student can change it: copy a test
cell, rename or delete one, mark a test as a solution, or set a schema version that makes
nbgrader stop the whole class. This step runs first in nbgrader's sanitize pipeline. From the
gradebook it rebuilds the metadata of every cell the instructor wrote (the first cell with each
id keeps it; copies and unknown ids become ordinary cells of the student's), and puts back the
test and setup cells the submission lacks. What it changed is kept on the cells (`bpkit.notes`),
for GradeInSandbox to tell the student.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbformat.v4 import new_code_cell
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

SCHEMA_VERSION = 3


@dataclass(frozen=True)
class Known:
    """One cell of the instructor's notebook, as the gradebook has it."""

    name: str
    cell_type: str
    locked: bool
    source: str
    checksum: str
    points: float | None  # a graded cell's points, else None
    solution: bool
    task: bool

    def metadata(self) -> dict:
        md = {"cell_type": self.cell_type, "checksum": self.checksum, "grade": self.points is not None,
              "grade_id": self.name, "locked": self.locked, "schema_version": SCHEMA_VERSION,
              "solution": self.solution}
        if self.points is not None:
            md["points"] = self.points
        if self.task:
            md["task"] = True
        return md

    @property
    def restorable(self) -> bool:
        """A cell grading needs (a test, or a setup cell) and the instructor's own text can stand in for."""
        return self.cell_type == "code" and self.locked and (self.points is not None or self.name.startswith("setup"))


def known_cells(db_url: str, notebook: str, assignment: str) -> dict[str, Known]:
    """The instructor's cells of one notebook, by grade id, in the gradebook's order."""
    with Gradebook(db_url) as gb:
        book = gb.find_notebook(notebook, assignment)
        points = {c.name: float(c.max_score) for c in book.grade_cells}
        solutions = {c.name for c in book.solution_cells}
        tasks = {c.name for c in book.task_cells}
        return {c.name: Known(c.name, c.cell_type, bool(c.locked), c.source or "", c.checksum or "",
                              points.get(c.name), c.name in solutions, c.name in tasks)
                for c in book.source_cells}


def _grade_id(cell) -> str | None:
    md = cell.get("metadata", {}).get("nbgrader")
    gid = md.get("grade_id") if isinstance(md, dict) else None
    return gid if isinstance(gid, str) else None


def _note(cell, text: str) -> None:
    cell.metadata.setdefault("bpkit", {}).setdefault("notes", []).append(text)


def repair(nb, known: dict[str, Known]) -> list[str]:
    """Repair `nb` in place; what was changed, in words."""
    changes, seen = [], {}
    for cell in nb.cells:
        if not isinstance(cell.get("metadata"), dict):
            cell["metadata"] = {}
        if "nbgrader" not in cell.metadata:
            continue
        gid = _grade_id(cell)
        if gid in known and gid not in seen:
            seen[gid] = cell
            cell.metadata["nbgrader"] = known[gid].metadata()
            continue
        del cell.metadata["nbgrader"]
        if gid in seen:
            changes.append(f"a copy of the cell '{gid}' is an ordinary cell of yours, not a graded one")
            _note(seen[gid], "a copy of this cell elsewhere in your notebook was not graded")
        else:
            changes.append(f"a cell with unknown or damaged nbgrader metadata ({gid or 'no id'}) is an ordinary cell")
    for k in known.values():
        if k.name in seen or not k.restorable:
            continue
        cell = new_code_cell(k.source, metadata={"deletable": False, "editable": False, "nbgrader": k.metadata()})
        _note(cell, "this cell was missing from your notebook; the instructor's version was put back")
        nb.cells.insert(_place(nb, k), cell)
        seen[k.name] = cell
        changes.append(f"the cell '{k.name}' was missing and was put back")
    return changes


def _place(nb, k: Known) -> int:
    """Where a missing cell goes: a setup cell first; a test cell after its function's cells, else last."""
    if k.name.startswith("setup"):
        return 0
    name = k.name.removeprefix("test_")
    after = [i for i, c in enumerate(nb.cells) if _grade_id(c) in (name, f"check_{name}", f"demo_{name}")]
    return after[-1] + 1 if after else len(nb.cells)


class RepairCells(NbGraderPreprocessor):
    """Rebuilds the nbgrader metadata of a submission from the gradebook (first in the sanitize steps)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        for change in repair(nb, known_cells(info["db_url"], info["notebook"], info["assignment"])):
            self.log.warning("%s: %s", info.get("student", "?"), change)
        return nb, resources
