"""The HTML pages: what a student and an instructor see, escaped, self-contained, without source code."""

from __future__ import annotations

import html
import inspect
import re

import pytest

import solutions.ps1
import solutions.ps2
import solutions.ps3
from autograder.report.html import (
    FEEDBACK_NAME,
    dashboard_page,
    mistake_tally,
    student_page,
    write_dashboard,
    write_feedback,
)
from autograder.result import Report, SubmissionResult
from autograder.result import TestResult as Outcome  # not collected as a test class

HOSTILE = "<script>alert(1)</script>"


def reference_lines() -> list[str]:
    """Every line of the reference solutions' source that is long enough to be recognisable."""
    lines = []
    for module in (solutions.ps1, solutions.ps2, solutions.ps3):
        lines += [ln.strip() for ln in inspect.getsource(module).splitlines() if len(ln.strip()) >= 10]
    return lines


def images(page: str) -> list[str]:
    return re.findall(r'<img src="([^"]*)"', page)


@pytest.fixture(scope="module")
def pages(alice, bob, carol, class_report, bare_report) -> dict[str, str]:
    """Every kind of page, rendered once."""
    out = {"ps1": student_page(alice, "ps1"), "ps2": student_page(bob, "ps2"), "ps3": student_page(carol, "ps3"),
           "dashboard": dashboard_page(class_report), "bare-dashboard": dashboard_page(bare_report)}
    out.update({f"ps1-{s.student}": student_page(s, "ps1") for s in class_report.submissions})
    out.update({f"ps1-{s.student}-bare": student_page(s, "ps1") for s in bare_report.submissions})
    return out


def test_student_page_shows_score_statuses_and_mistakes(alice, pages):
    """The total, every function with its status badge, and each named mistake with its sentence."""
    page = pages["ps1"]
    assert f"{alice.score:.4g} / {alice.max_score:.4g}" in page
    for t in alice.tests:
        assert f'id="t-{t.name}"' in page
        assert f'<span class="badge s-{t.status}">{t.status}</span>' in page
        assert html.escape(t.message) in page
    assert "derivative-of-activation" in page
    assert page.count("Mistake recognised") == sum(1 for t in alice.tests if t.mistake)


def test_student_page_shows_the_failing_case(alice, pages):
    """The student's own failing case: its label, the expected and actual shapes, the largest discrepancy."""
    page = pages["ps1"]
    t = next(t for t in alice.tests if t.name == "backprop")
    case = next(c for c in t.evidence["cases"] if c["status"] != "passed")
    card = page[page.index('id="t-backprop"'):]
    card = card[:card.index("</section>")]
    assert "Your failing case" in card
    assert html.escape(case["label"]) in card and html.escape(case["detail"]) in card
    assert "Expected shape</dt><dd>(" in card and "Your shape</dt><dd>(" in card
    assert f"{case['max_error']:.4g}" in card


@pytest.mark.parametrize("name, alt", [("ps1", "relative error of each part of backprop"),
                                       ("ps2", "error against eps"), ("ps3", "loss curves")])
def test_student_page_has_the_plots(pages, name, alt):
    """Gradient parts for ps1, the eps curve for ps2, the loss curves for ps3, as inline PNGs."""
    assert f'alt="{alt}"' in pages[name]
    assert images(pages[name]) and all(src.startswith("data:image/png;base64,") for src in images(pages[name]))


def test_pages_render_without_evidence(bare_report):
    """A report read back from JSON has no evidence: the page still shows statuses and mistakes, no plots."""
    sub = next(s for s in bare_report.submissions if s.student == "alice")
    page = student_page(sub, "ps1")
    assert "derivative-of-activation" in page and "s-failed" in page
    assert not images(page)
    assert "Your failing case" not in page
    assert "<table>" in dashboard_page(bare_report)


