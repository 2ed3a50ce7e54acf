"""`--shard K/N`: a deterministic split of the class by student id, the same on every machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.shard import Shard, parse, select, shard_of
from autograder.submissions import Found, in_report_order

CLASS = [Found(f"student{i:03d}", Path(f"s{i}.ipynb")) for i in range(300)] + \
    [Found(name, Path(f"{name}.ipynb")) for name in ("alice", "Zoë", "李雷", "a b", "")]


def test_parse_takes_k_of_n():
    assert parse("2/3") == Shard(2, 3) and parse(" 1/1 ") == Shard(1, 1) and str(parse("3/3")) == "3/3"
    assert parse("2/3").label == "shard-2-of-3"


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "0/0", "x", "", "1/3/5", "-1/3", "1.0/3", "٢/3", "2 / 3",
                                  "1/9999999999"])
def test_parse_refuses_anything_else(text):
    with pytest.raises(ValueError, match="1 ≤ K ≤ N"):
        parse(text)


@pytest.mark.parametrize("count", [1, 2, 3, 7, 64])
def test_shards_partition_the_class(count):
    """Every student is in exactly one of the N shards; a shard keeps the class's order."""
    parts = [select(CLASS, Shard(k, count)) for k in range(1, count + 1)]
    assert sorted(f.student for part in parts for f in part) == sorted(f.student for f in CLASS)
    assert all(part == [f for f in CLASS if f in part] for part in parts)
    if count > 1:
        assert max(map(len, parts)) < len(CLASS)  # not all in one shard


def test_a_students_shard_does_not_depend_on_the_others():
    """A student's shard is theirs alone: the same in a class of one as in the whole class."""
    for f in CLASS:
        assert [g.student for g in select([f], Shard(shard_of(f.student, 5), 5))] == [f.student]
        assert all(select([f], Shard(k, 5)) == [] for k in range(1, 6) if k != shard_of(f.student, 5))


def test_every_process_agrees():
    """Another interpreter, with another hash seed, puts every student in the same shard."""
    code = ("import sys; from autograder.shard import shard_of; "
            "print(' '.join(str(shard_of(s, 7)) for s in sys.argv[1:]))")
    students = [f.student for f in CLASS if f.student]
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", code, *students], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.stdout.split() == [str(shard_of(s, 7)) for s in students]


def test_report_order_is_by_student_then_path():
    """Reports list submissions by student id, then path, whatever order they were found in."""
    found = [Found("bob", Path("b/2.ipynb")), Found("alice", Path("z.ipynb")), Found("bob", Path("b/1.ipynb")),
             Found("Zed", Path("zed.ipynb"))]
    assert [(f.student, str(f.path)) for f in in_report_order(found)] == \
        [("Zed", "zed.ipynb"), ("alice", "z.ipynb"), ("bob", "b/1.ipynb"), ("bob", "b/2.ipynb")]
