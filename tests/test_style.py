"""The code keeps the project's lint rules (ruff, configured in pyproject.toml)."""

import shutil
import subprocess
import sys

import pytest

from autograder.course import kit_course


def test_ruff_is_clean():
    """`ruff check` finds nothing in the package, the tests and the benchmarks."""
    if shutil.which("ruff") is None and subprocess.run([sys.executable, "-m", "ruff", "--version"],
                                                       capture_output=True).returncode:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "autograder", "solutions", "tests", "benchmarks"],
                          cwd=kit_course(), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
