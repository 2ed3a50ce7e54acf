"""The reference's answers: what each case's right output is, as plain data, computed once per case.

Cases shared by every student (the worked example, the fixed awkward ones) are met again and again in a
class; their answers are remembered, keyed by the check and a hash of the case's pickled arguments.
"""

from __future__ import annotations

import hashlib
import pickle
import warnings

import numpy as np

from autograder.checks import Check
from autograder.plain import from_plain, to_plain

MAX_CACHED = 50_000  # answers remembered before the cache starts afresh
_REFERENCE_CACHE: dict = {}


def reference_value(check: Check, case):
    """The reference's answer on one case, as plain data (warnings silenced), remembered."""
    key = (check.name, hashlib.sha1(pickle.dumps((case.args, case.kwargs))).digest())
    if key not in _REFERENCE_CACHE:
        if len(_REFERENCE_CACHE) > MAX_CACHED:
            _REFERENCE_CACHE.clear()
        _REFERENCE_CACHE[key] = _reference_value(check, case)
    return _REFERENCE_CACHE[key]


def _reference_value(check: Check, case):
    args, kwargs = case.materialize()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return from_plain(to_plain(check.reference(*args, **kwargs)))
