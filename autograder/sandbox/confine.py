"""Confining a child to an empty world: its own namespaces, an empty root, no privileges.

Linux only: new user (unless root), mount, network, IPC and PID namespaces; a size-capped
tmpfs on the scratch directory, as its root; no capabilities; no new privileges; and, when
started as root, the unprivileged user 'nobody'. `Confinement` says what held.

Namespaces that cannot be made are an error (`Unavailable`, found once by `isolation()` before
anyone is graded), never a silent fall-back to running unconfined.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import shutil
import signal
import tempfile
from dataclasses import asdict, dataclass, field

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
CLONE_NEWIPC = 0x08000000
PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG = 38, 1
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 2, 4, 0x4000, 1 << 18
NOBODY = 65534
SCRATCH_MB = 64  # the tmpfs a submission may fill
HOW_TO = ("To enable it: as an ordinary user, allow user namespaces (`sysctl -w kernel.unprivileged_userns_clone=1`"
          " and `sysctl -w user.max_user_namespaces=15000`); as root (e.g. in a container), run with CAP_SYS_ADMIN"
          " (`docker run --cap-add SYS_ADMIN` or `--privileged`, with seccomp allowing unshare). Or, knowing that the"
          " submissions' code then runs unconfined, pass --no-confine.")


class Unavailable(RuntimeError):
    """Confinement was asked for and cannot be set up on this machine."""


@dataclass
class Confinement:
    namespaces: list[str] = field(default_factory=list)
    userns: bool = False  # uid 0 inside is not root outside
    chroot: bool = False
    unprivileged: bool = False
    notes: list[str] = field(default_factory=list)


def die_with_parent(parent: int | None) -> None:
    """SIGKILL this process when its parent ends (and at once if `parent` has ended already)."""
    _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(75)


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
    """unshare: user (when not root), mount, network, IPC and PID; the next fork is PID 1 of the new world.

    Raises OSError when the kernel refuses.
    """
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWPID | (0 if uid == 0 else CLONE_NEWUSER)
    _call(libc.unshare, flags)
    if uid != 0:
        c.userns = True
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"0 {uid} 1")
        _write("/proc/self/gid_map", f"0 {gid} 1")
    c.namespaces = (["user"] if c.userns else []) + ["mount", "pid", "net", "ipc"]


def mount_scratch(scratch: str, megabytes: int = SCRATCH_MB) -> None:
    """In the new mount namespace: nothing propagates out, and scratch is a capped tmpfs that ends with it."""
    libc = _libc()
    _call(libc.mount, None, b"/", None, MS_REC | MS_PRIVATE, None)
    opts = f"size={megabytes}m,nr_inodes=4096,mode=0777".encode()
    _call(libc.mount, b"tmpfs", scratch.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, opts)


def scratch_space(home: str) -> str | None:
    """For a zygote run as root: its own mount namespace, with one capped tmpfs at home/scratch under
    which every attempt gets its scratch folder. Mounting once per zygote instead of once per attempt
    spares each submission a mount and an unmount; the tmpfs ends with the zygote's namespace.
    None (each attempt mounts its own) when not root or when the kernel refuses."""
    if os.getuid() != 0:
        return None
    root = os.path.join(home, "scratch")
    os.makedirs(root, exist_ok=True)
    try:
        _call(_libc().unshare, CLONE_NEWNS)
        mount_scratch(root)
    except OSError:
        return None
    return root


def unmount(path: str) -> None:
    """Detach a mount (the zygote's scratch tmpfs) so that its mountpoint can be removed."""
    _libc().umount2(path.encode(), 2)  # MNT_DETACH


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


def _probe(w: int, scratch: str) -> None:
    """In a forked process: set up what a child gets, and write what held (or the error) to w."""
    c = Confinement()
    try:
        enter_namespaces(c)
        mount_scratch(scratch)
        pid = os.fork()
        if pid == 0:
            enter_root(scratch, c)
            os.write(w, json.dumps(asdict(c)).encode())
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        os._exit(0 if status == 0 else 1)
    except OSError as exc:
        os.write(w, json.dumps({"error": f"{exc.strerror or exc}"}).encode())
    os._exit(1)


@functools.cache
def _probed() -> dict:
    scratch = tempfile.mkdtemp(prefix="bpkit-probe-")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            _probe(w, scratch)
        finally:
            os._exit(1)
    os.close(w)
    data = b""
    while chunk := os.read(r, 4096):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        return json.loads(data)
    except ValueError:
        return {"error": "the confinement probe ended without an answer"}


def isolation(confine: bool = True) -> dict:
    """What isolation the submissions get, as the report records it; Unavailable when confinement
    was asked for and cannot be had."""
    if not confine:
        return {"confined": False, "namespaces": [], "chroot": False, "unprivileged": False,
                "scratch": "a folder removed after each run"}
    got = _probed()
    if "error" in got or not (got.get("chroot") and got.get("unprivileged")):
        why = got.get("error") or "; ".join(got.get("notes") or []) or "chroot or dropping privileges failed"
        raise Unavailable(f"cannot confine the submissions' code: making namespaces failed ({why}). {HOW_TO}")
    return {"confined": True, "namespaces": got["namespaces"], "chroot": True, "unprivileged": True,
            "scratch": f"a {SCRATCH_MB} MB tmpfs"}
