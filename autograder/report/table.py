"""The score table of a report as text, for the terminal: a column per student for a small class, else a row each."""

from __future__ import annotations

TRANSPOSE_UP_TO = 12  # students: up to this many, one column per student; more, one row per student


def summary(report, seconds: float | None = None) -> str:
    """The score table with whole function names: a column per student for a small class, else a row per student.

    A student whose submission could not be graded is marked `*`, and the reason follows the table.
    """
    from autograder.checks import assignment

    checks = assignment(report.assignment)
    table = _by_function(report, checks) if len(report.submissions) <= TRANSPOSE_UP_TO else _by_student(report, checks)
    lines = table + [f"  * {printable(s.student)}: {printable(s.error)}" for s in report.submissions if s.error]
    if seconds is not None:
        lines.append(f"{len(report.submissions)} submissions graded in {seconds:.1f} s")
    return "\n".join(lines)


def printable(text: str) -> str:
    """Untrusted text as the terminal should show it: control and format characters (escape sequences that
    retitle or clear a terminal, right-to-left overrides) written out as escapes, e.g. `\\x1b`, the rest as is."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))


def _aligned(rows: list[list[str]]) -> list[str]:
    """Rows of cells, the first column left-aligned, the others right-aligned, each as wide as its widest cell."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()
            for r in rows]


def _score(sub, name: str) -> str:
    """A submission's score for one function, blank when it has no such test."""
    return next((f"{t.score:g}" for t in sub.tests if t.name == name), "")


def _student(sub) -> str:
    return printable(sub.student) + ("*" if sub.error else "")


def _by_function(report, checks) -> list[str]:
    """One row per function, one column per student, then the points, and a total row."""
    subs = report.submissions
    head = ["function"] + [_student(s) for s in subs] + ["points"]
    body = [[c.name] + [_score(s, c.name) for s in subs] + [f"{c.points:g}"] for c in checks]
    total = ["total"] + [f"{s.score:g}" for s in subs] + [f"{sum(c.points for c in checks):g}"]
    return _aligned([head, *body, total])


def _by_student(report, checks) -> list[str]:
    """One row per student, one column per function (whole names as headers), then the total."""
    head = ["student"] + [c.name for c in checks] + ["total"]
    body = [[_student(s)] + [_score(s, c.name) for c in checks] + [f"{s.score:g}/{s.max_score:g}"]
            for s in report.submissions]
    return _aligned([head, *body])
