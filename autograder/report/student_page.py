"""The feedback page of one student: score, each function's status, the named mistake, the failing case, plots.

It shows only a result's messages and numbers, never test or reference code.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from autograder import checks
from autograder.report import plots
from autograder.report.htmlparts import (
    badge,
    code,
    esc,
    figure,
    num,
    page,
    shape,
    table,
)
from autograder.result import SubmissionResult, TestResult

STATUS_HELP = {
    "raised": "Your function raised an exception (an untouched stub raises NotImplementedError).",
    "timeout": "Your function ran past its time limit: look for a loop that never ends.",
    "missing": "Not defined when your notebook ran: check its name, and that its cell runs without an error.",
    "wrong-type": "It returned the wrong kind of value.",
    "wrong-shape": "It returned an array of the wrong shape.",
    "not-finite": "It returned inf or nan.",
}
CAPTIONS = {
    "parts": "Each bar is how far one part of your answer is from the right one (relative error) on one hidden "
             "case. Bars above the dashed tolerance line are wrong; a part with no bar is exact.",
    "eps": "A central difference's error shrinks like eps² (until round-off takes over at tiny eps), a one-sided "
           "difference's only like eps. A right numerical_gradient follows the blue curve.",
    "loss": "The loss before each update of gradient descent on one hidden case. A right train follows the blue curve.",
}


def failing_case(evidence: dict) -> dict | None:
    """The first hidden case the function got wrong (or changed its arguments on)."""
    return next((c for c in evidence.get("cases", []) if c.get("status") != "passed" or c.get("changed_args")), None)


def argument_names(assignment: str, function: str) -> list[str]:
    """The names of a graded function's arguments, as ASSIGNMENTS.md gives them (empty when unknown)."""
    try:
        check = next((c for c in checks.assignment(assignment) if c.name == function), None)
    except KeyError:
        return []
    return list(inspect.signature(check.reference).parameters) if check and not check.answer else []


def case_block(case: dict, names: Sequence[str] = ()) -> str:
    """Label, shapes and largest discrepancy of one case; `names` names the arguments."""
    rows = [("Hidden case", esc(case.get("label", "?"))), ("Result", badge(case.get("status", "?")))]
    if case.get("expected_shape") is not None or case.get("actual_shape") is not None:
        rows += [("Expected shape", esc(shape(case.get("expected_shape")))),
                 ("Your shape", esc(shape(case.get("actual_shape"))))]
    if case.get("detail"):
        rows.append(("What differs", esc(case["detail"])))
    if case.get("max_error") is not None:
        rows.append(("Largest discrepancy", esc(num(case["max_error"]))))
    if case.get("changed_args"):
        changed = [names[i] if i < len(names) else f"argument {i + 1}" for i in case["changed_args"]]
        rows.append(("Arguments you changed", ", ".join(code(n) for n in changed)))
    return '<dl class="case">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def cases_table(cases: list[dict]) -> str:
    """Every hidden case in one collapsed table."""
    rows = [f"<tr><td>{esc(c.get('label', '?'))}</td><td>{badge(c.get('status', '?'))}</td>"
            f"<td>{esc(shape(c.get('expected_shape')))}</td><td>{esc(shape(c.get('actual_shape')))}</td>"
            f'<td class="num">{esc(num(c.get("max_error")))}</td></tr>' for c in cases]
    head = ["hidden case", "result", "expected shape", "your shape", "largest discrepancy"]
    return f"<details><summary>All {len(cases)} hidden cases</summary>{table(head, rows, (4,))}</details>"


def figures_for(test: TestResult) -> str:
    """The plots its evidence allows: the eps curve, the loss curves, or the error of each part."""
    ev = test.evidence or {}
    if ev.get("eps_curve"):
        return figure(plots.eps_curve_png(ev["eps_curve"]), "error against eps", CAPTIONS["eps"])
    if ev.get("losses"):
        return figure(plots.loss_curves_png(ev["losses"]), "loss curves", CAPTIONS["loss"])
    cases = [c for c in ev.get("cases", []) if c.get("part_errors")]
    if test.status == "passed" or not any(any(c["part_errors"].values()) for c in cases):
        return ""
    if max(len(c["part_errors"]) for c in cases) > 8:
        return ""
    png = plots.part_errors_png(test.name, cases, ev.get("tolerance"))
    return figure(png, f"relative error of each part of {test.name}", CAPTIONS["parts"])


