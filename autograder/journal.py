"""A journal of graded submissions: a killed batch loses nothing and resumes where it stopped.

One JSON line per graded submission, written the moment it is graded (a killed grader loses none) and
synced to the disk in the background, within `SYNC_S` (a batch ends only when all are), keyed
by everything its result depends on: the notebook's bytes, the student, the assignment,
the course secret, the time limit and the grader's own code. A later run reuses a result
only when its key matches, so a changed notebook or a changed grader is graded afresh.

Every line carries a MAC keyed by the course secret (or, in a course without one, by a random
key kept beside the journal, readable by its owner only): a line the grader did not write —
forged by anyone who could write the file — is ignored, and that submission is graded again.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
import time
from dataclasses import asdict
from functools import cache
from pathlib import Path

from autograder.files import SubmissionFileError, read_bytes
from autograder.result import SubmissionResult, submission_from_dict

PACKAGES = [Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "solutions"]


@cache
def grader_fingerprint() -> str:
    """A hash of the grader's and the reference's source code."""
    h = hashlib.sha256()
    for root in PACKAGES:
        for path in sorted(root.rglob("*.py")):
            h.update(path.read_bytes())
    return h.hexdigest()


def _contents(path: Path) -> bytes:
    """What the result depends on in the file: its bytes, or why it cannot be read (never blocks)."""
    try:
        return b"bytes\0" + read_bytes(path)
    except SubmissionFileError as exc:
        return b"unreadable\0" + str(exc).encode()


def key(assignment: str, student: str, path: Path, secret: str, timeout: float, policy: str = "") -> str:
    """The journal key of one submission: everything its result depends on (`policy`: the scoring settings)."""
    h = hashlib.sha256()
    for part in (assignment, student, secret, f"{timeout:g}", policy, grader_fingerprint()):
        h.update(part.encode() + b"\0")
    h.update(b"" if Path(path).is_dir() else _contents(Path(path)))
    return h.hexdigest()


KEY_FILE = "journal.key"


def mac_key(folder: Path, secret: str, create: bool = True) -> bytes:
    """The key journal lines are signed with: from the course secret, else a random key kept in `folder`.

    Graders that start at once (the shards of a class) agree on the one key the first of them made.
    `create=False` (reading someone's journal): a ValueError when there is no key to check it with.
    """
    if secret:
        return hashlib.sha256(b"bpkit journal\0" + secret.encode()).digest()
    path = Path(folder) / KEY_FILE
    if not path.is_file():
        if not create:
            raise ValueError(f"no {KEY_FILE} beside it and no course secret to check its lines with "
                             "(BPKIT_SECRET or the course's .bpkit_secret)")
        _make_key(path)
    return path.read_text().strip().encode()


def _make_key(path: Path) -> None:
    """A new random key at `path`, unless another grader made one first: never half written, never replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{KEY_FILE}.")  # readable by its owner only
    try:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)


def _mac(key: bytes, k: str, result: dict) -> str:
    return hmac.new(key, json.dumps([k, result], sort_keys=True).encode(), hashlib.sha256).hexdigest()


def believed(text: str, mac: bytes) -> tuple[dict[str, dict], int]:
    """The results of a journal's lines signed with `mac`, by key (the last line of a key wins), and how
    many whole lines were not signed with it."""
    known, rejected = {}, 0
    for line in text.splitlines():
        try:
            entry = json.loads(line)
            k, result, sig = entry["key"], entry["result"], entry.get("mac")
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a kill: that submission is graded again
        if isinstance(sig, str) and hmac.compare_digest(sig, _mac(mac, k, result)):
            known[k] = result
        else:
            rejected += 1
    return known, rejected


SYNC_S = 0.2  # seconds a written line may wait for the disk: results graded meanwhile share one fsync


class Journal:
    """Results by key, read from and appended to one file; only lines signed with `mac` are believed."""

    def __init__(self, path: Path, secret: str = ""):
        self.path = Path(path)
        self.mac = mac_key(self.path.parent, secret)
        self.known: dict[str, dict] = {}
        self.rejected = 0  # lines that are whole but not the grader's
        if self.path.is_file():
            self.known, self.rejected = believed(self.path.read_text(), self.mac)
        self.added: dict[str, str] = {}  # what this grader journaled, as JSON text: a class's results as objects
        # would be memory that grows with the class
        self._written = threading.Event()  # lines written and not yet synced
        self._syncer: threading.Thread | None = None

    def get(self, k: str) -> SubmissionResult | None:
        d = json.loads(self.added[k]) if k in self.added else self.known.get(k)
        if d is None:
            return None
        return submission_from_dict(d)

    def add(self, k: str, result: SubmissionResult) -> None:
        """Append the result's line now (a grader sharing the file appends its lines whole, after); it reaches the
        disk within SYNC_S, with the lines written meanwhile (`sync` waits for it)."""
        d = asdict(result)
        text = json.dumps(d)
        line = f'{{"key": {json.dumps(k)}, "result": {text}, "mac": "{_mac(self.mac, k, d)}"}}\n'
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "ab") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # released when the file is closed
            f.write(line.encode())
        self.added[k] = text
        self._written.set()
        if self._syncer is None:
            self._syncer = threading.Thread(target=self._sync_in_background, daemon=True)
            self._syncer.start()

    def sync(self) -> None:
        """Every line written so far is on the disk when this returns."""
        if self.path.is_file():
            self._written.clear()
            _fsync(self.path)

    def _sync_in_background(self) -> None:
        """fsync whenever lines were written, at most every SYNC_S (a daemon: it ends with the grader)."""
        while self._written.wait():
            self._written.clear()
            _fsync(self.path)
            time.sleep(SYNC_S)  # lines written meanwhile share the next fsync


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)  # any descriptor of the file syncs its data (Linux)
    finally:
        os.close(fd)
