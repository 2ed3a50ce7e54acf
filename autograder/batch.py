"""Grading a class: submissions → isolated runs (sandbox.pool) → judge → a Report.

The judging happens here, in the trusted process; the students' code only ever runs
in the pool's confined children. Nothing one submission does or contains stops the
batch: a failure to read, run or judge it is that submission's `error` (or that test's
status), journaled like any other result, so a resumed batch does not meet it again.
"""

from __future__ import annotations

import contextlib
import gc
import queue
import threading
from collections.abc import Callable

from autograder import cluster, inherit, labels
from autograder.checks import assignment as checks_of
from autograder.grading import cases_for
from autograder.journal import Journal, key
from autograder.judge import could_not_judge, judge
from autograder.notebook import imported_modules, read
from autograder.plain import clean
from autograder.result import Report, SubmissionResult, TestResult
from autograder.sandbox.limits import MEMORY_MB, submission_time
from autograder.sandbox.pool import Job, JobResult, Pool
from autograder.settings import TIMEOUT
from autograder.submissions import Found


def ungraded(assignment: str, found: Found, error: str) -> SubmissionResult:
    """A submission that could not be graded: every test present, with score 0."""
    error = clean(str(error), 500)
    tests = [TestResult(c.name, 0.0, float(c.points), "missing", None, f"{c.name}: not graded — {error}.")
             for c in checks_of(assignment)]
    return SubmissionResult(found.student, str(found.path), tests, error)


def job_for(assignment: str, found: Found, secret: str) -> tuple[Job | None, dict, str | None]:
    """The job of one submission, its cases per check, or why it cannot be graded."""
    if found.path.is_dir():
        return None, {}, f"no notebook in {found.path}"
    sub = read(found.path, assignment)
    if sub.error:
        return None, {}, sub.error
    cases, at = {}, {}
    for check in checks_of(assignment):
        cases[check.name] = cases_for(assignment, check, found.student, secret)
        step = {"kind": "check", "name": check.name, "answer": check.answer, "cases": cases[check.name]}
        at.setdefault(sub.tests_after.get(check.name, len(sub.cells)), []).append(step)
    for other, check, users in inherit.helpers(assignment):  # relied on, graded elsewhere: checked, not scored
        where = min(sub.tests_after.get(u, len(sub.cells)) for u in users)
        cases[check.name] = cases_for(other, check, found.student, secret)
        at.setdefault(where, []).insert(0, {"kind": "check", "name": check.name, "answer": False,
                                            "cases": cases[check.name], "probe": True})
    steps = []
    for i, c in enumerate(sub.cells):
        steps += at.pop(i, [])
        steps.append({"kind": "cell", "label": c.label, "source": c.source})
    for i in sorted(at):
        steps += at[i]
    return Job(found.student, steps, imported_modules(sub.cells)), cases, None


def _with_cell_errors(test: TestResult, errors: dict) -> TestResult:
    """A missing function whose solution cell failed carries that cell's error."""
    if test.status != "missing" or not errors:
        return test
    own = [(label, e) for label, e in errors.items() if f"'{test.name}'" in label]
    label, error = (own or list(errors.items()))[0]
    test.message = f"{test.name} is not defined: the {clean(str(label), 200)} failed with {clean(str(error), 500)}."
    return test


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _test_of(check, cases: list, run: JobResult, course_mistakes: tuple = ()) -> TestResult:
    """One test's result from the run; a failure to judge it is that test's `raised`."""
    try:
        checks = run.checks if isinstance(run.checks, dict) else {}
        errors = run.cell_errors if isinstance(run.cell_errors, dict) else {}
        return _with_cell_errors(judge(check, cases, checks.get(check.name), course_mistakes), errors)
    except Exception as exc:  # noqa: BLE001 - costs this test only
        return could_not_judge(check, exc)


def probes_of(assignment: str, cases: dict, run: JobResult) -> dict[str, TestResult]:
    """The judged results of the functions checked only to know which are wrong (not scored)."""
    return {c.name: _test_of(c, cases[c.name], run) for _, c, _ in inherit.helpers(assignment) if c.name in cases}


