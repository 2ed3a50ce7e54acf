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


def test_forged_journal_lines_are_not_believed(tmp_path):
    """A line the grader did not sign (a forged 17/17, a tampered score) is ignored and graded again."""
    from autograder.journal import Journal

    nb = tmp_path / "mallory.ipynb"
    shutil.copy(EXAMPLES / "ps1" / "bob.ipynb", nb)
    journal, out = tmp_path / "j.jsonl", tmp_path / "r.json"
    cmd = [sys.executable, "-m", "autograder.cli", "grade", "--assignment", "ps1", str(nb), "--journal",
           str(journal), "--json", str(out), "--quiet", "--timeout", "2"]
    subprocess.run(cmd, check=True, timeout=300)
    (line,) = journal_lines(journal)
    assert Journal(journal).known  # the grader's own line is believed
    forged = json.loads(json.dumps(line))
    for t in forged["result"]["tests"]:
        t["score"], t["status"] = t["max_score"], "passed"
    unsigned = {k: v for k, v in forged.items() if k != "mac"}
    journal.write_text("".join(json.dumps(x) + "\n" for x in (forged, unsigned)))
    assert not Journal(journal).known and Journal(journal).rejected == 2
    done = subprocess.run(cmd, timeout=300, capture_output=True, text=True)
    assert done.returncode == 0 and "did not write" in done.stderr
    assert json.loads(out.read_text())["submissions"][0]["score"] == 6.0


def _key_at_once(folder, barrier, out):
    """One of several graders starting together in a course without a secret: the key it signs with."""
    from autograder.journal import mac_key

    barrier.wait()
    try:
        out.put(mac_key(folder, "").decode())
    except Exception as exc:  # noqa: BLE001 - the test says which grader failed and how
        out.put(f"raised {exc!r}")


def test_graders_starting_together_agree_on_one_key(tmp_path):
    """Shards starting at once in one course make one journal.key and all sign with it (none fails, none reads
    it half written)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for attempt in range(20):
        folder = tmp_path / str(attempt)
        barrier, out = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_key_at_once, args=(folder, barrier, out)) for _ in range(6)]
        for p in procs:
            p.start()
        keys = {out.get(timeout=30) for _ in procs}
        for p in procs:
            p.join()
        assert keys == {(folder / "journal.key").read_text().strip()}, keys
        assert len(keys.pop()) == 64


def _append_many(path, barrier, student):
    from autograder.journal import Journal
    from autograder.result import SubmissionResult, TestResult

    journal = Journal(path)
    barrier.wait()
    for i in range(40):
        evidence = {"cases": [{"label": "x" * 5000}]}  # lines longer than a pipe's atomic write
        journal.add(f"{student}-{i}", SubmissionResult(student, f"{student}.ipynb",
                                                       [TestResult("sigmoid", 1.0, 1.0, "passed", evidence=evidence)]))


def test_graders_sharing_a_journal_append_whole_lines(tmp_path):
    """Shards given one --journal append at once: every line is whole and believed."""
    import multiprocessing

    from autograder.journal import Journal

    path = tmp_path / "shared.jsonl"
    Journal(path)  # the key, made before they start
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(4)
    procs = [ctx.Process(target=_append_many, args=(path, barrier, f"s{n}")) for n in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    journal = Journal(path)
    assert len(journal_lines(path)) == 160 and len(journal.known) == 160 and journal.rejected == 0


def test_lines_are_written_at_once_and_synced_together(tmp_path, monkeypatch):
    """Each result's line is in the file the moment add returns (a grader killed then loses none of them);
    results added in a burst share fsyncs, and sync() puts everything on the disk before it returns."""
    from autograder import journal as journal_module
    from autograder.journal import Journal
    from autograder.result import SubmissionResult, TestResult

    synced = []
    real = os.fsync
    monkeypatch.setattr(journal_module.os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    path = tmp_path / "j.jsonl"
    journal = Journal(path)
    for i in range(50):
        journal.add(f"k{i}", SubmissionResult(f"s{i}", "s.ipynb", [TestResult("sigmoid", 1.0, 1.0, "passed")]))
        assert len(journal_lines(path)) == i + 1
    burst = len(synced)
    journal.sync()
    assert burst < 10 and len(synced) == burst + 1, synced
    again = Journal(path)
    assert len(again.known) == 50 and again.rejected == 0
    assert journal.get("k7") == again.get("k7") and journal.get("k7").student == "s7"
    assert isinstance(journal.added["k7"], str)  # kept as its JSON text, not as objects
