"""The corpus of learner code: every expected status and mistake id is what the grader says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from autograder.checks import assignment
from autograder.grading import grade_namespace
from autograder.mistakes import catalogue

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FILES = sorted(CORPUS.glob("ps*/*.py"))
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)(?:\s+(\S+))?\s*$")


def expectations(path: Path) -> list[tuple[str, str, str | None]]:
    rows = [EXPECT.match(line) for line in path.read_text().splitlines()]
    return [(m[1], m[2], m[3]) for m in rows if m]


def load(path: Path) -> dict:
    ns = {"__name__": "__main__"}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    return ns


@pytest.mark.parametrize("student", ["", "another-student"])
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_corpus_file(path: Path, student: str):
    """The grader names each expected status and mistake, and nothing else — whoever's hidden cases."""
    wanted = expectations(path)
    assert wanted, f"{path.name} has no '# expect:' line"
    results = {r.name: r for r in grade_namespace(path.parent.name, load(path), student=student or path.stem)}
    for name, status, mistake in wanted:
        if name == "all":
            bad = {n: (r.status, r.mistake, r.message) for n, r in results.items() if r.status != status}
            assert not bad, f"expected every function {status}: {bad}"
            continue
        r = results[name]
        named = "+".join(r.mistakes) if mistake and "+" in mistake else r.mistake  # a+b: mistakes together
        assert (r.status, named) == (status, mistake), f"{name}: {r.message}"


def test_corpus_covers_every_assignment():
    """Each assignment has correct and buggy files in the corpus."""
    for a in ("ps1", "ps2", "ps3"):
        names = [p.stem for p in FILES if p.parent.name == a]
        assert any(n.startswith("correct") for n in names), a
        assert len(names) >= 3, a
        assert assignment(a)


CATALOGUE = catalogue()


@pytest.mark.parametrize("mistake", CATALOGUE)
def test_every_mistake_has_two_realisations(mistake):
    """The corpus shows each catalogue id in at least two files (or one, with the reason why)."""
    files = [p for p in FILES if any(m == mistake for _, _, m in expectations(p))]  # alone, not combined
    single = any("only one realisation" in p.read_text() for p in files)
    assert len(files) >= 2 or (files and single), f"{mistake}: {len(files)} file(s)"
