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
# how the course is graded, by nbgrader autograde and by bpkit grade alike (these are the defaults):
c.Bpkit.timeout = 10.0  # seconds each function may run
c.Bpkit.memory_mb = 2048  # address-space limit of a submission's process
c.Bpkit.confine = True  # namespaces and an empty root (False: limits only, where Linux has no namespaces)
c.Bpkit.carry_forward = False  # True: a failure that comes only from the student's other functions keeps its points
# nbgrader validate (the instructor's own notebooks, in a kernel): hidden tests limit each function to 10 s
c.Execute.timeout = 60
