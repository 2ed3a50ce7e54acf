"""`bpkit grade --csv FILE`: one row per submission, score, status and mistake columns per function."""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.checks import assignment as checks_of
from autograder.result import Report


def cell(value):
    """A value a spreadsheet shows as text: one starting with = + - @ (a formula) gets a leading '."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rows(report: Report) -> tuple[list[str], list[list]]:
    """The header and a row per submission; the columns of the assignment's functions even with no submission
    (a shard of the class may have none)."""
    names = [t.name for t in report.submissions[0].tests] if report.submissions else \
        [c.name for c in checks_of(report.assignment)]
    header = ["student", "path", "score", "max_score", "error"]
    for n in names:
        header += [n, f"{n}_status", f"{n}_mistake"]
    body = []
    for s in report.submissions:
        row = [cell(s.student), cell(s.path), s.score, s.max_score, cell(s.error or "")]
        by_name = {t.name: t for t in s.tests}
        for n in names:
            t = by_name.get(n)
            row += [t.score, t.status, t.mistake or ""] if t else ["", "", ""]
        body.append(row)
    return header, body


def write(report: Report, path: Path) -> Path:
    header, body = rows(report)
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(body)
    return Path(path)
