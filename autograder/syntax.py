"""Python source parsed into a tree, one thread at a time.

CPython 3.11's AST constructor keeps its recursion counter in state shared by every thread of the
interpreter: two threads building trees at once (the pool's producer reading a notebook's imports
while the grader reads a student's call graph) can trip its check — "SystemError: AST constructor
recursion depth mismatch" — and a submission would be "unreadable" for no fault of its own.
"""

from __future__ import annotations

import ast
import functools
import threading

_LOCK = threading.Lock()
RECENT = 64  # trees kept: a submission's cells are read for their imports, then for their call graph


@functools.lru_cache(maxsize=RECENT)
def parse(source: str) -> ast.Module:
    """ast.parse(source), never while another thread of the grader parses (SyntaxError as ast.parse raises it).

    The tree of a source parsed lately is the same object again: read it, never change it."""
    with _LOCK:
        return ast.parse(source)
