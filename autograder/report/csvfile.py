"""`bpkit grade --csv FILE`: one row per submission, score, status and mistake columns per function."""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.result import Report


def rows(report: Report) -> tuple[list[str], list[list]]:
    names = [t.name for t in report.submissions[0].tests] if report.submissions else []
    header = ["student", "path", "score", "max_score", "error"]
    for n in names:
        header += [n, f"{n}_status", f"{n}_mistake"]
    body = []
    for s in report.submissions:
        row = [s.student, s.path, s.score, s.max_score, s.error or ""]
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
