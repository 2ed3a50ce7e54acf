"""nbgrader configuration: the repository root is the course directory."""

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "backprop-kit"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# nbgrader shells out to `alembic` by name: `.venv/bin/nbgrader` finds it next to its Python, venv activated or not
import os  # noqa: E402

from autograder.venv import tool_env  # noqa: E402

os.environ["PATH"] = tool_env()["PATH"]
# nbgrader copies everything in source/<assignment>/ to release/ except these
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".bpkit_secret"]
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
# hidden tests limit each function to 10 s and public checks to 20 s; this catches anything else
c.Execute.timeout = 60
