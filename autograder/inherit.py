"""Error carried forward: which of the student's own functions a failure comes from.

A function that calls other graded functions (backprop calling output_delta …) can fail only
because a function it relies on is wrong. To find out, the grader runs it again in the sandbox
with the right versions of some of those functions put in the student's namespace; the smallest
set of them that makes it pass on every case — the deepest on a tie, the root cause — is what it
inherits. This module knows the call graph (from the reference's code and the student's), the sets
worth trying, and the code of the right versions handed to the sandbox; it runs nothing itself.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from dataclasses import dataclass
from functools import cache
from types import FunctionType, ModuleType

from autograder import assignments, syntax

MAX_SET = 3  # at most this many functions put right at once


def reference_functions() -> dict[str, FunctionType]:
    """Every reference function by name (the names are the student's, unique across the assignments)."""
    return _functions_of(assignments.reference_modules())


@cache
def _functions_of(modules: tuple[ModuleType, ...]) -> dict[str, FunctionType]:
    found = {}
    for module in modules:
        for name, fn in vars(module).items():
            if isinstance(fn, FunctionType) and fn.__module__ == module.__name__:
                found[name] = fn
    return found


def calls(tree: ast.AST, known: set[str]) -> set[str]:
    """The names in `known` that code calls by name."""
    return {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id in known}


def reference_graph() -> dict[str, frozenset[str]]:
    """Reference function → the reference functions it calls directly."""
    return _graph_of(assignments.reference_modules())


@cache
def _graph_of(modules: tuple[ModuleType, ...]) -> dict[str, frozenset[str]]:
    fns = _functions_of(modules)
    return {name: frozenset(calls(syntax.parse(textwrap.dedent(inspect.getsource(fn))), set(fns)) - {name})
            for name, fn in fns.items()}


def student_graph(sources: list[str]) -> dict[str, frozenset[str]]:
    """Student function → the graded names it calls, from the cells run before a check (the last def wins)."""
    known = set(reference_functions())
    graph: dict[str, frozenset[str]] = {}
    for source in sources:
        try:
            tree = syntax.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in known:
                graph[node.name] = frozenset(calls(node, known) - {node.name})
    return graph


def relied_on(name: str, graph: dict[str, frozenset[str]]) -> dict[str, int]:
    """The functions `name` relies on, directly or through others, with their depth (1 = called directly)."""
    depth: dict[str, int] = {}

    def visit(f: str, d: int, path: frozenset[str]) -> None:
        for g in graph.get(f, ()):
            if g != name and g not in path and depth.get(g, 0) < d:
                depth[g] = d
                visit(g, d + 1, path | {g})

    visit(name, 1, frozenset())
    return depth


def candidate_sets(name: str, graph: dict[str, frozenset[str]], wrong: set[str]) -> list[tuple[str, ...]]:
    """Sets of the wrong functions `name` relies on, in the order to try: smallest first, deepest on a tie.

    Only functions the reference relies on too count: a sigmoid written on top of the student's own
    sigmoid_derivative (which calls it back) inherits nothing — it would pass with a right σ' while
    neither of them works.
    """
    depth = relied_on(name, graph)
    allowed = relied_on(name, reference_graph())
    pool = sorted((f for f in depth if f in wrong and f in allowed), key=lambda f: (-depth[f], f))
    sets = [s for k in range(1, min(MAX_SET, len(pool)) + 1) for s in itertools.combinations(pool, k)]
    return sorted(sets, key=lambda s: (len(s), -sum(depth[f] for f in s)))


CALLS_BACK = frozenset({"numerical_gradient"})  # right versions that call the student's code (its f): in the sandbox


def substitute(names: tuple[str, ...]) -> dict:
    """How a second run puts the right versions of `names` in place: each is `asked` of the oracle, outside the
    student's process (`sandbox.oracle`), except those that call back the student's code, which go in as `code`."""
    local = tuple(n for n in names if n in CALLS_BACK)
    return {"names": list(names), "asked": [n for n in names if n not in CALLS_BACK],
            "code": right_versions(local) if local else ""}


def right_versions(names: tuple[str, ...]) -> str:
    """Code that defines the right versions of `names`, with the reference functions they call, and numpy.

    It is what the sandbox executes in a namespace of its own: the reference module itself never
    goes there, only these functions' text.
    """
    graph, fns = reference_graph(), reference_functions()
    needed, todo = set(), list(names)
    while todo:
        f = todo.pop()
        if f not in needed:
            needed.add(f)
            todo += graph.get(f, ())
    bodies = [textwrap.dedent(inspect.getsource(fns[f])) for f in sorted(needed)]
    return "import numpy as np\n\n\n" + "\n\n".join(bodies)


def explain(name: str, inherited: list[dict], graph: dict[str, frozenset[str]]) -> str:
    """What a teacher says of a function that is right but calls wrong ones of the student's."""
    parts = []
    paths = {item["function"]: _path(name, item["function"], graph) for item in inherited}
    for item in sorted(inherited, key=lambda it: len(paths[it["function"]])):  # the ones it calls itself first
        f, mistake = item["function"], item.get("mistake")
        via, named = paths[f], f" ({mistake})" if mistake else ""
        if len(via) <= 2:
            parts.append(f"your {f}{named}")
        elif len(inherited) == 1:  # one chain: told along the way
            parts.append("your " + ", which calls your ".join(via[1:]) + named)
        else:  # among others: the way to it in brackets, so that no chain seems to run into the next name
            parts.append(f"your {f}{named} (through your " + ", your ".join(via[1:-1]) + ")")
    these = "that one" if len(inherited) == 1 else ("those two" if len(inherited) == 2 else "those")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{name} is right: it fails only because it calls {listed} — fix {these} and it passes"


def _path(start: str, goal: str, graph: dict[str, frozenset[str]]) -> list[str]:
    """The shortest chain of calls from `start` to `goal` (both included)."""
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for g in sorted(graph.get(path[-1], ())):
            if g == goal:
                return [*path, g]
            if g not in seen:
                seen.add(g)
                paths.append([*path, g])
    return [start, goal]


def helpers(assignment: str) -> tuple:
    """(assignment, Check, the checks relying on it) of the graded functions of other assignments that this one's
    references rely on: ps3's train relies on ps1's backprop, forward and loss, which ps3 does not grade."""
    return _helpers(assignments.get(assignment), tuple(assignments.ASSIGNMENTS.values()))


@cache
def _helpers(this: assignments.Assignment, every: tuple[assignments.Assignment, ...]) -> tuple:
    own = {c.name for c in this.checks}
    graph = reference_graph()
    users = {c.name: set(relied_on(c.name, graph)) for c in this.checks}
    return tuple((a.name, c, tuple(u for u, r in users.items() if c.name in r)) for a in every if a != this
                 for c in a.checks if c.name not in own and any(c.name in r for r in users.values()))


@dataclass(frozen=True)
class Trial:
    """One second run of a failed function, with the right versions of `names` in place of the student's."""

    function: str
    names: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.function} with the right {'+'.join(self.names)}"


