"""nbgrader runs from the kit's interpreter whether or not its venv is activated (nothing else on PATH)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.venv import tool_env

BARE = {"PATH": "/usr/bin:/bin"}


def test_tool_env_puts_the_interpreters_folder_first():
    """PATH starts with the folder of sys.executable, keeps the rest once, and the given env is not changed."""
    here = str(Path(sys.executable).parent)
    env = tool_env({"PATH": f"/usr/bin:{here}:/bin", "HOME": "/h"})
    assert env["PATH"].split(":") == [here, "/usr/bin", "/bin"] and env["HOME"] == "/h"
    assert tool_env({})["PATH"] == here


def test_generate_assignment_with_only_the_system_on_path(tmp_path):
    """A real `nbgrader generate_assignment` through demo.nbgrader, from a process whose PATH is /usr/bin:/bin."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        from autograder import demo
        course = demo.make_course(Path({str(tmp_path / 'course')!r}))
        demo.nbgrader(course, "generate_assignment", "ps1", "--force")
        assert (course / "release" / "ps1" / "backprop.ipynb").is_file()
        assert (course / "gradebook.db").is_file()
    """)
    done = subprocess.run([sys.executable, "-c", code], env={**BARE, "HOME": str(tmp_path)}, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def test_without_the_helper_alembic_is_not_found(tmp_path):
    """The same bare PATH without tool_env: nbgrader cannot find alembic (what the helper fixes)."""
    from autograder import demo

    if subprocess.run(["which", "alembic"], env=BARE, capture_output=True).returncode == 0:
        pytest.skip("an alembic is installed in /usr/bin or /bin")
    course = demo.make_course(tmp_path / "course")
    done = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "ps1", "--force"], cwd=course,
                          env={**BARE, "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "alembic" in done.stdout + done.stderr
