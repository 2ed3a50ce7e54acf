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
from functools import cache
from types import FunctionType

from solutions import ps1, ps2, ps3

MODULES = (ps1, ps2, ps3)
MAX_SET = 3  # at most this many functions put right at once


@cache
def reference_functions() -> dict[str, FunctionType]:
    """Every reference function by name (the names are the student's, unique across the assignments)."""
    found = {}
    for module in MODULES:
        for name, fn in vars(module).items():
            if isinstance(fn, FunctionType) and fn.__module__ == module.__name__:
                found[name] = fn
    return found


def calls(tree: ast.AST, known: set[str]) -> set[str]:
    """The names in `known` that code calls by name."""
    return {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id in known}


@cache
def reference_graph() -> dict[str, frozenset[str]]:
    """Reference function → the reference functions it calls directly."""
    fns = reference_functions()
    return {name: frozenset(calls(ast.parse(textwrap.dedent(inspect.getsource(fn))), set(fns)) - {name})
            for name, fn in fns.items()}


def student_graph(sources: list[str]) -> dict[str, frozenset[str]]:
    """Student function → the graded names it calls, from the cells run before a check (the last def wins)."""
    known = set(reference_functions())
    graph: dict[str, frozenset[str]] = {}
    for source in sources:
        try:
            tree = ast.parse(source)
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
    """Sets of the wrong functions `name` relies on, in the order to try: smallest first, deepest on a tie."""
    depth = relied_on(name, graph)
    pool = sorted((f for f in depth if f in wrong), key=lambda f: (-depth[f], f))
    sets = [s for k in range(1, min(MAX_SET, len(pool)) + 1) for s in itertools.combinations(pool, k)]
    return sorted(sets, key=lambda s: (len(s), -sum(depth[f] for f in s)))


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
    for item in inherited:
        f, mistake = item["function"], item.get("mistake")
        via = _path(name, f, graph)
        where = f"your {f}" if len(via) <= 2 else "your " + ", which calls your ".join(via[1:])
        parts.append(where + (f" ({mistake})" if mistake else ""))
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
