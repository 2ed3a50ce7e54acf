"""The commands installed next to the running interpreter, found whether or not its venv is activated.

nbgrader shells out to `alembic` by name, and `jupyter` tools do the same with theirs; in a venv
that was never activated they live in `.venv/bin`, which is not on PATH. Every subprocess the kit
starts for nbgrader gets `tool_env()`, and code that opens nbgrader's gradebook in this process
runs inside `tools_on_path()`.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path


def tool_env(env: dict | None = None) -> dict:
    """A copy of `env` (default: this process's) whose PATH starts with the running interpreter's folder."""
    env = dict(os.environ if env is None else env)
    here = str(Path(sys.executable).parent)  # not resolved: a venv's python is a symlink out of it
    rest = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != here]
    env["PATH"] = os.pathsep.join([here, *rest])
    return env


@contextmanager
def tools_on_path():
    """Within the block, this process's PATH is `tool_env()`'s (for libraries that shell out)."""
    before = os.environ.get("PATH")
    os.environ["PATH"] = tool_env()["PATH"]
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PATH", None)
        else:
            os.environ["PATH"] = before
