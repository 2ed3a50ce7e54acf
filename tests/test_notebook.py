"""autograder.notebook: reading a submission is bounded, linear, and never follows a link or blocks."""

from __future__ import annotations

import os
import time

import nbformat
import pytest

from autograder import notebook
from autograder.course import kit_course
from autograder.demo import EXAMPLES
from autograder.notebook import Rewriter, is_magic, read
from tests.test_files import within

ALICE = EXAMPLES / "ps1" / "alice.ipynb"


def write_with(tmp_path, name: str, *sources: str, cell=nbformat.v4.new_code_cell):
    """alice's ps1 notebook with extra code cells appended."""
    nb = nbformat.read(str(ALICE), as_version=4)
    nb.cells += [cell(s) for s in sources]
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return path


def timed_read(path, seconds: float = 6.0):
    """read(path) in at most `seconds` (a sanity bound, not a benchmark)."""
    start = time.monotonic()
    with within(int(seconds) + 30):
        sub = read(path, "ps1")
    assert time.monotonic() - start < seconds
    return sub


def test_alice_reads():
    """An honest notebook gives its cells and no error."""
    sub = read(ALICE, "ps1")
    assert sub.error is None and len(sub.cells) >= 9


def test_whitespace_cell_reads_fast(tmp_path):
    """A cell of 1,000,000 whitespace lines is read in well under seconds."""
    sub = timed_read(write_with(tmp_path, "spaces", " \n" * 1_000_000))
    assert sub.error is None


def test_huge_cell_with_a_trailing_help_reads_fast(tmp_path):
    """A 200k-line cell ending in `x?` is rewritten (linearly) and read fast."""
    sub = timed_read(write_with(tmp_path, "help", "x = 1\n" * 200_000 + "x?"))
    assert sub.error is None
    assert sub.cells[-1].source.rstrip().endswith("get_ipython().run_line_magic('pinfo', 'x')")


def test_many_magic_lines_read_fast(tmp_path):
    """A cell of a thousand shell lines (IPython's transformer alone is quadratic here) reads fast."""
    sub = timed_read(write_with(tmp_path, "shell", "!ls\n" * 1000 + "x = 1\n" * 1000))
    assert sub.error is None
    assert sub.cells[-1].source.count("get_ipython().system('ls')") == 1000


def test_many_cells_with_magics_read_fast(tmp_path):
    """Hundreds of long cells with a magic each: IPython's whole-cell rewrite is bounded per notebook."""
    sub = timed_read(write_with(tmp_path, "cells", *["!ls\n" + "x = 1\n" * 1000] * 300))
    assert sub.error is None
    assert sum(c.source.count("get_ipython().system('ls')") for c in sub.cells) == 300


def test_magics_still_become_python(tmp_path):
    """A small cell with magics is rewritten by IPython as before; indentation and docstrings are kept."""
    src = Rewriter()("%time x = 1\nif True:\n    !ls\n")
    assert "run_line_magic('time', 'x = 1')" in src and "    get_ipython().system('ls')" in src
    doc = 'def f():\n    """Is it right?"""\n    return 1\n'
    assert Rewriter()(doc) == doc


def test_deeply_nested_code_reads(tmp_path):
    """Code too deep for Python's parser (RecursionError, MemoryError) is left for its cell to fail when it runs."""
    sub = timed_read(write_with(tmp_path, "deep", "x" + ".y" * 100_000, "-" * 100_000 + "1", "import os"))
    assert sub.error is None and "os" in notebook.imported_modules(sub.cells)


@pytest.mark.parametrize(("line", "magic"), [("%time 1", True), ("  !ls", True), ("x?", True), ("?x", True),
                                             ("x = 1", False), ("  # 100%", False), ("", False)])
def test_is_magic(line, magic):
    """A magic line is found with simple string tests."""
    assert is_magic(line) == magic


def test_too_many_cells_is_an_error(tmp_path):
    """A notebook beyond the cell bound is an error that names the bound."""
    sub = timed_read(write_with(tmp_path, "cells", *["x = 1"] * (notebook.MAX_CELLS + 1)))
    assert sub.error and "cells" in sub.error and str(notebook.MAX_CELLS) in sub.error


def test_too_large_cell_is_an_error(tmp_path, monkeypatch):
    """A cell beyond the character bound is an error."""
    monkeypatch.setattr(notebook, "MAX_CELL_CHARS", 10_000)
    sub = timed_read(write_with(tmp_path, "chars", "x = 1\n" * 5_000))
    assert sub.error and "characters" in sub.error


def test_too_many_lines_and_magics_are_errors(tmp_path, monkeypatch):
    """Bounds on the lines and on the magic lines of a notebook give errors."""
    monkeypatch.setattr(notebook, "MAX_LINES", 5_000)
    assert "lines" in timed_read(write_with(tmp_path, "lines", "\n" * 6_000)).error
    monkeypatch.setattr(notebook, "MAX_LINES", 10**7)
    monkeypatch.setattr(notebook, "MAX_MAGIC_LINES", 10)
    assert "magic" in timed_read(write_with(tmp_path, "magic", "!ls\n" * 11)).error


def test_symlink_fifo_and_device_are_errors(tmp_path):
    """A link to the instructor's notebook, a FIFO, a link to /dev/zero: errors, never a hang or 17/17."""
    link = tmp_path / "link.ipynb"
    link.symlink_to(kit_course() / "source" / "ps1" / "backprop.ipynb")
    fifo = tmp_path / "fifo.ipynb"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.ipynb"
    zero.symlink_to("/dev/zero")
    assert "symbolic link" in timed_read(link).error
    assert "not a regular file" in timed_read(fifo).error
    assert "symbolic link" in timed_read(zero).error


def test_odd_structure_is_an_error(tmp_path):
    """Cells that are not a list, or metadata that is not a dict: an error, not a crash."""
    for text in ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": {"a": 1}}',
                 '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
                 '"metadata": [1], "source": "x", "outputs": []}]}', "[" * 100_000, '"just a string"'):
        path = tmp_path / "odd.ipynb"
        path.write_text(text)
        assert timed_read(path).error


@pytest.mark.parametrize(("source", "loaded"), [
    ("import numpy as np\nnp.testing.assert_allclose(1, 1)", ["numpy", "numpy.testing"]),
    ("import numpy.fft", ["numpy", "numpy.fft"]),
    ("from numpy import ma, zeros", ["numpy", "numpy.ma"]),
    ("from numpy.polynomial import Polynomial", ["numpy", "numpy.polynomial"]),
    ("import numpy as np\nx = np.zeros(3)", ["numpy"]),
    ("import os.path\nfrom collections import abc", ["collections", "os"]),
    ("self.testing = 1", []),  # no numpy imported: nothing of it loaded
])
def test_imported_modules_name_what_the_sandbox_must_load(source, loaded):
    """The modules imported, and numpy's submodules that numpy loads only on first use wherever the code imports
    or uses them (its confined process can read no file, so could not load them itself)."""
    assert notebook.imported_modules([notebook.Cell("cell 1", source)]) == loaded
