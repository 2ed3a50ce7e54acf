"""The result model: a test object's mistakes, inherited and cluster, and reading old results back."""

from __future__ import annotations

from autograder import result
from autograder.journal import Journal
from autograder.result import PUBLIC_TEST_FIELDS, SubmissionResult, TestResult


def test_mistakes_follow_mistake_unless_set():
    """`mistakes` is [] without a mistake, [mistake] with one, and what was given when set."""
    assert TestResult("loss", 0.0, 1.0, "failed").mistakes == []
    assert TestResult("loss", 0.0, 1.0, "failed", "scaled").mistakes == ["scaled"]
    both = TestResult("backprop", 0.0, 3.0, "failed", "sign-flipped", mistakes=["sign-flipped", "kept-dims"])
    assert both.mistakes == ["sign-flipped", "kept-dims"]
    assert list(both.public()) == list(PUBLIC_TEST_FIELDS)
    assert (both.public()["inherited"], both.public()["cluster"]) == ([], None)


def test_an_old_test_object_reads_back_with_defaults():
    """A test written before mistakes/inherited/cluster existed (old journal lines, old reports) still reads."""
    old = {"name": "loss", "score": 0.0, "max_score": 2.0, "status": "failed", "mistake": "scaled",
           "message": "m", "evidence": {}}
    t = result.test_from_dict(old)
    assert (t.mistake, t.mistakes, t.inherited, t.cluster, t.message) == ("scaled", ["scaled"], [], None, "m")


def test_new_fields_round_trip_through_the_journal(tmp_path):
    """mistakes, inherited and cluster as set are what the journal gives back, in this run and the next."""
    t = TestResult("backprop", 0.0, 3.0, "failed", "sign-flipped", "m", mistakes=["sign-flipped", "kept-dims"],
                   inherited=[{"function": "output_delta", "mistake": "sign-flipped"}], cluster="c1")
    Journal(tmp_path / "j.jsonl").add("k", SubmissionResult("zoe", "z.ipynb", [t]))
    assert Journal(tmp_path / "j.jsonl").get("k").tests[0] == t
