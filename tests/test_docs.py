"""docs/ describes what the code does: its mistake ids, statuses, JSON fields and options, no more, no less."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from autograder import batch
from autograder.cli import parser
from autograder.demo import EXAMPLES
from autograder.mistakes import registry
from autograder.result import STATUSES
from autograder.submissions import Found

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS, GRADER = ROOT / "docs" / "ASSIGNMENTS.md", ROOT / "docs" / "GRADER.md"


def table_keys(text: str, header: str) -> list[str]:
    """The backticked first cells of the Markdown table whose header row begins `| header |`."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if re.match(rf"\|\s*{re.escape(header)}\s*\|", ln))
    keys = []
    for ln in lines[start + 2:]:
        if not ln.startswith("|"):
            break
        keys.append(re.match(r"\|\s*`([^`]+)`", ln).group(1))
    return keys


def code_mistake_ids() -> set[str]:
    """The catalogue ids the registry holds: each module is named after its mistake's id and finds only it."""
    ids = set()
    for mistake in registry():
        module = importlib.import_module(f"autograder.mistakes.{mistake.id.replace('-', '_')}")
        assert module.MISTAKE is mistake, mistake.id
        named = set(re.findall(r'Finding\(\s*"([^"]+)"', inspect.getsource(module)))
        assert named <= {mistake.id}, (module.__name__, named)  # a matching() mistake words it in data
        ids.add(mistake.id)
    return ids


def test_catalogue_table_is_exactly_the_recognisers():
    """ASSIGNMENTS.md's mistake table lists every id a recogniser names, and nothing else."""
    documented = table_keys(ASSIGNMENTS.read_text(), "id")
    assert len(documented) == len(set(documented))
    assert set(documented) == code_mistake_ids()


def test_status_table_is_exactly_the_statuses():
    """GRADER.md's status table lists every status of autograder.result.STATUSES, and nothing else."""
    assert table_keys(GRADER.read_text(), "status") == list(STATUSES)


@pytest.fixture(scope="module")
def real_report():
    """A real graded report: one notebook that is graded, one that is not a notebook."""
    found = [Found("carol", EXAMPLES / "ps1" / "carol.ipynb"), Found("frank", EXAMPLES / "ps1" / "frank.ipynb")]
    return batch.grade("ps1", found, timeout=3).public()


def test_field_table_is_exactly_what_the_report_writes(real_report):
    """Every field of the report, its submissions and their tests is in GRADER.md's field table, and no other."""
    written = set(real_report)
    for sub in real_report["submissions"]:
        written |= set(sub)
        for t in sub["tests"]:
            written |= set(t)
    assert set(table_keys(GRADER.read_text(), "field")) == written
    assert any(s["error"] for s in real_report["submissions"])  # the error field was exercised


def options_of(command: str) -> list[str]:
    """The long options of `bpkit <command>`, as its parser knows them."""
    sub = parser()._subparsers._group_actions[0].choices[command]
    return [o for a in sub._actions for o in a.option_strings if o.startswith("--") and o != "--help"]


def section(text: str, heading: str) -> str:
    """The text of the `## heading` section, up to the next `## ` heading."""
    lines = text.splitlines()
    start = lines.index(f"## {heading}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end])


def test_every_grade_option_is_documented():
    """Each option of `bpkit grade` appears in GRADER.md."""
    text = GRADER.read_text()
    assert [o for o in options_of("grade") if f"`{o}" not in text] == []


@pytest.mark.parametrize("command", ["grade", "merge"])
def test_option_table_is_exactly_the_commands_options(command):
    """The option table of GRADER.md's `## bpkit <command>` lists each of its options once, and nothing else."""
    documented = [key.split()[0] for key in table_keys(section(GRADER.read_text(), f"bpkit {command}"), "option")]
    assert len(documented) == len(set(documented))
    assert set(documented) == set(options_of(command))


def test_links_stay_inside_the_repository():
    """No link in the README or docs/ points outside the repository, and each one resolves."""
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text()
        assert "../shared" not in text, page
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+://|#|mailto:", target):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.is_relative_to(ROOT) and path.exists(), (page.name, target)
