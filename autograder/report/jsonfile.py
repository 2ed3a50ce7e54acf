"""`bpkit grade --json FILE`: the report in GRADER.md's format, exactly the contract's fields; and read back.

A report read back (by `bpkit merge`, `bpkit feedback`) is untrusted input: at most MAX_BYTES, JSON,
and GRADER.md's format with the assignment's functions in each submission — else a ValueError that
says what is wrong, never a half-read report.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from autograder.assignments import ASSIGNMENTS
from autograder.checks import assignment as checks_of
from autograder.files import read_given
from autograder.plain import clean
from autograder.result import STATUSES, Report, report_from_dict

MAX_BYTES = 256 * 1024 * 1024  # a report takes about 4 kB a submission: 60,000 of them
WRITTEN_BY = "a report written by `bpkit grade --json`"


def write(report: Report, path: Path) -> Path:
    """Write atomically: a reader never sees half a file. The bytes are `json.dumps(report.public(), indent=2)`'s,
    written a submission at a time, so a class's report is never in memory twice over (as objects and as text)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for part in _parts(report):
            f.write(part)
    os.replace(tmp, path)
    return path


def _parts(report: Report):
    """The report's JSON text, in pieces: the head, then each submission indented as in the whole document."""
    head = json.dumps(Report(report.assignment, [], report.isolation).public(), indent=2, ensure_ascii=False)
    if not report.submissions:
        yield head + "\n"
        return
    yield head[: -len("[]\n}")] + "[\n"
    for i, sub in enumerate(report.submissions):
        text = json.dumps(sub.public(), indent=2, ensure_ascii=False)
        yield ("" if i == 0 else ",\n") + "\n".join("    " + line for line in text.splitlines())
    yield "\n  ]\n}\n"


def _object(properties: dict, optional: tuple = ()) -> dict:
    """The schema of a JSON object with exactly these properties, all required but the `optional` ones."""
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "required": [k for k in properties if k not in optional]}


POINTS = {"type": "number", "minimum": 0}
TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
TEST = _object({"name": TEXT, "score": POINTS, "max_score": POINTS, "status": {"enum": list(STATUSES)},
                "mistake": TEXT_OR_NULL, "mistakes": {"type": "array", "items": TEXT}, "message": TEXT,
                "inherited": {"type": "array", "items": _object({"function": TEXT, "mistake": TEXT_OR_NULL})},
                "cluster": TEXT_OR_NULL})
SUBMISSION = _object({"student": TEXT, "path": TEXT, "score": POINTS, "max_score": POINTS, "error": TEXT_OR_NULL,
                      "tests": {"type": "array", "items": TEST}})
ISOLATION = _object({"confined": {"type": "boolean"}, "namespaces": {"type": "array", "items": TEXT},
                     "chroot": {"type": "boolean"}, "unprivileged": {"type": "boolean"}, "scratch": TEXT})


def schema(names: tuple[str, ...] | None = None) -> dict:
    """The report's schema: its assignment is one of `names` (default: those registered, autograder.assignments)."""
    return _object({"assignment": {"enum": list(ASSIGNMENTS if names is None else names)}, "isolation": ISOLATION,
                    "submissions": {"type": "array", "items": SUBMISSION}}, optional=("isolation",))


def _validator():
    """The schema's validator for the assignments registered now."""
    return _validator_of(tuple(ASSIGNMENTS))


@cache
def _validator_of(names: tuple[str, ...]):
    from jsonschema import Draft202012Validator  # here: only reading a report needs it

    return Draft202012Validator(schema(names))


def _finite(constant: str):
    raise ValueError(f"{constant} is not a number a report holds")


def _parsed(path: Path):
    """The JSON value in the file at `path`; ValueError when it cannot be read or is not JSON."""
    data = read_given(path, MAX_BYTES)
    try:
        return json.loads(data, parse_constant=_finite)
    except ValueError as exc:  # also bytes that are not text
        raise ValueError(f"{path} is not JSON ({clean(str(exc), 200)}): give {WRITTEN_BY}") from None


def _inconsistency(report: Report, raw: dict) -> str | None:
    """What in a report of the right form no grader wrote: tests that are not the assignment's, a wrong sum."""
    names = [c.name for c in checks_of(report.assignment)]
    for sub, given in zip(report.submissions, raw["submissions"]):
        if [t.name for t in sub.tests] != names:
            return f"the tests of {sub.student!r} are not {report.assignment}'s functions in order ({', '.join(names)})"
        if (sub.score, sub.max_score) != (given["score"], given["max_score"]):
            return f"the score or max_score of {sub.student!r} is not the sum of its tests'"
    return None


def read(path: Path, assignment: str | None = None) -> Report:
    """The report in the file at `path`, written by `write` (and of `assignment`, when given); else a ValueError
    that says what is wrong."""
    path = Path(path)
    raw = _parsed(path)
    error = _best_error(raw)
    if error:
        raise ValueError(f"{path} is not {WRITTEN_BY}: {error}")
    if assignment and raw["assignment"] != assignment:
        raise ValueError(f"{path} is a report of {raw['assignment']}, not of {assignment}")
    report = report_from_dict(raw)
    wrong = _inconsistency(report, raw)
    if wrong:
        raise ValueError(f"{path} is not {WRITTEN_BY}: {wrong}")
    return report


def _best_error(raw) -> str | None:
    """Where `raw` departs from the report's schema, and how, or None."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(raw))
    return None if error is None else f"at {error.json_path}, {clean(error.message, 300)}"
