"""The supervisor: one fresh process per submission, forked by the zygote, that never runs student code.

It reads its one job from the zygote's standard input, loads the modules the submission imports,
lays the cases' arrays into shared memory (`shared.SharedArgs`), and forks a confined child per
attempt. It drives the child step by step — "run step i", one step ahead so the child never waits
for it — and starts step i's deadline itself when step i-1's answer arrives (step 0's when it
sends the command), so nothing the child writes can extend it; it parses each answer against `protocol`, and anything
else ends that attempt. What it reports is established here: time limits, how a child died,
which arguments a call changed. Results go to the grader as `protocol` lines on standard output.

Processes, each killed when its parent ends (PR_SET_PDEATHSIG):
  S (this) → A: new namespaces and a tmpfs scratch → B: PID 1 of the new world, chroot, no
  privileges → C: runs the submission (never as PID 1, which would be deaf to its own SIGKILL).
  In a second run, S → O: the oracle (`oracle.py`), forked at the first call to a right version,
  answers C's calls, which S passes on after checking that the step puts that right version in place.
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import tempfile
import time

from autograder.sandbox import confine as confinement
from autograder.sandbox import limits, oracle, protocol
from autograder.sandbox.fork import describe_exit, kill_group
from autograder.sandbox.protocol import Answer, Call, CellDone, CheckDone, Command, Done, Hello, ProtocolError, Step
from autograder.sandbox.shared import SharedArgs

STARTUP = 20.0  # seconds a fresh child may take before it is ready for its first step
STARTS = 3  # children in a row that may fail to get ready before the job fails (not the student)
EVENT_FD, COMMAND_FD, CONTROL_FD = 3, 4, 5  # in A: CONTROL_FD tells S the pid of B; B closes it
NO_SANDBOX = 72  # A's exit code when the namespaces could not be made


def read_exactly(fd: int, size: int) -> bytes:
    """size bytes from fd (fewer only at EOF)."""
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _place_fds(event_w: int, command_r: int, ctrl_w: int) -> None:
    """A's descriptors: 0-2 /dev/null, then the event, command and control pipes, nothing else."""
    high = [os.dup(fd) for fd in (event_w, command_r, ctrl_w)]
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    for fd, target in zip(high, (EVENT_FD, COMMAND_FD, CONTROL_FD)):
        os.dup2(fd, target)
    os.closerange(CONTROL_FD + 1, 1 << 16)


