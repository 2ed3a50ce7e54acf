"""The `bpkit` command: grade, merge, feedback, label, demo, public, secret."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from autograder import __version__
from autograder.report.table import summary
from autograder.shard import Shard
from autograder.shard import parse as parse_shard


def _outputs_spare_inputs(args, inputs: list[str], what: str) -> None:
    """ValueError when a report would be written over a notebook or one of the command's inputs (`--json carol.ipynb`
    with a forgotten FILE would otherwise replace carol's work with the report); `what` the inputs are, for the
    message."""
    given = {Path(p).resolve() for p in inputs}
    for option in ("json", "csv", "gradescope"):
        out = getattr(args, option, None)
        if out and (Path(out).suffix == ".ipynb" or Path(out).resolve() in given):
            example = f"report.{option.replace('gradescope', 'json')}"
            raise ValueError(f"--{option} {out}: that is {what}, not a report file to write — "
                             f"give --{option} the file to write, e.g. --{option} {example}")


def _write_outputs(command: str, args, report) -> int:
    """What --json, --csv, --gradebook and --feedback ask for, from one report (bpkit grade and bpkit merge write
    them alike); 2, said on stderr, when the gradebook does not know the assignment, else 0."""
    from autograder.report import csvfile, gradebook, jsonfile

    if args.json:
        jsonfile.write(report, args.json)
    if args.csv:
        csvfile.write(report, args.csv)
    if args.gradebook:
        url = args.gradebook if "://" in args.gradebook else gradebook.db_url(Path(args.gradebook).resolve())
        try:
            gradebook.write(url, report.assignment, report.submissions)
        except ValueError as exc:
            print(f"bpkit {command}: {exc}", file=sys.stderr)
            return 2
    if args.feedback:
        from autograder.report import html

        html.write_feedback(report, Path(args.feedback))
        html.write_dashboard(report, Path(args.feedback) / f"dashboard_{report.assignment}.html")
    return 0


def default_journal(course: Path | None, assignment: str, shard: Shard | None = None) -> Path:
    """Where `bpkit grade` journals by default: `.bpkit/journal-<assignment>.jsonl` in the course, else here;
    a shard has a file of its own (`journal-ps1.shard-2-of-3.jsonl`), so shards running at once share none."""
    name = f"journal-{assignment}" + (f".{shard.label}" if shard else "") + ".jsonl"
    return (course or Path.cwd()) / ".bpkit" / name


def _shard(text: str) -> Shard:
    """--shard K/N as a Shard; argparse's usage error (exit 2) with parse_shard's message otherwise."""
    try:
        return parse_shard(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Silent:
    """No progress bar: what `_progress` gives where nobody watches."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, desc: str):
    """A tqdm progress bar on a terminal; elsewhere (CI, Gradescope's container) none, and tqdm not imported."""
    if not sys.stderr.isatty():
        return _Silent()
    from tqdm import tqdm

    return tqdm(total=total, unit="nb", desc=desc)


