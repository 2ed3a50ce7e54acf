"""The instructor's dashboard: score histogram, pass rate per function, and which mistakes, where."""

from __future__ import annotations

from collections import Counter

import numpy as np

from autograder import cluster
from autograder.checks import assignment as checks_of
from autograder.mistakes.common import leaves
from autograder.plain import from_plain
from autograder.reference import reference_value
from autograder.report import plots
from autograder.report.htmlparts import (
    NO_MISTAKE,
    code,
    esc,
    figure,
    num,
    page,
    shape,
    table,
)
from autograder.report.student_page import figures_for
from autograder.result import Report, TestResult

SHOWN = 8  # clusters shown per function, largest first


def function_names(report: Report) -> list[str]:
    """Every function graded, in the order the submissions list them."""
    return list(dict.fromkeys(t.name for s in report.submissions for t in s.tests))


def pass_rate_table(report: Report) -> str:
    """Per function: how many passed, and how the others ended."""
    rows = []
    for name in function_names(report):
        tests = [t for s in report.submissions for t in s.tests if t.name == name]
        counts = Counter(t.status for t in tests)
        rate = counts["passed"] / len(tests)
        others = ", ".join(f"{n} {s}" for s, n in counts.most_common() if s != "passed")
        rows.append(f"<tr><td><code>{esc(name)}</code></td><td class=num>{counts['passed']} / {len(tests)}</td>"
                    f'<td><span class="barbg"><span class="bar" style="width:{100 * rate:.0f}%"></span></span>'
                    f"{100 * rate:.0f}%</td><td>{esc(others)}</td></tr>")
    return table(["function", "passed", "pass rate", "the others"], rows, (1,))


def mistake_tally(report: Report) -> tuple[Counter, dict[str, set[str]]]:
    """(mistake id, function) → how many students, and mistake id → which students.

    A test not passed with no mistake named counts under NO_MISTAKE; a failure inherited from the
    student's other functions is counted where it comes from, not again (inherited_table shows it);
    submissions that could not be graded at all are left out (errors_list shows them).
    """
    counts: Counter = Counter()
    students: dict[str, set[str]] = {}
    for sub in (s for s in report.submissions if not s.error):
        for t in sub.tests:
            if t.inherited:
                continue
            if t.mistake or t.status != "passed":
                counts[t.mistake or NO_MISTAKE, t.name] += 1
                students.setdefault(t.mistake or NO_MISTAKE, set()).add(sub.student)
    return counts, students


def inherited_table(report: Report) -> str:
    """Per function, the students whose failure there comes only from their other functions, and from which."""
    by: dict[str, Counter] = {}
    for sub in (s for s in report.submissions if not s.error):
        for t in sub.tests:
            if t.inherited:
                by.setdefault(t.name, Counter())[" + ".join(i["function"] for i in t.inherited)] += 1
    if not by:
        return "<p>No failure came only from a student's other functions.</p>"
    rows = [f"<tr><td>{code(f)}</td><td class=num>{sum(c.values())}</td><td>"
            + ", ".join(f"{code(src)} ({n})" for src, n in c.most_common()) + "</td></tr>"
            for f, c in sorted(by.items(), key=lambda kv: -sum(kv[1].values()))]
    return table(["function", "students", "whose own functions it fails through"], rows, (1,))


def mistakes_table(report: Report) -> str:
    """Mistakes × functions, the mistake most students made first."""
    counts, students = mistake_tally(report)
    if not counts:
        return "<p>No mistakes to show: every graded test passed.</p>"
    funcs = [f for f in function_names(report) if any(fn == f for _, fn in counts)]
    order = sorted(students, key=lambda m: (m == NO_MISTAKE, -len(students[m]), m))
    rows = []
    for i, m in enumerate(order):
        cells = "".join(f'<td class="num{"" if counts[m, f] else " zero"}">{counts[m, f]}</td>' for f in funcs)
        label = esc(m) if m == NO_MISTAKE else code(m)
        rows.append(f'<tr{" class=top" if i == 0 and m != NO_MISTAKE else ""}><td>{label}</td>{cells}'
                    f"<td class=num><strong>{len(students[m])}</strong></td></tr>")
    numeric = tuple(range(1, len(funcs) + 2))
    return '<div class="wide">' + table(["mistake", *funcs, "students"], rows, numeric) + "</div>"


def groups(report: Report) -> dict[str, dict[str, list[tuple[str, TestResult]]]]:
    """function → cluster id → [(student, test)], the clusters of each function largest first."""
    out: dict[str, dict[str, list]] = {}
    for sub in report.submissions:
        for t in sub.tests:
            if t.cluster:
                out.setdefault(t.name, {}).setdefault(t.cluster, []).append((sub.student, t))
    return {f: dict(sorted(c.items(), key=lambda kv: (-len(kv[1]), kv[0]))) for f, c in out.items()}


def leaves_text(value) -> str:
    """A few numbers of a value, with its shape: what an instructor reads to recognise an answer."""
    parts = leaves(value)
    if parts is None:
        return getattr(value, "type", type(value).__name__)
    shown = []
    for a in parts[:4]:
        flat = ", ".join(f"{x:.4g}" for x in a.ravel()[:4]) + (" …" if a.size > 4 else "")
        shown.append(f"{shape(list(a.shape))}: {flat}")
    return "; ".join(shown) + (" …" if len(parts) > 4 else "")