def function_card(test: TestResult, assignment: str = "") -> str:
    """One function's feedback: status, the named mistake, the failing case, the plots."""
    ok = test.status == "passed"
    parts = [f'<section class="card{" passed" if ok else ""}" id="t-{esc(test.name)}"><div class="head">'
             f"<h3>{esc(test.name)}</h3>{badge(test.status)}"
             f'<span class="pts">{num(test.score)} / {num(test.max_score)} points</span></div>']
    if test.inherited:
        links = ", ".join(f'<a href="#t-{esc(i["function"])}"><code>{esc(i["function"])}</code></a>'
                          + (f' (<code class="id">{esc(i["mistake"])}</code>)' if i.get("mistake") else "")
                          for i in test.inherited)
        parts.append(f'<div class="mistake inherited"><div>Right as written; it fails through your {links}'
                     f"</div><p>{esc(test.message)}</p></div>")
    elif test.mistake:
        parts.append(f'<div class="mistake"><div>Mistake recognised: <code class="id">{esc(test.mistake)}</code>'
                     f"</div><p>{esc(test.message)}</p></div>")
    else:
        parts.append(f'<p class="message">{esc(test.message)}</p>')
    if ok:
        return "".join(parts) + "</section>"
    if test.status != "failed":
        parts.append(f'<p class="help">{esc(STATUS_HELP.get(test.status, ""))}</p>')
    case = failing_case(test.evidence or {})
    if case:
        parts.append("<h4>Your failing case</h4>" + case_block(case, argument_names(assignment, test.name)))
    parts.append(figures_for(test))
    if len((test.evidence or {}).get("cases", [])) > 1:
        parts.append(cases_table(test.evidence["cases"]))
    return "".join(parts) + "</section>"


def through(test: TestResult) -> str:
    """' (through output_delta, gradients)' for an inherited failure, else ''."""
    return " (through " + ", ".join(code(i["function"]) for i in test.inherited) + ")" if test.inherited else ""


def summary_table(sub: SubmissionResult) -> str:
    """One row per function: status, mistake, points."""
    rows = [f'<tr><td><a href="#t-{esc(t.name)}"><code>{esc(t.name)}</code></a></td><td>{badge(t.status)}</td>'
            f"<td>{code(t.mistake)}{through(t)}</td><td class=num>{num(t.score)} / {num(t.max_score)}</td></tr>"
            for t in sub.tests]
    return table(["function", "status", "mistake", "points"], rows, (3,))


def student_page(sub: SubmissionResult, assignment: str) -> str:
    """One student's self-contained feedback page for one assignment."""
    share = 100 * sub.score / sub.max_score if sub.max_score else 0
    header = (f"<div><h1>{esc(assignment)} feedback</h1><p class=sub>{esc(sub.student)}</p></div>"
              f'<div class="total"><div class="big">{num(sub.score)} / {num(sub.max_score)}</div>'
              f'<div class="meter"><span style="width:{share:.1f}%"></span></div></div>')
    body = [f'<div class="notice"><strong>Your submission could not be graded:</strong> {esc(sub.error)}</div>'
            if sub.error else ""]
    body.append("<h2>Summary</h2>" + summary_table(sub))
    wrong = [t for t in sub.tests if t.status != "passed"]
    if sub.tests and not wrong:
        body.append('<div class="good">Every function is right on every hidden case. Well done!</div>')
    ordered = wrong + [t for t in sub.tests if t.status == "passed"]
    body.append("<h2>Details</h2>" + "".join(function_card(t, assignment) for t in ordered))
    return page(f"{assignment} feedback — {sub.student}", header, "".join(body))


# --- the instructor's dashboard -----------------------------------------------------------------------------