def results_of(assignment: str, found: Found, cases: dict, run: JobResult,
               course_mistakes: tuple = ()) -> SubmissionResult:
    """The submission's result from its run; never raises (a failure is the submission's error)."""
    try:
        if run.error:
            return ungraded(assignment, found, str(run.error))
        tests = [_test_of(c, cases[c.name], run, course_mistakes) for c in checks_of(assignment)]
        return SubmissionResult(found.student, str(found.path), tests)
    except Exception as exc:  # noqa: BLE001 - costs this submission only
        return ungraded(assignment, found, f"the grader could not judge this submission: {_reason(exc)}")


def prepared(assignment: str, found: Found, secret: str) -> tuple[Job | None, dict, str | None]:
    """job_for, with any failure to read or prepare the submission as its error (a SystemError, the interpreter's
    own failure and never the submission's, is tried once more first)."""
    for attempt in (1, 2):
        try:
            return job_for(assignment, found, secret)
        except SystemError as exc:
            if attempt == 2:
                return None, {}, f"the grader could not read this submission: {_reason(exc)}"
        except Exception as exc:  # noqa: BLE001 - costs this submission only
            return None, {}, f"the grader could not read this submission: {_reason(exc)}"


def _known(journal: Journal, assignment: str, f: Found, secret: str, timeout: float,
           policy: str) -> tuple[str, SubmissionResult | None]:
    """The submission's journal key ('' when it has none) and its journaled result, if any."""
    try:
        k = key(assignment, f.student, f.path, secret, timeout, policy)
    except Exception:  # noqa: BLE001 - no key: graded afresh, and not journaled
        return "", None
    try:
        return k, journal.get(k)
    except Exception:  # noqa: BLE001 - an unreadable entry: graded afresh
        return k, None


def carried(assignment: str, result: SubmissionResult, job: Job, cases: dict, run: JobResult,
            timeout: float) -> tuple:
    """What a second run needs for this submission: (its job, its trials, every function's result), or None.

    Both runs together keep to the submission's total time: the second gets what the first left.
    """
    left = submission_time(timeout) - run.seconds
    if left < timeout:
        return None
    tests = {**probes_of(assignment, cases, run), **{t.name: t for t in result.tests}}
    steps, planned = inherit.trials(job.steps, tests)
    return (Job(job.key, steps, job.imports, total=left), planned, tests) if planned else None


def settle(assignment: str, result: SubmissionResult, second: tuple, cases: dict, run: JobResult,
           carry_forward: bool) -> SubmissionResult:
    """The result with each failure that comes only from the student's other functions marked so (never raises)."""
    job, planned, tests = second
    try:
        checks = {c.name: c for c in checks_of(assignment)}

        def passed(trial: inherit.Trial) -> bool:
            got = run.checks.get(trial.key) if isinstance(run.checks, dict) and not run.error else None
            return got is not None and judge(checks[trial.function], cases[trial.function], got).status == "passed"

        graph = inherit.graph_of(job.steps)
        for name, names in inherit.inherited_sets(planned, passed).items():
            inherit.carry(tests[name], names, tests, graph, carry_forward)
    except Exception:  # noqa: BLE001 - the first run's result stands
        pass
    return result