def graph_of(steps: list[dict]) -> dict[str, frozenset[str]]:
    """The call graph of one submission: the student's own functions as written, the reference's elsewhere."""
    return {**reference_graph(), **student_graph([s["source"] for s in steps if s["kind"] == "cell"])}


def trials(steps: list[dict], tests: dict) -> tuple[list[dict], list[Trial]]:
    """The steps of the second run — the cells as before and, where each failed function that relies on wrong
    ones was checked, one check per set of right versions — and the trials they stand for ([] when none)."""
    graph = graph_of(steps)
    wrong = {name for name, t in tests.items() if t.status not in ("passed", "missing")}
    out, planned = [], []
    for step in steps:
        if step["kind"] == "cell":
            out.append(step)
            continue
        own = tests.get(step["name"])
        if step.get("probe") or own is None or own.status in ("passed", "missing"):
            continue
        for names in candidate_sets(step["name"], graph, wrong):
            if own.status == "timeout" and not any(tests[n].status == "timeout" for n in names):
                continue  # a loop of its own: each trial would cost the time limit
            trial = Trial(step["name"], names)
            out.append({**step, "key": trial.key, "substitute": substitute(names)})
            planned.append(trial)
    return (out, planned) if planned else ([], [])


def inherited_sets(planned: list[Trial], passed) -> dict[str, tuple[str, ...]]:
    """Per function, the first set (in the order tried) whose right versions made it pass on every case."""
    found: dict[str, tuple[str, ...]] = {}
    for trial in planned:
        if trial.function not in found and passed(trial):
            found[trial.function] = trial.names
    return found


def carry(test, names: tuple[str, ...], tests: dict, graph: dict, carry_forward: bool) -> None:
    """Mark `test` as failing only through `names`; with carry-forward it keeps its points."""
    test.inherited = [{"function": f, "mistake": tests[f].mistake} for f in names]
    named = list(dict.fromkeys(m for f in names for m in (tests[f].mistakes or [])))
    if named:
        test.mistakes, test.mistake = named, named[0]
    tally = test.message.rsplit("(", 1)[-1] if test.message.endswith("cases right).") else ""
    test.message = explain(test.name, test.inherited, graph) + (f" (as written, {tally}" if tally else ".")
    if carry_forward:
        test.score = test.max_score
