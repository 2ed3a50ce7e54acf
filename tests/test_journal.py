"""A batch killed midway loses nothing already graded, and the next run resumes from the journal."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from autograder.demo import EXAMPLES


def journal_lines(path):
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()] if path.exists() else []


def test_killed_batch_resumes(tmp_path):
    """Kill `bpkit grade` after its first result; rerun: the journaled results are reused, the rest graded."""
    folder = tmp_path / "class"
    folder.mkdir()
    for i, name in enumerate(["alice", "erin", "carol", "erin", "dan", "erin"]):
        shutil.copy(EXAMPLES / "ps1" / f"{name}.ipynb", folder / f"s{i}_{name}.ipynb")
    journal, out = tmp_path / "journal.jsonl", tmp_path / "r.json"
    cmd = [sys.executable, "-m", "autograder.cli", "grade", "--assignment", "ps1", str(folder),
           "--workers", "1", "--timeout", "2", "--journal", str(journal), "--json", str(out), "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(journal_lines(journal)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    first = journal_lines(journal)
    assert 2 <= len(first) < 6 and not out.exists()

    assert subprocess.run(cmd, timeout=300).returncode == 0
    second = journal_lines(journal)
    assert second[: len(first)] == first  # kept, not graded again
    assert len(second) == 6  # each submission graded exactly once over both runs
    report = json.loads(out.read_text())
    assert sorted(s["student"] for s in report["submissions"]) == sorted(p.stem for p in folder.iterdir())


def test_changed_notebook_is_graded_again(tmp_path):
    """A result is reused only for the same notebook: replacing it gives the new score."""
    nb = tmp_path / "zoe.ipynb"
    journal = tmp_path / "j.jsonl"
    cmd = [sys.executable, "-m", "autograder.cli", "grade", "--assignment", "ps1", str(nb), "--journal",
           str(journal), "--json", str(tmp_path / "r.json"), "--quiet", "--timeout", "2"]
    shutil.copy(EXAMPLES / "ps1" / "alice.ipynb", nb)
    subprocess.run(cmd, check=True, timeout=300)
    shutil.copy(EXAMPLES / "ps1" / "bob.ipynb", nb)
    subprocess.run(cmd, check=True, timeout=300)
    assert json.loads((tmp_path / "r.json").read_text())["submissions"][0]["score"] == 6.0
    assert len(journal_lines(journal)) == 2
