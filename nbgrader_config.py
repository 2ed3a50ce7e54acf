"""nbgrader configuration: the repository root is the course directory."""

import os

from autograder import preprocessors
from autograder.venv import tool_env

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "backprop-kit"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# nbgrader shells out to `alembic` by name: `.venv/bin/nbgrader` finds it next to its Python, venv activated or not
os.environ["PATH"] = tool_env()["PATH"]
# nbgrader copies everything in source/<assignment>/ to release/ except these
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".bpkit_secret"]
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# nbgrader autograde runs no kernel: a submission's nbgrader metadata is repaired from the gradebook, bpkit's
# sandbox grades it where Execute stood, and nbgrader's own steps (SaveAutoGrades, late penalties, feedback,
# export) read what it writes
preprocessors.install(c)
# bpkit's limits, as `bpkit grade` has them by default; e.g.
#   c.GradeInSandbox.timeout = 20.0    seconds each function may run
#   c.GradeInSandbox.memory_mb = 4096  address-space limit of a submission's process
#   c.GradeInSandbox.confine = False   no namespaces or empty root (limits only), where Linux has none
# nbgrader validate (the instructor's own notebooks, in a kernel): hidden tests limit each function to 10 s
c.Execute.timeout = 60