def _grade(args) -> int:
    from autograder import batch, labels, shard, submissions
    from autograder.course import find_course
    from autograder.journal import Journal
    from autograder.report import gradescope
    from autograder.sandbox import confine
    from autograder.secret import course_secret
    from autograder.settings import course_settings

    try:
        _outputs_spare_inputs(args, args.paths, "a notebook to grade")
        found = submissions.find(args.paths, args.assignment)
        metadata = gradescope.metadata_path(args.gradescope_metadata, args.gradescope)
        if metadata:
            student = gradescope.student_id(metadata)
            found = [submissions.Found(student, f.path) for f in found]
        found = submissions.in_report_order(found)
        if args.shard:
            found = shard.select(found, args.shard)
    except (ValueError, OSError) as exc:
        print(f"bpkit grade: {exc}", file=sys.stderr)
        return 2
    try:
        isolation = confine.isolation(not args.no_confine)
    except confine.Unavailable as exc:
        print(f"bpkit grade: {exc}", file=sys.stderr)
        return 2
    course = find_course(Path(args.paths[0]) if Path(args.paths[0]).is_dir() else Path.cwd()) or \
        find_course(Path.cwd())
    started = time.monotonic()
    bar = _progress(len(found), f"grading {args.assignment}" + (f" shard {args.shard}" if args.shard else ""))
    journal = None
    if not args.no_journal:
        journal_path = Path(args.journal) if args.journal else default_journal(course, args.assignment, args.shard)
        journal = Journal(journal_path, course_secret(course))
        if journal.rejected:
            print(f"bpkit grade: ignored {journal.rejected} line(s) of {journal_path} that this grader did not "
                  "write; those submissions are graded again", file=sys.stderr)
    settings = course_settings(course)
    try:
        course_mistakes = labels.load(course)
    except labels.BadLabels as exc:
        print(f"bpkit grade: {exc}", file=sys.stderr)
        return 2
    report = batch.grade(args.assignment, found, course_secret(course), args.workers,
                         args.timeout if args.timeout is not None else settings.timeout,
                         on_result=lambda r: bar.update(1), confine=settings.confine and not args.no_confine,
                         memory_mb=args.memory if args.memory is not None else settings.memory_mb,
                         journal=journal, carry_forward=args.carry_forward or settings.carry_forward,
                         course_mistakes=tuple(course_mistakes))
    bar.close()
    if report.relabelled:
        print(f"bpkit grade: {report.relabelled} result(s) kept in the journal are named differently now, with the "
              f"course's mistakes of {labels.path(course or Path.cwd())}: judged again from their answers, not "
              "re-run", file=sys.stderr)
    report.isolation = isolation
    seconds = time.monotonic() - started
    if args.gradescope and report.submissions:
        gradescope.write(report.submissions[0], seconds, args.gradescope)
    status = _write_outputs("grade", args, report)
    if not args.quiet:
        print(summary(report, seconds))
    return status


def _journaled(paths: list[str]) -> list:
    """The signed results of the journals given to bpkit merge, in order (ValueError when one cannot be read or
    checked); lines the grader did not sign are left out, and said on stderr."""
    from autograder import merge
    from autograder.course import find_course
    from autograder.secret import course_secret

    results = []
    for path in map(Path, paths):
        secret = course_secret(find_course(path.parent) or find_course(Path.cwd()))
        signed, rejected = merge.journaled(path, secret)
        if rejected:
            print(f"bpkit merge: ignored {rejected} line(s) of {path} that this grader did not write", file=sys.stderr)
        results += signed
    return results


def _merge(args) -> int:
    from autograder import merge
    from autograder.report import jsonfile

    try:
        _outputs_spare_inputs(args, args.reports, "a report to merge")
        reports = [(Path(p), jsonfile.read(Path(p), args.assignment)) for p in args.reports]
        report = merge.merged(args.assignment, reports)
        journaled = _journaled(args.journal or [])
    except ValueError as exc:
        print(f"bpkit merge: {exc}", file=sys.stderr)
        return 2
    if len({json.dumps(r.isolation, sort_keys=True) for _, r in reports}) > 1:
        print("bpkit merge: the shards were confined differently; the report's isolation is the least of them: "
              f"{json.dumps(report.isolation)}", file=sys.stderr)
    missing = merge.add_evidence(report, journaled)
    if missing and (args.feedback or args.journal):
        print(f"bpkit merge: no journal given holds the graded result of {len(missing)} submission(s) "
              f"({', '.join(map(repr, missing[:5]))}{', …' if len(missing) > 5 else ''}): their pages show no "
              "plots or cases, and the class is not clustered — give each shard's journal with --journal",
              file=sys.stderr)
    merge.recluster(report, complete=not missing)
    status = _write_outputs("merge", args, report)
    if not args.quiet:
        print(summary(report))
        print(f"{len(report.submissions)} submissions from {len(reports)} reports")
    return status


def _feedback(args) -> int:
    from autograder.report import html, jsonfile

    if args.report:
        try:
            report = jsonfile.read(Path(args.report))
        except ValueError as exc:
            print(f"bpkit feedback: {exc}", file=sys.stderr)
            return 2
    elif args.gradebook and args.assignment:
        from autograder.report import gradebook

        report = gradebook.read(Path(args.gradebook), args.assignment)
    else:
        print("bpkit feedback: give a --json report, or --gradebook COURSE with --assignment", file=sys.stderr)
        return 2
    out = Path(args.out)
    paths = html.write_feedback(report, out)
    dash = html.write_dashboard(report, out / f"dashboard_{report.assignment}.html")
    print(f"{len(paths)} student reports under {out / 'feedback'}; dashboard: {dash}")
    return 0


