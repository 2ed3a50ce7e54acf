"""install(c): the course's nbgrader_config.py configures nbgrader's pipelines, and only for nbgrader."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from autograder.course import kit_course


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, cwd=kit_course())
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_bpkit_reads_its_settings_without_importing_nbgrader():
    """course_settings executes nbgrader_config.py: the c.Bpkit values, and no nbgrader import (2 s saved)."""
    said = run("""
    import sys
    from autograder.course import kit_course
    from autograder.settings import course_settings
    print(course_settings(kit_course()).timeout, "nbgrader" in sys.modules)
    """)
    assert said == "10.0 False"


def test_nbgrader_reading_the_config_gets_the_sandboxed_pipelines():
    """With nbgrader running, the same file puts RepairCells first and GradeInSandbox where Execute stood."""
    said = run("""
    import nbgrader.converters
    from traitlets.config.loader import PyFileConfigLoader
    c = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
    print(c.Autograde.sanitize_preprocessors[0].__name__,
          [p.__name__ for p in c.Autograde.autograde_preprocessors][:2])
    """)
    assert said == "RepairCells ['GradeInSandbox', 'IgnorePattern']"