def test_hostile_strings_are_escaped():
    """A message, a student id and an error holding markup come out as text."""
    t = Outcome("sigmoid", 0.0, 1.0, "raised", None, f"sigmoid raised {HOSTILE}",
                   {"cases": [{"label": HOSTILE, "status": "raised", "detail": HOSTILE}]})
    sub = SubmissionResult('"><img src=x onerror=alert(1)>', "p", [t], error=HOSTILE)
    for page in (student_page(sub, HOSTILE), dashboard_page(Report(HOSTILE, [sub]))):
        assert "<script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_pages_are_self_contained(pages):
    """No script, no external resource, and a policy that forbids loading any."""
    for name, page in pages.items():
        assert "<script" not in page.lower(), name
        assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", page), name
        assert all(src.startswith("data:") for src in images(page)), name
        assert "default-src 'none'" in page, name


def test_no_reference_source_in_any_page(pages, alice, bob, carol, class_report):
    """No line of the reference solutions (nor their solution markers) appears in any page.

    The grader's own messages are left out of the search: a hint may name a formula the way the code does.
    """
    lines = reference_lines()
    assert any("X.T @ delta1" in ln for ln in lines) and "### BEGIN SOLUTION" in lines
    messages = {t.message for s in (alice, bob, carol, *class_report.submissions) for t in s.tests}
    for name, page in pages.items():
        text = html.unescape(page)
        for m in messages:
            text = text.replace(m, "")
        assert "### BEGIN SOLUTION" not in text and "X.T @ delta1" not in text, name
        leaked = [ln for ln in lines if ln in text]
        assert not leaked, f"{name}: {leaked[:3]}"


def test_passing_and_failing_submissions(class_report):
    """A full score is congratulated; an ungradable submission says why; other statuses are explained."""
    subs = {s.student: s for s in class_report.submissions}
    assert "Well done" in student_page(subs["ada"], "ps1")
    page = student_page(subs["dee"], "ps1")
    assert "could not be graded" in page and "&lt;script&gt;" in page
    assert "Not defined when your notebook ran" in page


def test_dashboard_histogram_and_pass_rates(class_report, pages):
    """The score histogram and one pass-rate row per function."""
    page = pages["dashboard"]
    assert 'alt="histogram of total scores"' in page
    assert "7 submissions" in page
    assert re.search(r"<code>sigmoid_derivative</code></td><td class=num>4 / 7</td>", page)
    assert re.search(r"<code>sgd_step</code></td><td class=num>6 / 7</td>", page)


def test_dashboard_mistakes_most_common_first(pages):
    """Mistakes × functions: derivative-of-activation (two students) before scaled (one)."""
    page = pages["dashboard"]
    table = page[page.index("What to teach again"):page.index("Submissions with errors")]
    assert table.index("derivative-of-activation") < table.index("<code>scaled</code>")
    row = re.search(r"<code>derivative-of-activation</code></td>(.*?)</tr>", table)[1]
    assert re.findall(r">(\d+)<", row) == ["2", "0", "2", "2", "2", "2"]  # 4 functions, loss, then students


def test_mistake_tally_counts_students_per_function():
    """Counts per (mistake, function); unnamed failures last; ungradable submissions left out."""
    def sub(student, *tests, error=None):
        return SubmissionResult(student, "p", [Outcome(n, 0, 1, st, m, "") for n, st, m in tests], error)

    report = Report("ps1", [sub("a", ("loss", "failed", "scaled"), ("backprop", "failed", "scaled")),
                            sub("b", ("loss", "failed", "scaled"), ("backprop", "raised", None)),
                            sub("c", ("loss", "failed", "transposed")),
                            sub("d", ("loss", "missing", None), error="not a notebook")])
    counts, students = mistake_tally(report)
    assert counts["scaled", "loss"] == 2 and counts["scaled", "backprop"] == 1
    assert students == {"scaled": {"a", "b"}, "transposed": {"c"}, "(none named)": {"b"}}
    page = dashboard_page(report)
    order = [page.index(k) for k in ("<code>scaled</code>", "<code>transposed</code>", "(none named)")]
    assert order == sorted(order)
    assert "not a notebook" in page


def test_write_feedback_uses_nbgrader_layout(tmp_path, bare_report):
    """One page per student at feedback/<student>/<assignment>/bpkit_report.html."""
    paths = write_feedback(bare_report, tmp_path)
    assert paths == [tmp_path / "feedback" / s.student / "ps1" / FEEDBACK_NAME for s in bare_report.submissions]
    assert paths[1].read_text(encoding="utf-8") == student_page(bare_report.submissions[1], "ps1")