@contextlib.contextmanager
def _few_collections():
    """The garbage collector, while a class is graded, not walking the imported world again and again: what
    exists before is frozen out of its sight, and the youngest generation collected 20 times less often
    (judging makes many small short-lived objects, which reference counting frees anyway)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(before[0] * 20, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def grade(assignment: str, found: list[Found], secret: str = "", workers: int | None = None,
          timeout: float = TIMEOUT, on_result: Callable[[SubmissionResult], None] | None = None,
          confine: bool = True, memory_mb: int = MEMORY_MB, journal: Journal | None = None,
          carry_forward: bool = False, course_mistakes: tuple = (), pool: Pool | None = None) -> Report:
    """Grade every submission; `on_result` sees each one as it finishes (progress, saving).

    `pool`: a warm Pool to grade in, left open (its timeout, memory and confinement are the grade's); else one
    is started for this class and closed after it.

    `course_mistakes` (autograder.labels) are named after the catalogue; a result served from the journal
    is judged again with them from the answers it keeps, so a label made since applies without a re-run
    (`Report.relabelled` counts the results that changed).

    A submission whose failed functions rely on others of its wrong ones runs a second time, with
    right versions in their place, to find what each failure inherits (`carry_forward`: such a
    failure keeps its points). With a journal, a submission already graded with the same key is not
    graded again, and each new result is journaled the moment it is final (and on the disk when this
    returns). Submissions are told apart by their place in `found` (the same notebook may be listed twice).
    """
    timeout = pool.timeout if pool is not None else timeout
    results: dict[int, SubmissionResult] = {}
    pending, keys, waiting = {}, {}, {}
    course_mistakes = labels.of(list(course_mistakes), assignment)
    policy = "|".join(p for p in ("carry-forward" if carry_forward else "", labels.code_fingerprint(course_mistakes))
                      if p)
    nonlocal_count = [0]  # results served from the journal that today's course mistakes name differently

    def done(i: int, result: SubmissionResult, fresh: bool = True) -> None:
        results[i] = result
        if journal is not None and fresh and keys.get(i):
            try:
                journal.add(keys[i], result)
            except (TypeError, ValueError):  # evidence that is not JSON: journal the result without it
                for t in result.tests:
                    t.evidence = {}
                journal.add(keys[i], result)
        if on_result:
            on_result(result)

    seconds: queue.SimpleQueue = queue.SimpleQueue()  # second runs, planned as first runs are judged
    count = {"first": 0, "judged": 0, "listed": False}
    lock = threading.Lock()

    def first_runs(judged: int = 0, listed: bool = False) -> None:
        """Count the first runs judged, or say all are listed; when all listed are judged, no second run is to come."""
        with lock:
            count["judged"] += judged
            count["listed"] = count["listed"] or listed
            if count["listed"] and count["judged"] == count["first"]:
                seconds.put(None)

    def items():
        """Jobs to run, built as the pool asks for them; results known already pass through. Second runs go in
        among the first ones as soon as they are planned, so none waits (with its job and cases) for the class."""
        for i, f in enumerate(found):
            while not seconds.empty():
                if (job := seconds.get()) is None:  # the batch ended early
                    return
                yield job
            if journal is not None:
                keys[i], known = _known(journal, assignment, f, secret, timeout, policy)
                if known is not None:  # judged again with today's course mistakes, from its answers: nothing re-run
                    if labels.rejudge(known, assignment, course_mistakes):
                        nonlocal_count[0] += 1
                    yield i, known, False
                    continue
            job, cases, error = prepared(assignment, f, secret)
            if error:
                yield i, ungraded(assignment, f, error), True
            else:
                job.key = str(i)
                pending[job.key] = (i, f, cases, job)
                with lock:
                    count["first"] += 1
                yield job
        first_runs(listed=True)
        while (job := seconds.get()) is not None:
            yield job

    with _few_collections(), (contextlib.nullcontext(pool) if pool is not None else
                              Pool(workers, timeout, memory_mb, confine)) as pool:
        pool.warm(len(found))
        try:
            for item, run in pool.run(items()):
                if run is None:
                    done(*item)
                elif item.key in waiting:  # a second run
                    i, result, second, cases = waiting.pop(item.key)
                    done(i, settle(assignment, result, second, cases, run, carry_forward))
                else:
                    i, f, cases, job = pending.pop(item.key)
                    result = results_of(assignment, f, cases, run, course_mistakes)
                    try:
                        second = None if result.error else carried(assignment, result, job, cases, run, timeout)
                    except Exception:  # noqa: BLE001 - no second run: the first run's result stands
                        second = None
                    if second is None:
                        done(i, result)
                    else:
                        second[0].key = f"{job.key} again"
                        waiting[second[0].key] = (i, result, second, cases)
                        seconds.put(second[0])
                    first_runs(judged=1)
        finally:
            seconds.put(None)  # the producer never waits on a batch that ended
            if journal is not None:
                journal.sync()
    report = cluster.assign(Report(assignment, [results[i] for i in sorted(results)]))
    report.relabelled = nonlocal_count[0]
    return report
