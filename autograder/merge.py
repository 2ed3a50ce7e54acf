"""`bpkit merge`: the reports of a class's shards (`bpkit grade --shard K/N`) as the report of one run.

The submissions go back in report order (submissions.report_order: by student id, then path), the
order one run over the whole class gives. A student in two reports is an error: the shards of one
split never share a student. The student pages (`--feedback`) draw their plots and case tables from
each test's evidence, which the JSON report does not carry; it comes from the shards' journals:
the lines the grader signed whose result is the very result in the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from autograder import cluster, journal
from autograder.files import read_given
from autograder.result import Report, SubmissionResult, submission_from_dict
from autograder.submissions import report_order

MAX_JOURNAL_BYTES = 1024 * 1024 * 1024  # a journal takes about 6 kB a graded submission


def merged(assignment: str, reports: list[tuple[Path, Report]]) -> Report:
    """One report of the submissions of every (path, report) in report order; ValueError naming a student found in
    two of the reports."""
    where: dict[str, Path] = {}
    for path, report in reports:
        for student in dict.fromkeys(s.student for s in report.submissions):
            if student in where:
                raise ValueError(f"the student {student!r} is in {where[student]} and in {path}: shards never "
                                 "share a student — give each shard's report once, all from one --shard K/N split")
            where[student] = path
    subs = sorted((s for _, r in reports for s in r.submissions), key=lambda s: report_order(s.student, s.path))
    return Report(assignment, subs, weakest_isolation([r.isolation for _, r in reports]))


def weakest_isolation(isolations: list[dict | None]) -> dict | None:
    """What confined every shard's submissions: their isolation when they agree, else the least of them (unconfined
    before confined, then the fewest namespaces); None when a report does not say."""
    if not isolations or any(i is None for i in isolations):
        return None
    return min(isolations, key=lambda i: (i["confined"], len(i["namespaces"]), i["chroot"], i["unprivileged"]))


def journaled(path: Path, secret: str) -> tuple[list[SubmissionResult], int]:
    """The results in the journal at `path` that the grader signed (with the course secret, else the journal.key
    beside it), and how many whole lines it did not sign; ValueError when it cannot be read or checked."""
    path = Path(path)
    try:
        key = journal.mac_key(path.parent, secret, create=False)
    except ValueError as exc:
        raise ValueError(f"cannot check the journal {path}: {exc}") from None
    data = read_given(path, MAX_JOURNAL_BYTES)
    known, rejected = journal.believed(data.decode("utf-8", "replace"), key)
    results = []
    for d in known.values():
        try:
            results.append(submission_from_dict(d))
        except (KeyError, TypeError):  # signed by a grader that journaled another form: its evidence is not used
            continue
    return results, rejected


def _public(sub: SubmissionResult) -> str:
    """What the JSON report says of a submission, as one comparable text — but the clusters, which a run gives
    its class at the end, after each result was journaled."""
    public = sub.public()
    for test in public.get("tests", []):
        test.pop("cluster", None)
    return json.dumps(public, sort_keys=True)


def recluster(report: Report, complete: bool) -> Report:
    """Clusters across the whole class, as one run would give them — from the journals' evidence when every
    submission has it (`complete`); else none: a shard's ids mean nothing in another shard."""
    if complete:
        return cluster.assign(report)
    for sub in report.submissions:
        for test in sub.tests:
            test.cluster = None
    return report


def add_evidence(report: Report, results: Iterable[SubmissionResult]) -> list[str]:
    """Give each test of the report the evidence of the journaled result that says exactly what the report says of
    its submission (the last such, of the last journal); returns the students for whom there was none."""
    by_public = {_public(r): r for r in results}
    missing = []
    for sub in report.submissions:
        found = by_public.get(_public(sub))
        if found is None:
            missing.append(sub.student)
            continue
        for test, journaled_test in zip(sub.tests, found.tests, strict=True):
            test.evidence = journaled_test.evidence
    return missing