@pytest.mark.parametrize("student", ["..", "../evil", "a/b", "a\\b", "", "x" * 300])
def test_write_feedback_gives_unsafe_ids_a_stand_in_folder(tmp_path, student):
    """A student id that is not a plain folder name gets a folder of its own inside feedback/; the others theirs."""
    report = Report("ps1", [SubmissionResult("ok", "p", []), SubmissionResult(student, "p", [])])
    paths = write_feedback(report, tmp_path / "course")
    assert paths[0] == tmp_path / "course" / "feedback" / "ok" / "ps1" / FEEDBACK_NAME
    assert paths[1].parent.parent.parent == tmp_path / "course" / "feedback" and paths[1].is_file()
    assert paths[1].parent.parent.name.startswith("student-") and not (tmp_path / "evil").exists()


def test_empty_report_renders():
    """A report without submissions still gives a dashboard."""
    page = dashboard_page(Report("ps3"))
    assert "0 submissions" in page and "No scores yet" in page


def test_write_dashboard(tmp_path, class_report):
    """The dashboard is written where asked, folders made as needed."""
    path = write_dashboard(class_report, tmp_path / "out" / "dashboard.html")
    assert path == tmp_path / "out" / "dashboard.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_changed_arguments_are_named():
    """An argument the function changed is named as in the assignment (x of numerical_gradient)."""
    case = {"label": "a vector (7,)", "status": "failed", "changed_args": [1], "expected_shape": [7],
            "actual_shape": [7], "detail": "", "max_error": 0.0, "part_errors": {}}
    t = Outcome("numerical_gradient", 0.0, 4.0, "failed", "input-not-restored", "left `x` changed", {"cases": [case]})
    page = student_page(SubmissionResult("eve", "p", [t]), "ps2")
    assert "Arguments you changed</dt><dd><code>x</code></dd>" in page
    assert "<details>" not in page  # one hidden case: no table repeating it


def test_control_characters_never_reach_a_page():
    """NUL, ESC and other control bytes from an exception's text are shown as �; newlines stay."""
    from autograder.report.htmlparts import esc

    assert esc("a\x00b\x1b[31m<x>\n") == "a\ufffdb\ufffd[31m&lt;x&gt;\n"


def test_dashboard_groups_unexplained_answers_with_the_command_that_names_them(class_report):
    """eve and fay give the same unexplained output_delta: one cluster of 2, their answer beside the right
    one, and the `bpkit label` command; the named and the right answers are in no cluster."""
    page = dashboard_page(class_report)
    section = page.split("Wrong answers no mistake explains")[1].split("<h2>")[0]
    assert "<code>output_delta-1</code> — <strong>2</strong> students: eve, fay" in section
    assert "bpkit label --assignment ps1 --function output_delta --like eve" in section
    assert "the right answer" in section and "N=5, D=4, H=3, K=2" in section
    listed = {n for m in re.findall(r"students?: (.*?)</summary>", section) for n in m.split(", ")}
    assert listed == {"eve", "fay"}


def test_a_class_s_pages_are_drawn_on_every_core_as_one_by_one(tmp_path, class_report, monkeypatch):
    """From PARALLEL_FROM pages on, worker processes draw them: each file is the page drawn here, in its folder."""
    from autograder.report import html as html_module

    monkeypatch.setattr(html_module, "PARALLEL_FROM", 5)
    contexts = []
    real = html_module.multiprocessing.get_context
    monkeypatch.setattr(html_module.multiprocessing, "get_context", lambda how: contexts.append(how) or real(how))
    subs = (class_report.submissions * 5)[:5]
    subs = [SubmissionResult(f"{s.student}-{i}", s.path, s.tests, s.error) for i, s in enumerate(subs)]
    report = Report("ps1", subs)
    paths = write_feedback(report, tmp_path, workers=2)
    assert paths == [tmp_path / "feedback" / s.student / "ps1" / FEEDBACK_NAME for s in subs]
    assert contexts == ["spawn"]
    for s, path in zip(subs, paths):
        assert path.read_text(encoding="utf-8") == student_page(s, "ps1")
