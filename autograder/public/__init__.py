"""The public checks shipped to students: data (public_cases.json) and a numpy-only checker.

`write(assignment, folder)` puts into an assignment's source folder what its public test
cells need — `bpkit_public.py` (the checker), `bpkit_casefns.py` (the functions handed to
ps2's numerical gradient) and `public_cases.json` (inputs, expected outputs, and the
outputs of common mistakes) — so nbgrader releases them next to the notebook. No
reference code travels: only numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.public.data import public_data

HERE = Path(__file__).resolve().parent
CHECKER = HERE / "bpkit_public.py"
CASEFNS = HERE.parent / "sandbox" / "casefns.py"


def files(assignment: str, course_mistakes: tuple = ()) -> dict[str, str]:
    """File name → text of everything the released folder needs (with the course's own mistakes, `bpkit label`)."""
    return {
        "bpkit_public.py": CHECKER.read_text(),
        "bpkit_casefns.py": CASEFNS.read_text(),
        "public_cases.json": json.dumps(public_data(assignment, course_mistakes), indent=1) + "\n",
    }


def write(assignment: str, folder: Path, course_mistakes: tuple = ()) -> list[Path]:
    """Write the public-check files into `folder` (an assignment's source folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files(assignment, course_mistakes).items():
        (folder / name).write_text(text)
        written.append(folder / name)
    return written

