"""The result data model: JSON, CSV, Gradescope, the gradebook and HTML are views of it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

STATUSES = ("passed", "failed", "raised", "timeout", "missing", "wrong-type", "wrong-shape", "not-finite")
# a test object's fields in the JSON report, in order
PUBLIC_TEST_FIELDS = ("name", "score", "max_score", "status", "mistake", "mistakes", "message", "inherited", "cluster")


@dataclass
class TestResult:
    """One function's grade: GRADER.md's test object, plus evidence for the reports."""

    __test__ = False  # not a pytest test class, whatever its name

    name: str
    score: float
    max_score: float
    status: str
    mistake: str | None = None
    message: str = ""
    evidence: dict = field(default_factory=dict)
    mistakes: list[str] | None = None  # every id that together explains the answer; derived from `mistake` if None
    inherited: list[dict] = field(default_factory=list)  # [{"function": …, "mistake": …}]: none computed yet
    cluster: str | None = None  # the id of an unnamed wrong answer many share: none computed yet

    def __post_init__(self):
        if self.mistakes is None:
            self.mistakes = [self.mistake] if self.mistake else []

    def public(self) -> dict:
        """The fields of the JSON contract."""
        return {k: getattr(self, k) for k in PUBLIC_TEST_FIELDS}


@dataclass
class SubmissionResult:
    student: str
    path: str
    tests: list[TestResult]
    error: str | None = None

    @property
    def score(self) -> float:
        return round(sum(t.score for t in self.tests), 4)

    @property
    def max_score(self) -> float:
        return round(sum(t.max_score for t in self.tests), 4)

    def public(self) -> dict:
        return {"student": self.student, "path": self.path, "score": self.score,
                "max_score": self.max_score, "error": self.error,
                "tests": [t.public() for t in self.tests]}


@dataclass
class Report:
    assignment: str
    submissions: list[SubmissionResult] = field(default_factory=list)
    isolation: dict | None = None  # what confined the submissions' code (sandbox.confine.isolation)
    relabelled: int = 0  # results served from the journal that the course's mistakes now name differently

    def public(self) -> dict:
        head = {"assignment": self.assignment} | ({"isolation": self.isolation} if self.isolation else {})
        return head | {"submissions": [s.public() for s in self.submissions]}


def test_from_dict(d: dict) -> TestResult:
    """A test object read back from JSON or the journal; fields it lacks (older files) take their defaults."""
    known = {f.name for f in fields(TestResult)}
    return TestResult(**{k: v for k, v in d.items() if k in known and v is not None})


def submission_from_dict(d: dict) -> SubmissionResult:
    """A submission read back from JSON or the journal."""
    return SubmissionResult(d["student"], d["path"], [test_from_dict(t) for t in d["tests"]], d.get("error"))


def report_from_dict(d: dict) -> Report:
    """Read back a report written by `bpkit grade --json` (report.jsonfile.read checks it first)."""
    return Report(d["assignment"], [submission_from_dict(s) for s in d["submissions"]], d.get("isolation"))

