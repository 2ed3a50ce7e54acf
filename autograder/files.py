"""Reading a submission's bytes: the one place a submitted file is opened.

A submission is an untrusted path. It is opened without following a symbolic link and
without blocking (a FIFO would otherwise hang the batch), and read only when it is a
regular file no larger than MAX_BYTES, with a bounded read (a device such as /dev/zero
never ends). Anything else is `SubmissionFileError`, whose message the student reads.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any real notebook with its plots


class SubmissionFileError(ValueError):
    """A submitted path that is not a readable notebook file (symlink, FIFO, device, too large …)."""


def _open(path: Path) -> int:
    """A descriptor of `path`, opened read-only, never through a final symbolic link, never blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        return os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise SubmissionFileError(f"{path.name} is a symbolic link: submit the notebook itself") from None
        raise SubmissionFileError(f"{path.name} cannot be opened: {exc.strerror or exc}") from None


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a submitted regular file of at most `limit` bytes, else SubmissionFileError."""
    path = Path(path)
    fd = _open(path)
    try:
        return _read(fd, path, limit)
    except OSError as exc:
        raise SubmissionFileError(f"{path.name} cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read(fd: int, path: Path, limit: int) -> bytes:
    """At most `limit` bytes of an open regular file (SubmissionFileError for anything else)."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise SubmissionFileError(f"{path.name} is not a regular file")
    if info.st_size > limit:
        raise SubmissionFileError(f"{path.name} is larger than {limit // (1024 * 1024)} MB")
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:  # it grew while being read
        raise SubmissionFileError(f"{path.name} is larger than {limit // (1024 * 1024)} MB")
    return b"".join(chunks)


def read_given(path: Path, limit: int) -> bytes:
    """The bytes of a file the instructor names on the command line (a report, a journal): ValueError when it
    cannot be read or is larger than `limit` bytes. Opened as given, so a pipe (`<(…)`) is fine too."""
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise ValueError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ValueError(f"{path} is larger than {limit // (1024 * 1024)} MB")
    return data
