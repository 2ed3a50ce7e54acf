"""Shared helpers of the recognisers: leaves of a value, mutants of the reference, 'explains'."""

from __future__ import annotations

import hashlib
import inspect
import pickle
import warnings
from collections.abc import Collection
from types import FunctionType, ModuleType

import numpy as np

from autograder.checks import Check
from autograder.compare import compare
from autograder.plain import Arr, Map, Num, Seq, from_plain, to_plain


def leaves(v) -> list:
    """The arrays of a value in order (numbers as 0-d arrays), or None for a non-numeric part."""
    if isinstance(v, Arr):
        return [v.a]
    if isinstance(v, Num):
        return [np.array(v.v)]
    if isinstance(v, Seq):
        out = []
        for i in v.items:
            sub = leaves(i)
            if sub is None:
                return None
            out += sub
        return out
    if isinstance(v, Map):
        return leaves(Seq([v.items[k] for k in sorted(v.items)]))
    return None


def paired_leaves(student, expected):
    """(student leaves, expected leaves) when both are numeric with the same number of leaves."""
    if isinstance(student, Map) and isinstance(expected, Map):
        if set(student.items) != set(expected.items):
            return None
    s, e = leaves(student), leaves(expected)
    if s is None or e is None or len(s) != len(e):
        return None
    return s, e


def leaf_names(check, expected) -> list[str]:
    """Readable names of the leaves, e.g. ['dW1', 'db1', 'dW2', 'db2']: a dict's keys, else the check's `parts`.

    `check` is a Check, or the name of one in the registry (autograder.assignments)."""
    if isinstance(expected, Map):
        return sorted(expected.items)
    from autograder.assignments import check_named

    found = check if isinstance(check, Check) else check_named(check)
    if found and found.parts:
        return list(found.parts)
    n = len(leaves(expected) or [])
    return [found.name if found else check] if n == 1 else [f"item {i}" for i in range(n)]


def close(s: np.ndarray, e: np.ndarray, tol) -> bool:
    return s.shape == e.shape and bool(np.all(np.isfinite(s))) and tol.close(s, e)


def rebind(module: ModuleType, **replace) -> dict:
    """The module's functions with some of the functions they call replaced.

    A mutant backprop is the reference backprop whose `sigmoid_derivative` (or
    `output_delta` …) is the mistaken one, just as a student's backprop calls the
    student's own helpers.
    """
    ns = dict(vars(module))
    ns.update(replace)
    for k, v in list(ns.items()):
        if isinstance(v, FunctionType) and v.__module__ == module.__name__ and k not in replace:
            ns[k] = FunctionType(v.__code__, ns, v.__name__, v.__defaults__, v.__closure__)
    return ns


def mutant_functions(**replace) -> dict:
    """Every assignment's reference functions with some of the functions they call replaced.

    Each reference module is rebound in the registry's order (autograder.assignments), its own functions
    replaced as asked, and the functions it takes from an earlier one (ps3's backprop, from ps1) are
    that module's mutants.
    """
    from autograder.assignments import reference_modules

    out: dict = {}
    done: set[str] = set()
    for module in reference_modules():
        own = {k: v for k, v in replace.items() if _defines(module, k)}
        mutated = {k: out[k] for k in taken(module, done)}
        out.update(rebind(module, **{**mutated, **own}))
        done.add(module.__name__)
    return out


def taken(module: ModuleType, sources: Collection[str]) -> dict[str, str]:
    """The functions `module` imports from the modules named in `sources`: name → that module's name."""
    return {k: v.__module__ for k, v in vars(module).items()
            if isinstance(v, FunctionType) and v.__module__ in sources and v.__module__ != module.__name__}


def _defines(module: ModuleType, name: str) -> bool:
    """Whether `name` is one of the module's own functions (not one it imports)."""
    fn = vars(module).get(name)
    return isinstance(fn, FunctionType) and fn.__module__ == module.__name__


def call_quiet(fn, case, plain: bool = False):
    """fn on a case's (fresh) arguments — its value as returned, or as plain data — or None if it raises
    (warnings silenced)."""
    args, kwargs = case.materialize()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            out = fn(*args, **kwargs)
            return from_plain(to_plain(out)) if plain else out
        except Exception:  # noqa: BLE001 - a mutant that cannot run explains nothing
            return None


def run_quiet(fn, case):
    """call_quiet as plain data: what a recogniser compares with the student's answer."""
    return call_quiet(fn, case, plain=True)


