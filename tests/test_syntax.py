"""syntax.parse: the grader's threads never build syntax trees at the same time (CPython 3.11 trips on it)."""

from __future__ import annotations

import ast
import threading
import time

import pytest

from autograder import syntax


def test_two_threads_never_parse_at_once(monkeypatch):
    """ast.parse made slow and watched: with four threads parsing through syntax.parse, at most one is inside."""
    inside, most, real = [0], [0], ast.parse

    def watched(source, *args, **kwargs):
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.002)  # let the others run
        try:
            return real(source, *args, **kwargs)
        finally:
            inside[0] -= 1

    monkeypatch.setattr(ast, "parse", watched)
    syntax.parse.cache_clear()
    threads = [threading.Thread(target=lambda t=t: [syntax.parse(f"def f{t}_{i}(x):\n    return [[x]]\n")
                                                    for i in range(20)])  # all different: each is parsed
               for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1


def test_a_syntax_error_is_raised_as_ast_raises_it():
    with pytest.raises(SyntaxError):
        syntax.parse("def (:")


def test_a_source_parsed_lately_is_not_parsed_again(monkeypatch):
    """The imports and the call graph of a cell cost one parse: the second asks get the same tree."""
    parsed, real = [], ast.parse
    monkeypatch.setattr(ast, "parse", lambda source, *a, **k: parsed.append(source) or real(source, *a, **k))
    syntax.parse.cache_clear()
    first = syntax.parse("import numpy as np\ndef f(x):\n    return np.tanh(x)\n")
    assert syntax.parse("import numpy as np\ndef f(x):\n    return np.tanh(x)\n") is first
    assert len(parsed) == 1
