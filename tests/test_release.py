"""release/ is what `nbgrader generate_assignment` makes of source/, and carries no reference code."""

from __future__ import annotations

import inspect
from pathlib import Path

import nbformat
import pytest

from autograder import demo
from autograder.assignments import ASSIGNMENTS, reference_modules
from autograder.course import kit_course

ROOT = kit_course()
RELEASED = [a for a in ASSIGNMENTS if (ROOT / "release" / a).is_dir()]


def cells(path: Path) -> list[tuple]:
    nb = nbformat.read(str(path), as_version=4)
    return [(c.cell_type, c.source, c.metadata.get("nbgrader", {}).get("grade_id")) for c in nb.cells]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    course = demo.make_course(tmp_path_factory.mktemp("release"))
    for a in RELEASED:
        demo.nbgrader(course, "generate_assignment", a, "--force")
    return course


@pytest.mark.parametrize("a", RELEASED)
def test_release_is_in_sync_with_source(regenerated, a):
    """Regenerating the release from source/ gives the committed release/, file for file, cell for cell."""
    committed, fresh = ROOT / "release" / a, regenerated / "release" / a
    names = sorted(p.name for p in fresh.iterdir())
    assert sorted(p.name for p in committed.iterdir()) == names, "run: nbgrader generate_assignment --force"
    for name in names:
        if name.endswith(".ipynb"):
            assert cells(committed / name) == cells(fresh / name), f"{name}: regenerate the release"
        else:
            assert (committed / name).read_bytes() == (fresh / name).read_bytes(), name


TAUGHT = {"oldval = x[ix]", "x[ix] = oldval  # restore, bit for bit"}  # ps2 teaches the restore idiom


def _bodies() -> list[str]:
    """Distinctive lines of the reference solutions' bodies (but the idiom ps2 teaches)."""
    lines = []
    for module in reference_modules():
        src = inspect.getsource(module)
        for block in src.split("### BEGIN SOLUTION")[1:]:
            body = block.split("### END SOLUTION")[0]
            lines += [ln.strip() for ln in body.splitlines() if len(ln.strip()) > 12 and ln.strip() not in TAUGHT]
    return lines


@pytest.mark.parametrize("a", RELEASED)
def test_release_has_no_reference_code(a):
    """No solution region, hidden test or reference line anywhere in what students receive."""
    text = "\n".join(p.read_text() for p in (ROOT / "release" / a).iterdir() if p.is_file())
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder", "solutions"):
        assert marker not in text, marker
    for line in _bodies():
        assert line not in text, line
