"""Confinement is in force or grading refuses to start, and the report says which isolation held."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sandbox.students import honest

NO_SYS_ADMIN = ["setpriv", "--bounding-set=-sys_admin", "--inh-caps=-sys_admin"]


def bpkit(tmp: Path, *args: str, prefix: tuple = ()) -> tuple[subprocess.CompletedProcess, dict | None]:
    """`bpkit grade` on alice, with a private TMPDIR; the process and its JSON report (if any)."""
    report = tmp / "report.json"
    report.unlink(missing_ok=True)
    private = tmp / "tmp"
    private.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(private), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    cmd = [*prefix, sys.executable, "-m", "autograder.cli", "grade", "--assignment", "ps1", str(honest()),
           "--json", str(report), "--no-journal", "--quiet", "--timeout", "2", *args]
    done = subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, text=True, timeout=120)
    return done, json.loads(report.read_text()) if report.exists() else None


def test_confined_report_records_the_namespaces(tmp_path):
    done, report = bpkit(tmp_path)
    assert done.returncode == 0, done.stderr
    iso = report["isolation"]
    assert iso["confined"] and iso["chroot"] and iso["unprivileged"]
    assert {"mount", "pid", "net", "ipc"} <= set(iso["namespaces"])
    assert report["submissions"][0]["score"] == 17.0


def test_no_confinement_is_an_error_that_says_how(tmp_path):
    """Root without CAP_SYS_ADMIN: exit 2 before grading anyone, with why and how to enable it."""
    done, report = bpkit(tmp_path, prefix=tuple(NO_SYS_ADMIN))
    assert done.returncode == 2 and report is None
    assert "cannot confine" in done.stderr and "CAP_SYS_ADMIN" in done.stderr
    assert "unprivileged_userns_clone" in done.stderr and "--no-confine" in done.stderr


def test_no_confine_grades_and_says_unconfined(tmp_path):
    done, report = bpkit(tmp_path, "--no-confine", prefix=tuple(NO_SYS_ADMIN))
    assert done.returncode == 0, done.stderr
    assert report["isolation"]["confined"] is False and report["isolation"]["namespaces"] == []
    assert report["submissions"][0]["score"] == 17.0
    assert list((tmp_path / "tmp").rglob("*")) == []  # the scratch folders went with each run
