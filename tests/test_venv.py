"""nbgrader runs from the kit's interpreter whether or not its venv is activated (nothing else on PATH)."""

from __future__ import annotations

import shutil
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


def test_the_bare_path_has_no_alembic():
    """/usr/bin:/bin holds no alembic, so the tests here prove that the kit finds the venv's (or they skip)."""
    if shutil.which("alembic", path=BARE["PATH"]):
        pytest.skip("an alembic is installed in /usr/bin or /bin")
    assert shutil.which("alembic", path=tool_env(BARE)["PATH"]) == str(Path(sys.executable).parent / "alembic")


def test_the_instructors_nbgrader_command_without_activating(tmp_path):
    """`.venv/bin/nbgrader generate_assignment` in a course, PATH /usr/bin:/bin: the course's config finds alembic."""
    from autograder import demo

    course = demo.make_course(tmp_path / "course")
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run([str(nbgrader), "generate_assignment", "ps1", "--force"], cwd=course,
                          env={**BARE, "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert (course / "release" / "ps1" / "backprop.ipynb").is_file()