def _sandbox(job: dict, shared: SharedArgs, scratch: str, parent: int) -> None:
    """Process A: namespaces and scratch, then B (PID 1), then C (the submission). Never returns."""
    from autograder.sandbox.child import emit_to, serve

    confinement.die_with_parent(parent)
    os.setsid()
    c = confinement.Confinement()
    confine = job["confine"]
    if confine:
        try:
            confinement.enter_namespaces(c)
            if not os.environ.get("BPKIT_SCRATCH"):  # else scratch is in the zygote's tmpfs already
                confinement.mount_scratch(scratch)
        except OSError:
            os._exit(NO_SANDBOX)
    else:
        os.chdir(scratch)
    a = os.getpid()
    pid = os.fork()
    if pid == 0:  # B
        try:
            os.close(CONTROL_FD)
            confinement.die_with_parent(None if confine else a)
            limits.quiet_output()
            cpu = min(int(job["timeout"] * (len(job["steps"]) + 1)), int(job["total"])) + 5
            limits.apply_rlimits(job["memory_mb"], cpu)
            if confine:
                confinement.enter_root(scratch, c)
            confinement.die_with_parent(None)  # again: a change of user clears it
            b = os.getpid()
            worker = os.fork()
        except BaseException:  # noqa: BLE001
            os._exit(70)
        if worker == 0:  # C
            try:
                confinement.die_with_parent(b)
                if confine:
                    limits.no_new_processes()
                emit = emit_to(EVENT_FD)
                emit(Hello(c.namespaces, c.chroot, c.unprivileged, c.notes))
                serve(job["steps"], shared, COMMAND_FD, emit)
            except BaseException:  # noqa: BLE001
                os._exit(70)
            os._exit(0)
        _, status = os.waitpid(worker, 0)
        os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
    os.write(CONTROL_FD, f"{pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))


class Attempt:
    """One confined child and the two pipes to it."""

    def __init__(self, job: dict, shared: SharedArgs, scratch: str):
        event_r, event_w = os.pipe()
        command_r, command_w = os.pipe()
        ctrl_r, ctrl_w = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.close(event_r)
                os.close(command_w)
                os.close(ctrl_r)
                _place_fds(event_w, command_r, ctrl_w)
                _sandbox(job, shared, scratch, parent)
            finally:
                os._exit(71)
        for fd in (event_w, command_r, ctrl_w):
            os.close(fd)
        self.events, self.commands, self.reader = event_r, command_w, protocol.LineReader()
        self.inner = None
        ready, _, _ = select.select([ctrl_r], [], [], STARTUP)
        if ready:
            line = os.read(ctrl_r, 64).split(b"\n")[0]
            self.inner = int(line) if line.strip().isdigit() else None
        os.close(ctrl_r)

    def send(self, step: int) -> bool:
        """Tell the child to run a step; False if it is gone."""
        try:
            os.write(self.commands, protocol.encode(Command(step)))
            return True
        except OSError:
            return False

    def answer(self, answer: Answer, deadline: float) -> bool:
        """Hand the child the answer to its call; False if it is gone or does not take it in time."""
        try:
            protocol.write_all(self.commands, protocol.encode(answer), deadline)
            return True
        except (OSError, TimeoutError):
            return False

    def receive(self, deadline: float, expect: tuple):
        """The next record, or 'timeout' / 'eof'; ProtocolError for anything malformed or unexpected."""
        line = self.reader.read(self.events, deadline)
        return line if isinstance(line, str) else protocol.parse(line, expect)

    def end(self, wait: bool = True) -> int:
        """Kill everything of this attempt; A's wait status (0 if not `wait`ed for: the zygote, a
        subreaper, reaps it while the kernel tears the namespaces down)."""
        kill_group(*(p for p in (self.inner, self.pid) if p))
        _, status = os.waitpid(self.pid, 0) if wait else (0, 0)
        os.close(self.events)
        os.close(self.commands)
        return status


class Supervisor:
    """Runs one job, attempt after attempt, each skipping the steps done or failed."""

    def __init__(self, job: dict, send):
        self.job, self.send, self.steps = job, send, job["steps"]
        self.timeout, self.total = float(job["timeout"]), float(job["total"])
        self.deadline = time.monotonic() + self.total
        self.shared = SharedArgs(self.steps)
        self.skip: set[int] = set()
        self.reported: set[int] = set()
        self.hello = False
        asked = {n for s in self.steps if s.get("substitute") for n in s["substitute"].get("asked", [])}
        self.oracle = oracle.Oracle(asked, int(job["memory_mb"]))  # forked at the first call, if any

    def report(self, step: Step) -> None:
        if step.step not in self.reported:
            self.reported.add(step.step)
            self.send(step)

    def _answer(self, i: int, record) -> Step:
        """The grader's account of a finished step: checks get the changed arguments seen here."""
        if isinstance(record, CellDone):
            return Step(i, cell_error=record.error)
        seen = self.shared.changed(i)
        for k, outcome in enumerate(record.outcomes):
            outcome["changed"] = sorted(set(outcome["changed"]) | set(seen[k] if k < len(seen) else []))
        return Step(i, check=record)

    def _total_message(self) -> str:
        return f"not run to its end: the submission's total time of {self.total:g} s ran out"

    def attempt(self, scratch: str) -> tuple[int, str, str] | None:
        """One child through the steps not skipped; None, or (step, 'timeout' | 'died', message)."""
        self.shared.reset()
        child = Attempt(self.job, self.shared, scratch)
        todo = [i for i in range(len(self.steps)) if i not in self.skip]
        failure, i = None, todo[0]
        try:
            hello = child.receive(min(time.monotonic() + STARTUP, self.deadline), (Hello,))
            if not isinstance(hello, Hello):  # no student code ran yet: not the student's failure
                status = child.end()
                if time.monotonic() >= self.deadline:
                    return todo[0], "timeout", self._total_message()
                return None, "unstarted", f"not ready within {STARTUP:g} s" if hello == "timeout" else \
                    _startup_exit(status)
            if not self.hello:
                self.hello = True
                self.send(hello)
            queued = 0  # commands sent: one step ahead, so the child never waits on this process
            for k, i in enumerate(todo):
                step_deadline = time.monotonic() + self.timeout  # the previous step ended: this one starts
                while queued < min(k + 2, len(todo)):
                    if not child.send(todo[queued]):
                        break
                    queued += 1
                asked = set((self.steps[i].get("substitute") or {}).get("asked", []))
                expect = (CellDone,) if self.steps[i]["kind"] == "cell" else (CheckDone, *((Call,) if asked else ()))
                deadline = min(step_deadline, self.deadline)
                record = child.receive(deadline, expect)
                while isinstance(record, Call):  # a right version's call: the oracle answers it, on the step's time
                    if record.step != i or record.name not in asked:
                        raise ProtocolError("a call to no right version of this step")
                    if not child.answer(self.oracle.answer(record, deadline), deadline):
                        record = "timeout" if time.monotonic() >= deadline else "eof"
                        break
                    record = child.receive(deadline, expect)
                if isinstance(record, str):
                    total = self.deadline < step_deadline
                    failure = (i, record if record == "timeout" else "died", self._total_message() if total
                               and record == "timeout" else "")
                    break
                if record.step != i:
                    raise ProtocolError("an answer to a step it was not asked to run")
                self.report(self._answer(i, record))
                if self.steps[i]["kind"] == "check":
                    self.skip.add(i)
        except ProtocolError as exc:
            failure = (i, "died", f"it {protocol.NOT_OURS} ({exc})")
        status = child.end(wait=failure is not None or not self.job["confine"])
        if failure is None:
            return None
        step, kind, message = failure
        if kind == "timeout":
            return step, kind, message or limits.past_time_limit(self.timeout)
        return step, kind, message or f"its process {describe_exit(status)}"

    def run(self) -> None:
        """Every step once: results, timeouts and deaths, then Done. A child that fails before it is
        ready (before any student code runs) is started again; after STARTS such failures in a row
        the job is not the student's to lose: Done carries the error, and the grader says so."""
        home = os.getcwd()
        unstarted = 0
        while len(self.skip) < len(self.steps):
            if time.monotonic() >= self.deadline:
                for i in range(len(self.steps)):
                    if i not in self.skip:
                        self.report(Step(i, timeout=self._total_message()))
                break
            scratch = tempfile.mkdtemp(prefix="scratch-", dir=os.environ.get("BPKIT_SCRATCH") or home)
            os.chmod(scratch, 0o777)
            try:
                failed = self.attempt(scratch)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            if failed is None:
                break
            step, kind, message = failed
            if kind == "unstarted":
                unstarted += 1
                if unstarted < STARTS:
                    continue
                self.send(Done(f"its sandbox could not start a process, {STARTS} times ({message})"))
                return
            unstarted = 0
            self.report(Step(step, timeout=message) if kind == "timeout" else Step(step, died=message))
            self.skip.add(step)
        self.oracle.close()
        self.send(Done())


def _startup_exit(status: int) -> str:
    """Why a child ended before it was ready."""
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == NO_SANDBOX:
        return "the sandbox could not be set up"
    return f"its process {describe_exit(status)} before it was ready"


def supervise(size: int) -> None:
    """In the freshly forked supervisor: read the job (size bytes on stdin), run it, exit."""
    from autograder.sandbox.zygote import load_imports

    def send(record) -> None:
        view = memoryview(protocol.encode(record))
        while view:
            view = view[os.write(1, view):]

    job = pickle.loads(read_exactly(0, size))  # noqa: S301 - from the trusted grader, never from a child
    load_imports(job.get("imports", []))
    Supervisor(job, send).run()
