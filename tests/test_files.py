"""autograder.files: a submission is read only when it is a regular file under the cap, never through a link."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

import pytest

from autograder.course import kit_course
from autograder.files import SubmissionFileError, read_bytes

SOLUTIONS = kit_course() / "source" / "ps1" / "backprop.ipynb"


@contextmanager
def within(seconds: int):
    """Fail instead of hanging when the block takes longer than `seconds`."""
    def expire(*_):
        raise TimeoutError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def refused(path, **kw) -> str:
    with within(10), pytest.raises(SubmissionFileError) as err:
        read_bytes(path, **kw)
    return str(err.value)


def test_regular_file_is_read(tmp_path):
    """A regular file's bytes come back whole."""
    path = tmp_path / "nb.ipynb"
    path.write_bytes(b"x" * 3_000_000)
    assert read_bytes(path) == b"x" * 3_000_000


def test_symlink_to_the_solutions_is_refused(tmp_path):
    """A link to the instructor's notebook is not followed."""
    link = tmp_path / "alice.ipynb"
    link.symlink_to(SOLUTIONS)
    assert "is a symbolic link: submit the notebook itself" in refused(link)


def test_fifo_is_refused_without_hanging(tmp_path):
    """A FIFO nobody writes to is refused at once."""
    fifo = tmp_path / "fifo.ipynb"
    os.mkfifo(fifo)
    assert "is not a regular file" in refused(fifo)


def test_device_is_refused(tmp_path):
    """/dev/zero, directly or through a link, is refused (it would never end)."""
    assert "is not a regular file" in refused(os.devnull.replace("null", "zero"))
    link = tmp_path / "zero.ipynb"
    link.symlink_to("/dev/zero")
    assert "symbolic link" in refused(link)


def test_oversized_file_is_refused(tmp_path):
    """A file over the cap is refused before it is read."""
    path = tmp_path / "big.ipynb"
    path.write_bytes(b"x" * 2048)
    assert "is larger than" in refused(path, limit=1024)
    assert read_bytes(path, limit=2048) == b"x" * 2048


def test_missing_file_and_folder_are_refused(tmp_path):
    """A path that is gone, or a folder, is an error with a message."""
    assert "cannot be opened" in refused(tmp_path / "gone.ipynb")
    assert "is not a regular file" in refused(tmp_path)


def test_journal_key_reads_through_it(tmp_path):
    """journal.key never follows a link, blocks on a FIFO or reads a device; a changed notebook changes it."""
    import shutil

    from autograder.demo import EXAMPLES
    from autograder.journal import key

    link, fifo, zero, copy = (tmp_path / f"{n}.ipynb" for n in ("link", "fifo", "zero", "copy"))
    link.symlink_to(SOLUTIONS)
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    shutil.copy(SOLUTIONS, copy)
    with within(20):
        keys = {p.stem: key("ps1", "s", p, "", 2.0) for p in (link, fifo, zero, copy)}
    assert keys["link"] != keys["copy"]  # not keyed by the target's bytes
    assert len(set(keys.values())) == 4
    shutil.copy(EXAMPLES / "ps1" / "alice.ipynb", copy)
    assert key("ps1", "s", copy, "", 2.0) != keys["copy"]