def leafmap(value, f):
    """The value with f applied to each of its numbers and arrays (as float64 arrays)."""
    if isinstance(value, tuple | list):
        return tuple(leafmap(v, f) for v in value)
    if isinstance(value, dict):
        return {k: leafmap(v, f) for k, v in value.items()}
    return f(np.asarray(value, dtype=np.float64))


def variant(fn):
    """A public variant: the wrong function's output on a case."""
    return lambda case: call_quiet(fn, case)


def related(check, f):
    """A public variant: the right output on a case with f applied to each of its parts."""
    return lambda case: leafmap(call_quiet(check.reference, case), f)


def train_updating(step):
    """The reference train with its update rule replaced by step(name, p, g, lr)."""
    from solutions import ps1  # the network ps3's reference trains

    def train(X, Y, params, lr, epochs):
        p = {k: v.copy() for k, v in params.items()}
        losses = []
        for _ in range(epochs):
            losses.append(ps1.loss(Y, ps1.forward(X, p["W1"], p["b1"], p["W2"], p["b2"])[3]))
            grads = ps1.backprop(X, Y, p["W1"], p["b1"], p["W2"], p["b2"])
            for name, g in zip(("W1", "b1", "W2", "b2"), grads):
                p[name] = step(name, p[name], g, lr)
        return p, losses

    return train


_OUTPUTS: dict = {}


def mutant_output(mutant, case, key=None):
    """run_quiet(mutant, case), remembered when `key` names the mutant: the fixed cases (the worked
    example, XOR's 300 epochs) are every student's, and a mutant's answer on them never changes."""
    if key is None:
        return run_quiet(mutant, case)
    k = (key, hashlib.sha1(pickle.dumps((case.args, case.kwargs))).digest())
    if k not in _OUTPUTS:
        if len(_OUTPUTS) > 20_000:
            _OUTPUTS.clear()
        _OUTPUTS[k] = run_quiet(mutant, case)
    return _OUTPUTS[k]


def round_off(student, expected, tiny):
    """gradient_check: where the right value is below `tiny`, any value in [0, tiny) is right — such relative
    errors are round-off. `student` with those values taken as the right ones (numbers, and arrays element by
    element)."""
    if tiny is None or not (isinstance(student, Map) and isinstance(expected, Map)):
        return student
    items = dict(student.items)
    for k, e in expected.items.items():
        s = items.get(k)
        if isinstance(e, Num) and isinstance(s, Num) and e.v < tiny and 0 <= s.v < tiny:
            items[k] = e
        elif isinstance(e, Arr) and isinstance(s, Arr) and s.a.shape == e.a.shape:
            small = (e.a < tiny) & (s.a >= 0) & (s.a < tiny)
            items[k] = Arr(np.where(small, e.a, s.a), s.kind, s.from_list)
    return Map(items)


def overflows_alike(s, m, tol) -> bool:
    """Where the mutant's output is inf or nan the student's is too, and elsewhere they agree.

    compare scales its tolerance by max|m|, which lets anything pass beside an infinity; a mutant
    that overflows (σ computed as 1 + e^(−z) at z = −1000) is matched only by an answer that
    overflows at the same places.
    """
    pair = paired_leaves(s, m)
    for x, y in zip(*pair) if pair else ():
        odd = ~np.isfinite(y)
        if odd.any() and (x.shape != y.shape or not np.array_equal(odd, ~np.isfinite(x))
                          or not close(x[~odd], y[~odd], tol)):
            return False
    return True


def matches_mutant(ev, mutant, tolerance=None, key=None) -> bool:
    """The student's output equals `mutant(case)` on every case, and differs from the reference on one.

    `tolerance` loosens the match where the mutant's own rounding is large (a one-sided
    difference's relative error is computed from two nearly equal numbers); `key`, naming
    the mutant, lets its outputs be remembered (mutant_output).
    """
    differs = False
    tol = tolerance or ev.check.tolerance
    for case, s, v in zip(ev.cases, ev.student, ev.verdicts):
        m = mutant_output(mutant, case, key and (key, ev.name))
        if m is None:
            return False
        s = round_off(s, m, ev.check.tiny)
        if compare(s, m, tol).status != "passed" or not overflows_alike(s, m, tol):
            return False
        differs = differs or v.status != "passed"
    return differs


def arg_names(check) -> list[str]:
    return list(inspect.signature(check.reference).parameters)


def dims(check, case) -> dict:
    """N, D, H, K … of a case, read off its arguments by the check's `axes`."""
    found: dict = {}
    for name, a in zip(arg_names(check), case.args):
        found.update(sizes(check.axes.get(name), a))
    return found


