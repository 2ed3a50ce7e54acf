"""Sharding a class: `bpkit grade --shard K/N` grades the K-th of N parts of it, on another machine.

A student's part depends on their id alone: the SHA-256 of the id (UTF-8) read as a big-endian
integer, modulo N, is K − 1. Not Python's hash(), which differs from one process to the next: so every
machine agrees, and a student's part does not depend on who else is in the class.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from autograder.submissions import Found

FORM = re.compile(r"([0-9]{1,9})/([0-9]{1,9})")


@dataclass(frozen=True)
class Shard:
    """The K-th (`index`, from 1) of `count` parts of a class."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    @property
    def label(self) -> str:
        """The shard as part of a file name: `shard-2-of-3`."""
        return f"shard-{self.index}-of-{self.count}"


def parse(text: str) -> Shard:
    """The shard `K/N` names; ValueError, saying what is expected, unless 1 ≤ K ≤ N."""
    match = FORM.fullmatch(text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise ValueError(f"{text!r} is not K/N with 1 ≤ K ≤ N (e.g. 2/3: the second of three parts)")
    return Shard(int(match[1]), int(match[2]))


def shard_of(student: str, count: int) -> int:
    """The part (from 1) of `count` that a student id falls in."""
    digest = hashlib.sha256(student.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest, "big") % count + 1


def select(found: list[Found], shard: Shard) -> list[Found]:
    """The submissions of `found` whose student falls in `shard`, in their order."""
    return [f for f in found if shard_of(f.student, shard.count) == shard.index]
