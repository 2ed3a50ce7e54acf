"""Public checks for your notebook — they run offline and need only numpy.

`check("sigmoid", sigmoid)` calls your function on the public cases stored in
public_cases.json (the worked example and one awkward case), compares with the right
outputs, and, when your answer matches a common mistake, says which. Passing these
checks does not guarantee full marks: the graded tests use other inputs.
"""

import contextlib
import itertools
import json
import signal
from pathlib import Path

import numpy as np
from bpkit_casefns import Fn, build

DATA = json.loads((Path(__file__).with_name("public_cases.json")).read_text())
RTOL, ATOL, FLOOR = 1e-6, 1e-7, 1e-12
SECONDS = 20


@contextlib.contextmanager
def time_limit(seconds=SECONDS):
    """Stop the code inside with TimeoutError after `seconds` (where the system has alarms)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise TimeoutError(f"stopped after {seconds} s — is there an endless loop?")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def decode(v):
    """Arguments and outputs back from JSON."""
    if isinstance(v, dict) and "fn" in v:
        return build(Fn(v["fn"], {k: decode(x) for k, x in v["data"].items()}))
    if isinstance(v, dict) and "dict" in v:
        return {k: decode(x) for k, x in v["dict"].items()}
    if isinstance(v, dict) and "tuple" in v:
        return tuple(decode(x) for x in v["tuple"])
    if isinstance(v, dict) and "array" in v:
        return np.array(v["array"], dtype=np.float64)
    return v


def same(out, want, tiny=None, tol=None) -> str:
    """'' when out matches want, else what differs: |out − want| ≤ atol·max|want| + rtol·|want| + floor, with the
    function's own tolerance `tol` (from the data; RTOL, ATOL, FLOOR when it gives none).

    With `tiny` (gradient_check), any value in [0, tiny) is right where the right one is below it:
    such relative errors are round-off, and differ with the order of the additions.
    """
    if isinstance(want, dict):
        if not isinstance(out, dict):
            return f"expected a dict, got {type(out).__name__}"
        for k in want:
            if k not in out:
                return f"the dict has no key {k!r}"
            if tiny is not None and np.ndim(want[k]) == 0 and float(want[k]) < tiny:
                try:
                    if 0 <= float(out[k]) < tiny:
                        continue
                except (TypeError, ValueError):
                    pass
            why = same(out[k], want[k], tiny, tol)
            if why:
                return f"{k!r}: {why}"
        return ""
    if isinstance(want, tuple):
        if not isinstance(out, tuple | list) or len(out) != len(want):
            return f"expected a tuple of {len(want)} items, got {type(out).__name__}"
        for i, (o, w) in enumerate(zip(out, want)):
            why = same(o, w, None, tol)
            if why:
                return f"item {i}: {why}"
        return ""
    w = np.asarray(want, dtype=np.float64)
    try:
        o = np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        return f"expected numbers, got {type(out).__name__}"
    if o.shape != w.shape:
        return f"expected shape {w.shape}, got shape {o.shape}"
    odd = ~np.isfinite(w)  # a mistake's output may overflow: yours matches it only where it overflows alike
    if np.any(odd):
        if not np.array_equal(odd, ~np.isfinite(o)):
            return "nan or inf in other places"
        o, w = o[~odd], w[~odd]
    if not np.all(np.isfinite(o)):
        return "the result has nan or inf in it"
    err = np.abs(o - w)
    t = tol or {}
    rtol, atol, floor = t.get("rtol", RTOL), t.get("atol", ATOL), t.get("floor", FLOOR)
    bound = atol * (np.max(np.abs(w)) if w.size else 0) + rtol * np.abs(w) + floor
    if np.any(err > bound):
        i = np.unravel_index(int(np.argmax(err - bound)), w.shape) if w.ndim else ()
        return f"largest discrepancy {float(err[i]):.3g}: expected {float(w[i]):.6g}, got {float(o[i]):.6g}"
    return ""


def _snapshot(args):
    return [np.array(a, copy=True) if isinstance(a, np.ndarray) else
            ({k: np.array(x, copy=True) for k, x in a.items()} if isinstance(a, dict) else
             (tuple(np.array(x, copy=True) for x in a) if isinstance(a, tuple) else None)) for a in args]


def _unchanged(before, args) -> bool:
    for b, a in zip(before, args):
        if b is None:
            continue
        pairs = zip(b.values(), a.values()) if isinstance(b, dict) else (zip(b, a) if isinstance(b, tuple)
                                                                            else [(b, a)])
        if any(x.shape != np.shape(y) or x.tobytes() != np.asarray(y).tobytes() for x, y in pairs):
            return False
    return True


def check(name, fn) -> None:
    """Run `fn` on the public cases of `name`; print what is right, raise AssertionError on what is not."""
    spec = DATA["functions"][name]
    if spec.get("answer"):
        assert fn in spec["choices"], f"✗ {name} must be one of {spec['choices']}, not {fn!r}"
        print(f"✓ {name} = {fn!r} is one of the allowed answers (it is graded when you submit).")
        return
    seen = []  # per case: where, what differs, the mistakes matching your output, the mistakes listed
    for case in spec["cases"]:
        args = [decode(a) for a in case["args"]]
        kwargs = {k: decode(v) for k, v in case["kwargs"].items()}
        before = _snapshot(args)
        with np.errstate(all="ignore"), time_limit(SECONDS):
            try:
                out = fn(*args, **kwargs)
            except NotImplementedError:
                raise AssertionError(f"✗ {name} is not written yet (it raises NotImplementedError).") from None
        where = f"✗ {name} on the public case '{case['label']}'"
        if not _unchanged(before, args):
            if spec.get("restores_input"):
                raise AssertionError(f"{where}: an argument is not exactly as it was after the call — "
                                     "put back each value you perturb (oldval = x[ix] … x[ix] = oldval)")
            raise AssertionError(f"{where}: it changed an array it was given — work on a copy")
        keys = [(m["mistake"], m["message"]) for m in case["mutants"]]
        tol = spec.get("tolerance")
        matching = {k for k, m in zip(keys, case["mutants"]) if not same(out, decode(m["output"]), None, tol)}
        seen.append((where, same(out, decode(case["expected"]), spec.get("tiny"), tol), matching, keys))
    failures = [(where, why) for where, why, _, _ in seen if why]
    if not failures:
        labels = ", ".join(c["label"] for c in spec["cases"])
        print(f"✓ {name}: right on the public cases ({labels}).")
        return
    through = _inherited(name, fn, spec)
    if through:
        these = "that one" if len(through) == 1 else "those"
        listed = through[0] if len(through) == 1 else ", ".join(through[:-1]) + " and " + through[-1]
        raise AssertionError(f"{failures[0][0]}: {name} itself is right — it fails only because it calls your "
                             f"{listed} (see {'its' if len(through) == 1 else 'their'} own check): fix {these} "
                             f"and it passes")
    # a mistake is named only when it explains every case: your output is its output, or your
    # output is right where the mistake would change nothing
    # a course's own mistake (`course`) is known on the cases shared by the whole class only: elsewhere it says nothing
    partial = {(m["mistake"], m["message"]) for c in spec["cases"] for m in c["mutants"] if m.get("course")}
    for key in [k for _, _, _, keys in seen for k in keys]:
        if all(key in matching or (key not in keys and (not why or key in partial)) for _, why, matching, keys in seen):
            raise AssertionError(f"{failures[0][0]}: {key[1]} [{key[0]}]")
    raise AssertionError(f"{failures[0][0]}: {failures[0][1]}")


class _OffPath(Exception):
    """A helper was called with arguments the right computation never passes it on this case."""


def _answering(calls, name):
    """A stand-in for your `name` that gives the right output for the calls the right computation makes."""
    recorded = [c for c in calls if c["function"] == name]

    def right(*args, **kwargs):
        for call in recorded:
            want = [decode(a) for a in call["args"]]
            if not kwargs and len(args) == len(want) and not any(same(a, w) for a, w in zip(args, want)):
                return decode(call["output"])
        raise _OffPath(name)
    return right


def _passes(fn, spec, case, scope=None, tiny=None) -> bool:
    """Whether fn gives the right output on a public case (with `scope`'s names put in its globals)."""
    g, saved = fn.__globals__, {}
    for k, v in (scope or {}).items():
        saved[k] = g.get(k, _OffPath)
        g[k] = v
    try:
        with np.errstate(all="ignore"), time_limit(SECONDS):
            out = fn(*[decode(a) for a in case["args"]], **{k: decode(v) for k, v in case["kwargs"].items()})
        return not same(out, decode(case["expected"]), tiny, spec.get("tolerance"))
    except Exception:  # noqa: BLE001 - it does not pass
        return False
    finally:
        for k, v in saved.items():
            if v is _OffPath:
                g.pop(k, None)
            else:
                g[k] = v


def _inherited(name, fn, spec) -> list:
    """Your functions that `name` fails through: the smallest set of the ones it relies on that fail their own
    public checks and whose right outputs, in their place, make it pass every public case (the deepest on a tie)."""
    depth = spec.get("relies_on") or {}
    g = getattr(fn, "__globals__", None)
    if not depth or g is None:
        return []
    wrong = sorted((h for h in depth if callable(g.get(h)) and not all(
        _passes(g[h], DATA["functions"][h], c, tiny=DATA["functions"][h].get("tiny"))
        for c in DATA["functions"][h]["cases"])), key=lambda h: (-depth[h], h))
    sets = [list(s) for k in (1, 2, 3) for s in itertools.combinations(wrong, k)]
    for names in sorted(sets, key=lambda s: (len(s), -sum(depth[h] for h in s))):
        if all(_passes(fn, spec, c, {h: _answering(c["calls"], h) for h in names}, spec.get("tiny"))
               for c in spec["cases"]):
            return names
    return []
