"""Reading a submission: which cells of the student's notebook run, in which order.

Run: the given setup cells (grade_id 'setup…'), every solution cell, and any code cell
the student added; not the demonstrations or the public and graded test cells. Each
function is checked where its graded cell (`test_<name>`) stands, as nbgrader does, so a
function defined or redefined further down is graded as nbgrader grades it.
Magics become plain Python through IPython's own transformer.

A notebook is untrusted input: it is read through `autograder.files` (no symlinks,
FIFOs or devices; a size cap), and every step here is bounded (cells, characters,
lines, magic lines) and linear in the notebook's size; beyond the bounds the
submission gets an error that says which bound it broke.
"""

from __future__ import annotations

import ast
import contextlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

# jsonschema, which nbformat imports, loads the optional checkers of string formats when they are installed
# (Jupyter pulls them in): rfc3987_syntax compiles a grammar for ~3 s, arrow and isoduration take 0.1 s more. No
# notebook schema uses a format: nbformat is imported without them, and they stay importable for anyone else.
FORMAT_CHECKERS = ("rfc3987_syntax", "arrow", "isoduration", "rfc3339_validator", "rfc3986_validator", "uri_template",
                   "webcolors", "fqdn")


@contextlib.contextmanager
def _without(names):
    hidden = [n for n in names if n not in sys.modules]
    for n in hidden:
        sys.modules[n] = None
    try:
        yield
    finally:
        for n in hidden:
            if sys.modules.get(n, 0) is None:
                del sys.modules[n]


from autograder import syntax  # noqa: E402
from autograder.assignments import ASSIGNMENTS  # noqa: E402
from autograder.files import SubmissionFileError, read_bytes  # noqa: E402

MAX_CELLS = 2_000
MAX_CELL_CHARS = 5_000_000
MAX_SOURCE_CHARS = 10_000_000  # all the code cells together
MAX_LINES = 2_000_000  # all the code cells together
MAX_MAGIC_LINES = 2_000
# IPython's transformer re-tokenizes the whole cell once per rewritten line (about 50 µs a
# line each time): a notebook may spend this many lines × (magic lines + 1) on it, over all
# its cells; a cell beyond what is left is rewritten line by line instead (linear).
WHOLE_CELL_BUDGET = 20_000


class TooLarge(ValueError):
    """A notebook beyond one of the bounds above; the message names it."""


@dataclass
class Cell:
    label: str  # e.g. "solution cell 'sigmoid'"
    source: str


@dataclass
class Submission:
    cells: list[Cell]
    error: str | None = None
    tests_after: dict[str, int] = field(default_factory=dict)  # check name → cells run before it


def _nbgrader(cell) -> dict:
    """The cell's nbgrader metadata ({} when it has none); ValueError when a cell or its metadata is not a mapping."""
    meta = cell.get("metadata", {}) if isinstance(cell, dict) else None
    nbg = meta.get("nbgrader", {}) if isinstance(meta, dict) else None
    if not isinstance(nbg, dict):
        raise ValueError("a cell or its metadata is not a mapping")
    return nbg


def _source(cell) -> str:
    """The cell's source as one string: nbformat v4 keeps it as a string or as a list of lines."""
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise ValueError("a cell's source is not text")


def _runs(cell) -> str | None:
    """A label when the cell runs in grading, else None."""
    nbg = _nbgrader(cell)
    gid = str(nbg.get("grade_id", ""))[:64]
    if nbg.get("solution"):
        return f"solution cell '{gid}'"
    if nbg.get("grade") or (nbg.get("locked") and not gid.startswith("setup")):
        return None
    if gid.startswith("setup"):
        return f"setup cell '{gid}'"
    return "a cell you added" if not nbg else None


def _which_assignment(nb) -> str | None:
    ids = {_nbgrader(c).get("grade_id") for c in nb["cells"]}
    for a in ASSIGNMENTS.values():
        if set(a.names()) & ids:
            return a.name
    return None


NUMPY_ON_FIRST_USE = frozenset({"char", "ctypeslib", "fft", "linalg", "ma", "matlib", "polynomial", "random", "rec",
                                "strings", "testing"})  # numpy's submodules that numpy imports only when first used