def _demo(args) -> int:
    from autograder import demo

    return demo.run(keep=Path(args.keep) if args.keep else None, assignments=args.assignment)


def _public(args) -> int:
    from autograder import labels, public
    from autograder.course import kit_course

    root = Path(args.course) if args.course else kit_course()
    try:
        course_mistakes = labels.load(root)
    except labels.BadLabels as exc:
        print(f"bpkit public: {exc}", file=sys.stderr)
        return 2
    from autograder.assignments import ASSIGNMENTS

    for a in args.assignment or ASSIGNMENTS:
        for p in public.write(a, root / "source" / a, labels.of(course_mistakes, a)):
            print(p)
    return 0


def _label(args) -> int:
    from autograder import labels

    course = Path(args.course)
    try:
        if args.code:
            if args.like or args.report:
                raise ValueError("--code defines the mistake by its code: give it without --like and --report")
            label, replaced = labels.record_code(course, args.assignment, args.function, Path(args.code), args.id,
                                                 args.message)
            print(f"{'replaced' if replaced else 'recorded'} {label.id} ({label.assignment} {label.function}, "
                  f"defined by {args.code}) in {labels.path(course)}: `bpkit grade` (and nbgrader autograde) name it "
                  "for every answer equal to its function's on every case")
            return 0
        if not (args.like and args.report):
            raise ValueError("give --like STUDENT and --report REPORT.json (or --code FILE)")
        label, sharing, replaced = labels.record(course, args.assignment, args.function, args.like, Path(args.report),
                                                 args.id, args.message)
    except (ValueError, OSError) as exc:
        print(f"bpkit label: {exc}", file=sys.stderr)
        return 2
    others = f"{sharing} student{'s' if sharing != 1 else ''} of {args.report} answer{'s' if sharing == 1 else ''} " \
             f"like {label.like}"
    print(f"{'replaced' if replaced else 'recorded'} {label.id} ({label.assignment} {label.function}) in "
          f"{labels.path(course)}: {others}; `bpkit grade` (and nbgrader autograde) name it from now on")
    return 0


def _secret(args) -> int:
    from autograder.secret import create

    print(f"wrote {create(Path(args.course))} — keep it out of release/ and out of version control")
    return 0


def _output_options(p: argparse.ArgumentParser) -> None:
    """The outputs a report is written to, the same for `bpkit grade` and `bpkit merge`."""
    p.add_argument("--json", metavar="FILE", help="write the report (docs/GRADER.md's format)")
    p.add_argument("--csv", metavar="FILE", help="write one row per submission, columns per function")
    p.add_argument("--gradebook", metavar="COURSE_OR_URL",
                   help="write the scores into nbgrader's gradebook (a course directory or a database URL)")
    p.add_argument("--feedback", metavar="DIR", help="write HTML reports to DIR/feedback/… and a dashboard")


