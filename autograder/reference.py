"""The reference's answers: what each case's right output is, as plain data, computed once per case.

Cases shared by every student (the worked example, the fixed awkward ones) are met again and again in a
class; their answers are remembered, keyed by the check and a hash of the case's pickled arguments. The
memory is bounded and keeps what is used most recently: a student's own cases pass through it, the shared
ones stay, so it does not grow with the class.
"""

from __future__ import annotations

import hashlib
import pickle
import warnings
from collections import OrderedDict

import numpy as np

from autograder.checks import Check
from autograder.plain import from_plain, to_plain

MAX_CACHED = 4096  # answers remembered; the least recently used goes first
_REFERENCE_CACHE: OrderedDict = OrderedDict()


def reference_value(check: Check, case):
    """The reference's answer on one case, as plain data (warnings silenced), remembered."""
    key = (check.name, hashlib.sha1(pickle.dumps((case.args, case.kwargs))).digest())
    if key in _REFERENCE_CACHE:
        _REFERENCE_CACHE.move_to_end(key)
        return _REFERENCE_CACHE[key]
    value = _REFERENCE_CACHE[key] = _reference_value(check, case)
    if len(_REFERENCE_CACHE) > MAX_CACHED:
        _REFERENCE_CACHE.popitem(last=False)
    return value


def _reference_value(check: Check, case):
    args, kwargs = case.materialize()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return from_plain(to_plain(check.reference(*args, **kwargs)))