def sizes(spec, value) -> dict:
    """The sizes a value's axes stand for by `spec` ("ND": an N×D array; a dict of specs: the parts of a tuple,
    by position, or of a dict, by key); {} where the value is not of that form."""
    if isinstance(spec, str):
        ok = isinstance(value, np.ndarray) and value.ndim == len(spec)
        return dict(zip(spec, value.shape)) if ok else {}
    if not isinstance(spec, dict):
        return {}
    if isinstance(value, tuple) and len(value) == len(spec):
        parts = zip(spec.values(), value)
    elif isinstance(value, dict):
        parts = ((s, value[k]) for k, s in spec.items() if k in value)
    else:
        return {}
    found: dict = {}
    for s, v in parts:
        found.update(sizes(s, v))
    return found


def leafwise(ev, related) -> list[str] | None:
    """Names of the parts that are wrong in the way `related(s, e, case)` says, or None.

    Every part of every case must be right or so related, and at least one part wrong.
    """
    affected: list[str] = []
    for case, s, e in zip(ev.cases, ev.student, ev.expected):
        pair = paired_leaves(s, e)
        if pair is None:
            return None
        names = leaf_names(ev.name, e)
        for name, sl, el in zip(names, *pair):
            if close(sl, el, ev.check.tolerance):
                continue
            if not related(sl, el, case):
                return None
            if name not in affected:
                affected.append(name)
    return affected or None


def layer(check_name: str, where: str) -> str:
    """Where in the network a mistake sits, in the words of the function that shows it."""
    return {"output_delta": "the output layer", "hidden_delta": "the hidden layer"}.get(check_name, where)


def join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


SIGMA_PRIME_USERS = frozenset({"sigmoid_derivative", "output_delta", "hidden_delta", "backprop", "train"})


def sigma_prime_mutants(bad):
    """The reference with a wrong σ' in both layers, the output layer only, or the hidden layer only."""
    yield "both layers", mutant_functions(sigmoid_derivative=bad)
    yield "the output layer", mutant_functions(output_delta=lambda Y, A2, Z2: (A2 - Y) * bad(Z2))
    yield "the hidden layer", mutant_functions(hidden_delta=lambda d2, W2, Z1: (d2 @ W2.T) * bad(Z1))


def sigma_prime_bases(name: str, says: str, bad):
    """(what it says, the mutant) for a wrong σ' in each place it can show in `name`, as a base of a combination
    (not in sigmoid_derivative itself: there it is the whole answer)."""
    for where, fns in sigma_prime_mutants(bad):
        if name in fns and name != "sigmoid_derivative":
            yield says.format(where=layer(name, where)), fns[name]


def wrong_sigma_prime(bad, public: str, base: str, places: int = 3) -> dict:
    """A wrong σ' (`bad`) as a Mistake's public variants and combination bases: the reference with it in the
    first `places` of (both layers, the output layer, the hidden layer), the public sentence, the base's."""
    def variants(check):
        for _, fns in list(sigma_prime_mutants(bad))[:places]:
            yield public, variant(fns[check.name])

    return {"public": variants, "bases": lambda name: sigma_prime_bases(name, base, bad)}


def sigma_prime_where(ev, bad) -> str | None:
    """Where a wrong σ' explains every case (in the words of ev's function), or None."""
    for where, fns in sigma_prime_mutants(bad):
        if matches_mutant(ev, fns[ev.name], key=(bad, where)):
            return layer(ev.name, where)
    return None


def matching(mistake_id: str, functions, mutants, hidden: str, public: str, base: str | None = None):
    """A mistake recognised the default way: the student's output is a wrong variant's on every case.

    `mutants()` yields the reference's functions with the mistake in them (mutant_functions); `hidden`
    (with `{name}` for the function) is what the hidden tests say, `public` what the public checks say,
    `base` (if given) what a combination says of it, its variants being a combination's starting point.
    """
    from autograder.mistakes import Finding, Mistake

    def recognise(ev):
        for fns in mutants():
            if matches_mutant(ev, fns[ev.name]):
                return Finding(mistake_id, hidden.format(name=ev.name))
        return None

    def variants(check):
        for fns in mutants():
            yield public, variant(fns[check.name])

    def bases(name):
        for fns in mutants() if base and name in functions else ():
            yield base, fns[name]

    return Mistake(mistake_id, frozenset(functions), recognise, variants, bases)
