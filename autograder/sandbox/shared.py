"""The cases' arrays in memory the supervisor shares with the child, so it sees itself what a call changed.

Before forking, the supervisor lays every array argument of every check's cases (and the arrays
in a dict argument, such as `params`) into one shared anonymous mapping and keeps a private,
pristine copy. The child calls the student's function on ndarray views over that mapping; when a
step ends, however it ends, the supervisor compares the bytes of each case with its copy and
reports which argument positions changed. The child's word is not needed, nor asked for.
"""

from __future__ import annotations

import copy
import mmap
from dataclasses import dataclass, field

import numpy as np

from autograder.sandbox import casefns

ALIGN = 64


@dataclass(frozen=True)
class Call:
    """One case as it crosses into the sandbox: its arguments alone. (A job's pickle names no class of
    the grader's, such as `cases.Case`, so unpickling it imports nothing from outside this package.)"""

    args: tuple
    kwargs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Slot:
    """Where one array lives in the mapping."""

    offset: int
    nbytes: int
    dtype: str
    shape: tuple


def _lay(value, slots: list, size: int):
    """The layout of one argument and the new size: a Slot for an array; (dict | list | tuple, {key: Slot})
    for a container of arrays (e.g. `params`); None for anything else, which is copied, not shared."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        slot = Slot(size, value.nbytes, value.dtype.str, value.shape)
        slots.append((slot, np.ascontiguousarray(value)))
        return slot, size + -(-max(value.nbytes, 1) // ALIGN) * ALIGN
    items = value if isinstance(value, dict) else dict(enumerate(value)) if isinstance(value, (list, tuple)) else {}
    if items and all(isinstance(v, np.ndarray) and v.dtype.kind in "biuf" for v in items.values()):
        layout = {}
        for k, v in items.items():
            layout[k], size = _lay(v, slots, size)
        return (type(value), layout), size
    return None, size


class SharedArgs:
    """Every check's case arguments of one job, laid out in one shared mapping."""

    def __init__(self, steps: list):
        slots, size = [], 0
        self.layout: dict[int, list[list]] = {}
        for i, step in enumerate(steps):
            if step["kind"] != "check" or step.get("answer"):
                continue
            per_case = []
            for case in step["cases"]:
                spec = []
                for a in case.args:
                    s, size = _lay(a, slots, size)
                    spec.append(s)
                per_case.append(spec)
            self.layout[i] = per_case
        self.map = mmap.mmap(-1, max(size, ALIGN))
        for slot, array in slots:
            self.map[slot.offset:slot.offset + slot.nbytes] = array.tobytes()
        self.pristine = bytes(self.map)

    def reset(self) -> None:
        """Every array back as it was, before a new child is forked."""
        self.map[:] = self.pristine

    def _view(self, slot: Slot) -> np.ndarray:
        return np.ndarray(slot.shape, np.dtype(slot.dtype), buffer=self.map, offset=slot.offset)

    def materialize(self, step: int, index: int, case) -> tuple[tuple, dict]:
        """In the child: the case's arguments, arrays as views over the shared mapping, the rest fresh copies
        with `casefns.Fn` specs turned into functions."""
        laid = self.layout.get(step, [])
        spec = laid[index] if index < len(laid) else [None] * len(case.args)
        args = []
        for a, s in zip(case.args, spec):
            if isinstance(s, Slot):
                args.append(self._view(s))
            elif isinstance(s, tuple):
                kind, slots = s
                views = {k: self._view(slot) for k, slot in slots.items()}
                args.append(views if kind is dict else kind(views[k] for k in range(len(views))))
            else:
                args.append(casefns.build(copy.deepcopy(a)))
        return tuple(args), {k: casefns.build(v) for k, v in copy.deepcopy(case.kwargs).items()}

    def _differs(self, spec) -> bool:
        slots = [spec] if isinstance(spec, Slot) else list(spec[1].values()) if isinstance(spec, tuple) else []
        return any(self.map[s.offset:s.offset + s.nbytes] != self.pristine[s.offset:s.offset + s.nbytes]
                   for s in slots)

    def changed(self, step: int) -> list[list[int]]:
        """In the supervisor: per case of a step, the positions of the arguments whose bytes changed."""
        return [[i for i, s in enumerate(spec) if self._differs(s)] for spec in self.layout.get(step, [])]