def representative(report: Report, name: str, test: TestResult) -> str:
    """One answer of a cluster against the right one, on each shared case."""
    check = next(c for c in checks_of(report.assignment) if c.name == name)
    cases = {c.label: c for c in check.cases(np.random.default_rng(0))}  # shared cases: the same for any draw
    rows = []
    for label, answer in test.evidence.get(cluster.KEY, {}).items():
        right = reference_value(check, cases[label]) if label in cases else None
        rows.append(f"<tr><td>{esc(label)}</td><td><code>{esc(leaves_text(from_plain(answer)))}</code></td>"
                    f"<td><code>{esc(leaves_text(right) if right is not None else '—')}</code></td></tr>")
    return table(["shared case", "their answer", "the right answer"], rows)


def label_command(report: Report, name: str, student: str) -> str:
    return (f"bpkit label --assignment {report.assignment} --function {name} --like {student} "
            f"--report REPORT.json --id ID --message \"…\"")


def clusters_section(report: Report) -> str:
    """Per function, the wrong answers no mistake explains, grouped, largest first, with the command that names one."""
    found = groups(report)
    if not found:
        return "<p>No unexplained wrong answers to group.</p>"
    html = []
    for name in [f for f in function_names(report) if f in found]:
        clusters = found[name]
        html.append(f"<h3>{code(name)}: {len(clusters)} kind{'s' if len(clusters) != 1 else ''} of unexplained "
                    f"answer</h3>")
        for cid, members in list(clusters.items())[:SHOWN]:
            students = ", ".join(esc(s) for s, _ in members[:12]) + (" …" if len(members) > 12 else "")
            student, test = members[0]
            html.append(f'<details class="cluster"><summary>{code(cid)} — <strong>{len(members)}</strong> '
                        f"student{'s' if len(members) != 1 else ''}: {students}</summary>"
                        f"{representative(report, name, test)}{figures_for(test)}"
                        f"<p>Name it for all of them: <code>{esc(label_command(report, name, student))}</code></p>"
                        "</details>")
        if len(clusters) > SHOWN:
            rest = sum(len(m) for m in list(clusters.values())[SHOWN:])
            html.append(f"<p class=help>{len(clusters) - SHOWN} smaller kinds ({rest} students) not shown.</p>")
    return "".join(html)


def submissions_table(report: Report) -> str:
    """Every submission: score, how its tests ended, its mistakes (collapsed)."""
    rows = []
    for s in sorted(report.submissions, key=lambda s: (s.score, s.student)):
        ends = ", ".join(f"{n} {st}" for st, n in Counter(t.status for t in s.tests).most_common())
        mistakes = ", ".join(sorted({t.mistake for t in s.tests if t.mistake}))
        rows.append(f"<tr><td>{esc(s.student)}</td><td class=num>{num(s.score)} / {num(s.max_score)}</td>"
                    f"<td>{esc(ends)}</td><td>{esc(mistakes)}</td></tr>")
    body = table(["student", "score", "tests", "mistakes"], rows, (1,))
    return f"<details><summary>All {len(rows)} submissions, lowest score first</summary>{body}</details>"


def errors_list(report: Report) -> str:
    """The submissions that could not be graded as a whole."""
    bad = [s for s in report.submissions if s.error]
    if not bad:
        return "<p>None: every submission was graded.</p>"
    rows = [f"<tr><td>{esc(s.student)}</td><td><code>{esc(s.path)}</code></td><td>{esc(s.error)}</td></tr>"
            for s in bad]
    return table(["student", "path", "error"], rows)


def dashboard_page(report: Report) -> str:
    """The instructor's overview of one assignment."""
    subs = report.submissions
    scores = [s.score for s in subs]
    top = max((s.max_score for s in subs), default=0.0)
    mean = f"mean {num(sum(scores) / len(scores))} / {num(top)}" if scores else "no submissions"
    header = (f"<div><h1>{esc(report.assignment)} dashboard</h1>"
              f"<p class=sub>{len(subs)} submissions · {esc(mean)}</p></div>")
    hist = plots.score_histogram_png(scores, top, report.assignment)
    body = ["<h2>Scores</h2>", figure(hist, "histogram of total scores", "Total score of each submission.")
            or "<p>No scores yet.</p>",
            "<h2>Pass rate per function</h2>", pass_rate_table(report),
            "<h2>What to teach again</h2><p class=help>How many students made each catalogue mistake, in which "
            "function; the most common first. A failure that comes only from a student's other functions is "
            "counted once, where it comes from.</p>", mistakes_table(report),
            "<h2>Wrong answers no mistake explains</h2><p class=help>Answers that agree with each other on the "
            "cases every student shares, grouped (`cluster`): a kind many students share is a mistake worth "
            "naming once, with <code>bpkit label</code>.</p>", clusters_section(report),
            "<h2>Failures carried forward</h2><p class=help>Functions right as written that fail only because "
            "they call the student's wrong ones (`inherited`).</p>", inherited_table(report),
            "<h2>Submissions with errors</h2>", errors_list(report),
            "<h2>Submissions</h2>", submissions_table(report)]
    return page(f"{report.assignment} dashboard", header, "".join(body))