def imported_modules(cells: list[Cell]) -> list[str]:
    """The modules the sandbox loads before it forks the submission's process (which can read no file, so cannot
    import anything itself): the top-level names the cells import (`import a.b`, `from c import d` → a, c), and
    the numpy submodules numpy loads only on first use that they import or use (`import numpy.fft`,
    `from numpy import ma`, `np.testing.assert_allclose` → numpy.fft, numpy.ma, numpy.testing)."""
    names: set[str] = set()
    lazy: set[str] = set()
    for cell in cells:
        try:
            tree = syntax.parse(cell.source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):  # the cell fails when it runs
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
                lazy |= {_numpy_part(a.name) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
                lazy |= {_numpy_part(f"{node.module}.{a.name}") for a in node.names}
            elif isinstance(node, ast.Attribute) and node.attr in NUMPY_ON_FIRST_USE:
                lazy.add(f"numpy.{node.attr}")
    if "numpy" in names:
        names |= lazy - {""}
    return sorted(names)


def _numpy_part(dotted: str) -> str:
    """'numpy.testing' for 'numpy.testing.assert_allclose' and the like, else ''."""
    parts = dotted.split(".")
    return f"numpy.{parts[1]}" if len(parts) > 1 and parts[0] == "numpy" and parts[1] in NUMPY_ON_FIRST_USE else ""


def is_magic(line: str) -> bool:
    """A line IPython would rewrite: `%magic`, `!shell`, `?name` or `name?` (simple string tests, linear)."""
    stripped = line.strip()
    return stripped.startswith(("%", "!", "?")) or stripped.endswith("?")


def _line_by_line(source: str, lines: list[str], transform) -> str:
    """The cell with each magic line rewritten on its own, its indentation kept."""
    out = []
    for line in lines:
        if is_magic(line):
            indent = line[: len(line) - len(line.lstrip())]
            try:
                line = indent + transform(line.strip()).rstrip("\n")
            except Exception:  # noqa: BLE001 - left as written: the cell's SyntaxError is reported when it runs
                pass
        out.append(line)
    return "\n".join(out)


class Rewriter:
    """Makes the magics of one notebook's cells plain Python, within the notebook's budget for IPython."""

    def __init__(self, budget: int = WHOLE_CELL_BUDGET):
        self.budget = budget
        self._transform = None

    def transform(self, source: str) -> str:
        """IPython's own rewrite of a cell (IPython is imported the first time a notebook has a magic)."""
        if self._transform is None:
            from IPython.core.inputtransformer2 import TransformerManager

            self._transform = TransformerManager().transform_cell
        return self._transform(source)

    def __call__(self, source: str) -> str:
        """A cell's source with IPython's magics made plain Python; a cell without magics is left as it is."""
        lines = source.split("\n")
        magic = sum(1 for line in lines if is_magic(line))
        if not magic:
            return source
        cost = len(lines) * (magic + 1)
        first = next((line for line in lines if line.strip()), "")
        if first.lstrip().startswith("%%") or cost <= self.budget:
            if not first.lstrip().startswith("%%"):  # a cell magic takes the whole cell as a string: one pass
                self.budget -= cost
            try:
                return self.transform(source)
            except Exception:  # noqa: BLE001 - the cell's own SyntaxError is reported when it runs
                return source
        return _line_by_line(source, lines, self.transform)


def _check_bounds(n_cells: int, sources: list[str]) -> None:
    """TooLarge when the notebook breaks a bound (cells; characters, lines and magic lines of its code)."""
    if n_cells > MAX_CELLS:
        raise TooLarge(f"the notebook has {n_cells} cells, more than the {MAX_CELLS} allowed")
    chars = lines = magic = 0
    for source in sources:
        if len(source) > MAX_CELL_CHARS:
            raise TooLarge(f"a cell has {len(source)} characters, more than the {MAX_CELL_CHARS} allowed")
        chars += len(source)
        lines += source.count("\n") + 1
        if chars > MAX_SOURCE_CHARS:
            raise TooLarge(f"the code cells have more than the {MAX_SOURCE_CHARS} characters allowed")
        if lines > MAX_LINES:
            raise TooLarge(f"the code cells have more than the {MAX_LINES} lines allowed")
        if "%" in source or "!" in source or "?" in source:
            magic += sum(1 for line in source.split("\n") if is_magic(line))
        if magic > MAX_MAGIC_LINES:
            raise TooLarge(f"the notebook has more than the {MAX_MAGIC_LINES} IPython magic lines (%, !, ?) allowed")


def _load(data: bytes) -> dict:
    """The notebook as nbformat v4's JSON, without schema validation (a submission is judged cell by cell).

    A v4 notebook is its JSON as it is: grading reads only its cells' types, sources and metadata, so nbformat
    (and jsonschema with it, a tenth of a second) is imported only to convert an older version."""
    text = data.decode("utf-8", errors="replace")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("Notebook does not appear to be a JSON object")
    if data.get("nbformat") == 4:
        return data
    with _without(FORMAT_CHECKERS):
        import nbformat
    return nbformat.reads(text, as_version=4)


def _reason(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def read(path: Path, assignment_name: str) -> Submission:
    """The cells to run for one submission, or why it cannot be graded."""
    try:
        nb = _load(read_bytes(Path(path)))
    except SubmissionFileError as exc:
        return Submission([], str(exc))
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the submission's problem
        return Submission([], f"not a readable notebook: {_reason(exc)}")
    try:
        return _cells(nb, assignment_name)
    except TooLarge as exc:
        return Submission([], f"too large to grade: {exc}")
    except Exception as exc:  # noqa: BLE001 - a notebook of odd structure is the submission's problem
        return Submission([], f"not a readable notebook: {_reason(exc)}")


def _cells(nb, assignment_name: str) -> Submission:
    """The cells to run of a loaded notebook (TooLarge beyond the bounds)."""
    if not isinstance(nb.get("cells"), list) or not nb["cells"]:
        return Submission([], "the notebook is empty")
    found = _which_assignment(nb)
    if found and found != assignment_name:
        return Submission([], f"this is a {found} notebook, not {assignment_name}")
    code = [(i, c) for i, c in enumerate(nb["cells"]) if isinstance(c, dict) and c.get("cell_type") == "code"]
    _check_bounds(len(nb["cells"]), [_source(cell) for _, cell in code])
    as_python = Rewriter()
    cells, tests_after = [], {}
    for i, cell in code:
        nbg = _nbgrader(cell)
        if nbg.get("grade") and str(nbg.get("grade_id", "")).startswith("test_"):
            tests_after.setdefault(str(nbg["grade_id"]).removeprefix("test_"), len(cells))
        label = _runs(cell)
        source = _source(cell)
        if label is None or not source.strip():
            continue
        cells.append(Cell(f"{label} (cell {i + 1})", as_python(source)))
    if not cells:
        return Submission([], "the notebook has no code cells to grade")
    return Submission(cells, tests_after=tests_after)