def parser() -> argparse.ArgumentParser:
    from autograder.assignments import ASSIGNMENTS

    p = argparse.ArgumentParser(prog="bpkit", description="backprop-kit: grade backpropagation assignments.")
    p.add_argument("--version", action="version", version=f"backprop-kit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("grade", help="grade submissions in isolated processes")
    g.add_argument("--assignment", required=True, choices=ASSIGNMENTS)
    g.add_argument("paths", nargs="+", metavar="PATH",
                   help="a notebook; a folder in nbgrader's submitted layout (<student>/<assignment>/*.ipynb, "
                        "whatever it is called); a course directory; or a folder of notebooks")
    _output_options(g)
    g.add_argument("--gradescope", metavar="FILE", help="write Gradescope's results.json (first submission)")
    g.add_argument("--gradescope-metadata", metavar="FILE",
                   help="take the student id from this Gradescope submission_metadata.json (default with "
                        "--gradescope: /autograder/submission_metadata.json, when it exists)")
    g.add_argument("--shard", type=_shard, metavar="K/N",
                   help="grade only the K-th of N parts of the submissions found, split by a hash of the student "
                        "id (every machine agrees); `bpkit merge` joins the parts' reports")
    g.add_argument("--workers", type=int, default=None, help="parallel workers (default: the machine's cores)")
    g.add_argument("--timeout", type=float, default=None,
                   help="seconds each function may run (default: the course's c.Bpkit.timeout, 10)")
    g.add_argument("--memory", type=int, default=None, metavar="MB",
                   help="address-space limit of each submission's process (default: the course's, 2048)")
    g.add_argument("--carry-forward", action="store_true",
                   help="a test whose failure is entirely inherited from the student's other functions keeps its "
                        "points (default: the course's c.Bpkit.carry_forward, off)")
    g.add_argument("--no-confine", action="store_true",
                   help="run the submissions' code unconfined: no namespaces, chroot or tmpfs (for machines "
                        "without them; without this flag grading refuses to start there); limits still apply")
    g.add_argument("--journal", metavar="FILE",
                   help="where graded results are kept as they finish, so an interrupted run resumes "
                        "(default: .bpkit/journal-<assignment>.jsonl in the course directory or here; with --shard, "
                        ".bpkit/journal-<assignment>.shard-K-of-N.jsonl)")
    g.add_argument("--no-journal", action="store_true", help="grade everything afresh and keep no journal")
    g.add_argument("--quiet", action="store_true", help="print no score table")
    g.set_defaults(run=_grade)

    m = sub.add_parser("merge", help="one report, CSV, gradebook update and dashboard from the shards' reports")
    m.add_argument("--assignment", required=True, choices=ASSIGNMENTS)
    m.add_argument("reports", nargs="+", metavar="REPORT.json",
                   help="the reports the shards wrote with `bpkit grade --shard K/N --json FILE`")
    _output_options(m)
    m.add_argument("--journal", metavar="FILE", nargs="+", action="extend",
                   help="the shards' journals, where --feedback finds the evidence its student pages show")
    m.add_argument("--quiet", action="store_true", help="print no score table")
    m.set_defaults(run=_merge)

    f = sub.add_parser("feedback", help="HTML reports and the class dashboard from a report or the gradebook")
    f.add_argument("report", nargs="?", help="a report written by `bpkit grade --json`")
    f.add_argument("--gradebook", metavar="COURSE", help="instead: nbgrader autograde's scores in COURSE's gradebook")
    f.add_argument("--assignment", choices=ASSIGNMENTS, help="with --gradebook")
    f.add_argument("--out", default=".", help="course directory to write feedback/ into (default: here)")
    f.set_defaults(run=_feedback)

    d = sub.add_parser("demo", help="grade the bundled example class with nbgrader and bpkit")
    d.add_argument("--keep", metavar="DIR", help="build the demo course in DIR and keep it")
    d.add_argument("--assignment", action="append", choices=ASSIGNMENTS, help="only these (default: all)")
    d.set_defaults(run=_demo)

    pub = sub.add_parser("public", help="regenerate the public-check files in source/<assignment>/")
    pub.add_argument("--assignment", action="append", choices=ASSIGNMENTS)
    pub.add_argument("--course", help="course directory (default: the kit's own)")
    pub.set_defaults(run=_public)

    lab = sub.add_parser("label", help="name, once, a mistake the catalogue does not know: every answer like "
                                       "one student's")
    lab.add_argument("--assignment", required=True, choices=ASSIGNMENTS)
    lab.add_argument("--function", required=True, help="the graded function, e.g. output_delta")
    lab.add_argument("--like", metavar="STUDENT", help="the student whose answer defines it")
    lab.add_argument("--report", metavar="REPORT.json", help="the `bpkit grade --json` report of the run STUDENT "
                                                             "was graded in")
    lab.add_argument("--code", metavar="FILE", help="instead: a Python file defining the wrong function itself")
    lab.add_argument("--id", required=True, help="the mistake's id: lowercase letters, digits and '-'")
    lab.add_argument("--message", required=True, metavar="TEXT", help="the sentence a student will read")
    lab.add_argument("--course", default=".", help="the course directory to keep it in (default: here)")
    lab.set_defaults(run=_label)

    s = sub.add_parser("secret", help="create the course secret that makes hidden inputs per student")
    s.add_argument("course", nargs="?", default=".")
    s.set_defaults(run=_secret)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["grade"] and "-h" not in argv and "--help" not in argv:
        from autograder.sandbox import pool  # the sandbox starts first: its numpy loads while ours does

        pool.prestart("--no-confine" not in argv)
    args = parser().parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
