"""Confining a child to an empty world: its own namespaces, an empty root, no privileges.

Linux only, best effort, strongest first: new user (unless root), mount, network and
PID namespaces; the scratch directory as its root; no capabilities; no new privileges;
and, when started as root, the unprivileged user 'nobody'. `Confinement` says what held.
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG = 38, 1
NOBODY = 65534


@dataclass
class Confinement:
    namespaces: bool = False
    userns: bool = False  # uid 0 inside is not root outside
    chroot: bool = False
    unprivileged: bool = False
    notes: list[str] = field(default_factory=list)


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _call(fn, *args) -> None:
    if fn(*args) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def _write(path: str, text: str) -> None:
    with open(path, "w") as f:
        f.write(text)


def enter_namespaces(c: Confinement) -> None:
    """unshare: network and PID (and user, when not root); the next fork is PID 1 of the new world."""
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | (0 if uid == 0 else CLONE_NEWUSER)
    try:
        _call(libc.unshare, flags)
        if uid != 0:
            c.userns = True
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"0 {uid} 1")
            _write("/proc/self/gid_map", f"0 {gid} 1")
        c.namespaces = True
    except OSError as exc:
        c.notes.append(f"no namespaces ({exc.strerror})")


def drop_capabilities() -> None:
    """Empty effective, permitted and inheritable capability sets (capset, version 3)."""
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)
    data = (ctypes.c_uint32 * 6)()
    _call(_libc().capset, header, data)


def enter_root(scratch: str, c: Confinement) -> None:
    """chroot into scratch, then give up every privilege for good."""
    libc = _libc()
    try:
        os.chroot(scratch)
        os.chdir("/")
        c.chroot = True
    except OSError as exc:
        os.chdir(scratch)
        c.notes.append(f"no chroot ({exc.strerror})")
    try:
        if os.getuid() == 0 and not c.userns:  # root of the machine: become nobody
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        else:
            drop_capabilities()
        c.unprivileged = True
    except OSError as exc:
        c.notes.append(f"privileges kept ({exc.strerror})")
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
