"""Build nbgrader source notebooks from cell specs (authoring helper, kept outside the repo)."""
import inspect

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def meta(grade_id, grade=False, solution=False, locked=False, points=None):
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


def md(text, gid=None):
    c = new_markdown_cell(text.strip("\n"))
    if gid:
        c.metadata.update(meta(gid, locked=True))
    return c


def given(gid, code):
    c = new_code_cell(code.strip("\n"))
    c.metadata.update(meta(gid, locked=True))
    return c


def solution(gid, code):
    c = new_code_cell(code.strip("\n"))
    c.metadata.update(meta(gid, solution=True))
    return c


def solution_of(fn, gid=None):
    return solution(gid or fn.__name__, inspect.getsource(fn))


def public(name, var=None):
    return given(f"check_{name}", f'check("{name}", {var or name})')


def hidden(assignment, name, points):
    code = (f"# Hidden tests for `{name}` ({points} point{'s' if points != 1 else ''}) run here when your "
            f"notebook is graded.\n### BEGIN HIDDEN TESTS\nfrom autograder.hidden import grade\n\n"
            f'grade("{assignment}", "{name}")\n### END HIDDEN TESTS')
    c = new_code_cell(code)
    c.metadata.update(meta(f"test_{name}", grade=True, locked=True, points=points))
    return c


def notebook(cells):
    for i, c in enumerate(cells):  # stable ids: a rebuild changes only what changed
        gid = c.metadata.get("nbgrader", {}).get("grade_id", c.cell_type)
        c["id"] = f"c{i:02d}-{gid}"[:64]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write(nb, path):
    nbformat.validate(nb)
    nbformat.write(nb, str(path))
