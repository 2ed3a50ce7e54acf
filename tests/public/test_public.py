"""The public checks students run: in sync, numpy only, right on the reference, naming mistakes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from autograder import public
from autograder.assignments import ASSIGNMENTS
from autograder.checks import assignment
from autograder.course import kit_course

ROOT = kit_course()
PUBLISHED = [a for a in ASSIGNMENTS if (ROOT / "source" / a / "public_cases.json").is_file()]


def same_data(a, b, path="") -> list[str]:
    """Where two JSON values differ: structure, strings and ints exactly, floats to 1e-9 (machines round apart)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} != {sorted(b)}"]
        return [d for k in a for d in same_data(a[k], b[k], f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in same_data(x, y, f"{path}/{i}")]
    if isinstance(a, float) and isinstance(b, float):
        return [] if a == b or (a != a and b != b) or abs(a - b) <= 1e-9 * max(abs(a), abs(b)) else [f"{path}: {a} {b}"]
    return [] if a == b and type(a) is type(b) else [f"{path}: {a!r} != {b!r}"]


@pytest.mark.parametrize("a", PUBLISHED)
def test_public_files_are_in_sync(a):
    """source/<a>/ holds what `bpkit public` writes (run it after changing cases or checks): the same code, and
    the same data up to the last digits of a float, which another machine's BLAS rounds differently."""
    for name, text in public.files(a).items():
        committed = (ROOT / "source" / a / name).read_text()
        if name.endswith(".json"):
            assert not same_data(json.loads(committed), json.loads(text))[:5], f"{a}/{name}: run `bpkit public`"
        else:
            assert committed == text, f"{a}/{name}: run `bpkit public`"


def test_same_data_can_fail():
    """The comparison sees a changed message, a dropped mutant and a float off in its sixth digit."""
    data = {"m": [{"message": "x", "v": 1.0}]}
    assert same_data(data, {"m": [{"message": "y", "v": 1.0}]})
    assert same_data(data, {"m": []})
    assert same_data(data, {"m": [{"message": "x", "v": 1.000001}]})
    assert not same_data(data, {"m": [{"message": "x", "v": 1.0 + 1e-13}]})


def run_public(tmp_path, a, code: str) -> subprocess.CompletedProcess:
    """Run `code` in an isolated interpreter that sees only the released public files."""
    public.write(a, tmp_path)
    prelude = "import sys; sys.modules['autograder'] = None; sys.modules['solutions'] = None\n"
    return subprocess.run([sys.executable, "-I", "-c", prelude + textwrap.dedent(code)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("a", PUBLISHED)
def test_reference_passes_public_checks_without_the_kit(tmp_path, a):
    """With autograder and solutions unimportable, the reference's outputs pass every public check."""
    data = public.public_data(a)
    names = [c.name for c in assignment(a) if not c.answer]
    # feed the checker the expected outputs back through a function that returns them
    code = f"""
    import json, sys
    sys.path.insert(0, '.')
    import bpkit_public as bp
    for name in {names!r}:
        cases = bp.DATA['functions'][name]['cases']
        outs = iter([bp.decode(c['expected']) for c in cases])
        bp.check(name, lambda *a, **k: next(outs))
    """
    done = run_public(tmp_path, a, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("✓") == len(names)
    assert json.loads((tmp_path / "public_cases.json").read_text()) == json.loads(json.dumps(data))


def test_public_check_names_a_mistake(tmp_path):
    """σ'(z) written as z·(1−z) is named derivative-of-activation by the public check."""
    done = run_public(tmp_path, "ps1", """
    import sys
    sys.path.insert(0, '.')
    import bpkit_public as bp
    bp.check("sigmoid_derivative", lambda z: z * (1 - z))
    """)
    assert done.returncode != 0
    assert "[derivative-of-activation]" in done.stderr


def test_public_check_reports_a_plain_discrepancy(tmp_path):
    """A wrong answer that matches no mistake shows the largest discrepancy."""
    done = run_public(tmp_path, "ps1", """
    import sys
    sys.path.insert(0, '.')
    import numpy as np
    import bpkit_public as bp
    bp.check("sigmoid", lambda z: np.tanh(z))
    """)
    assert done.returncode != 0 and "largest discrepancy" in done.stderr


def test_public_check_stops_a_loop(tmp_path):
    """An endless loop is stopped by the public check's time limit."""
    done = run_public(tmp_path, "ps1", """
    import sys
    sys.path.insert(0, '.')
    import bpkit_public as bp
    bp.SECONDS = 1
    def sigmoid(z):
        while True:
            pass
    bp.check("sigmoid", sigmoid)
    """)
    assert done.returncode != 0 and "TimeoutError" in done.stderr


def test_checker_imports_only_numpy():
    """The checker's imports are the standard library, numpy and its sibling bpkit_casefns."""
    import ast

    tree = ast.parse(public.CHECKER.read_text())
    imported = {n.names[0].name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import)}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported <= {"contextlib", "itertools", "json", "signal", "pathlib", "numpy", "bpkit_casefns"}, imported
    assert np  # numpy is the one dependency


def test_gradient_check_public_accepts_round_off(tmp_path):
    """Below 1e-7 a relative error is round-off: another correct value there still passes."""
    done = run_public(tmp_path, "ps2", """
    import sys
    sys.path.insert(0, '.')
    import bpkit_public as bp
    cases = bp.DATA['functions']['gradient_check']['cases']
    outs = iter([{k: (v * 1.7 if v < 1e-7 else v) for k, v in bp.decode(c['expected']).items()} for c in cases])
    bp.check("gradient_check", lambda *a, **k: next(outs))
    """)
    assert done.returncode == 0, done.stderr


NETWORK = """
import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))
def forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = sigmoid(Z1)
    Z2 = A1 @ W2 + b2
    return Z1, A1, Z2, sigmoid(Z2)
def output_delta(Y, A2, Z2):
    return (A2 - Y) * sigmoid_derivative(Z2)
def hidden_delta(delta2, W2, Z1):
    return delta2 @ W2.T * sigmoid_derivative(Z1)
def gradients(X, A1, delta1, delta2):
    return X.T @ delta1, delta1.sum(axis=0), A1.T @ delta2, delta2.sum(axis=0)
def backprop(X, Y, W1, b1, W2, b2):
    Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
    d2 = output_delta(Y, A2, Z2)
    d1 = hidden_delta(d2, W2, Z1)
    return gradients(X, A1, d1, d2)
"""


def checked(tmp_path, name: str, changes: str) -> str:
    """What the public check of `name` says of the network above with `changes` run after it."""
    code = "import sys\nsys.path.insert(0, '.')\nimport bpkit_public as bp\n" + NETWORK + textwrap.dedent(changes)
    code += f"\ntry:\n    bp.check({name!r}, {name})\nexcept AssertionError as e:\n    print('FAILED', e)\n"
    done = run_public(tmp_path, "ps1", code)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_public_check_says_a_right_function_fails_through_its_helper(tmp_path):
    """carol: only σ' is wrong; backprop, output_delta and hidden_delta are right on top of it."""
    wrong = "def sigmoid_derivative(z):\n    return z * (1 - z)\n"
    said = checked(tmp_path, "backprop", wrong)
    assert "FAILED" in said and "backprop itself is right" in said and "calls your sigmoid_derivative " in said
    assert "calls your sigmoid_derivative " in checked(tmp_path, "output_delta", wrong)


def test_public_check_finds_two_helpers_and_only_wrong_ones(tmp_path):
    """dan: output_delta takes Y − A2 and gradients keep dims; backprop fails through exactly those two."""
    said = checked(tmp_path, "backprop", """
    def output_delta(Y, A2, Z2):
        return (Y - A2) * sigmoid_derivative(Z2)
    def gradients(X, A1, delta1, delta2):
        return X.T @ delta1, delta1.sum(axis=0, keepdims=True), A1.T @ delta2, delta2.sum(axis=0, keepdims=True)
    """)
    assert "calls your gradients and output_delta (see their own check)" in said, said


def test_public_check_does_not_excuse_a_function_wrong_itself(tmp_path):
    """A backprop with its own bug on top of a wrong helper, and one that inlines the helper's bug, inherit nothing."""
    wrong_itself = checked(tmp_path, "backprop", """
    def sigmoid_derivative(z):
        return z * (1 - z)
    _right = backprop
    def backprop(*args):
        return tuple(2 * g for g in _right(*args))
    """)
    inlined = checked(tmp_path, "backprop", """
    def backprop(X, Y, W1, b1, W2, b2):
        Z1, A1, Z2, A2 = forward(X, W1, b1, W2, b2)
        d2 = (A2 - Y) * Z2 * (1 - Z2)
        d1 = d2 @ W2.T * Z1 * (1 - Z1)
        return gradients(X, A1, d1, d2)
    """)
    for said in (wrong_itself, inlined):
        assert "FAILED" in said and "itself is right" not in said
    assert "✓ backprop" in checked(tmp_path, "backprop", "")


def test_public_check_names_the_new_catalogue_mistakes(tmp_path):
    """The precedence slip (inf where the mutant overflows too), a delta without σ', a loss summed by rows."""
    slip = "def sigmoid(z):\n    return 1 / 1 + np.exp(-z)\n"
    assert "[sigmoid-precedence]" in checked(tmp_path, "sigmoid", slip)
    assert "calls your sigmoid " in checked(tmp_path, "sigmoid_derivative", slip)
    no_slope = "def output_delta(Y, A2, Z2):\n    return A2 - Y\n"
    assert "[derivative-missing]" in checked(tmp_path, "output_delta", no_slope)
    by_rows = "def loss(Y, A2):\n    return 0.5 * sum((A2 - Y) ** 2)\n"
    assert "[builtin-sum]" in checked(tmp_path, "loss", by_rows)
    right = "def loss(Y, A2):\n    return 0.5 * sum(sum((A2 - Y) ** 2))\n"
    assert "✓ loss" in checked(tmp_path, "loss", right)


def test_public_check_uses_each_functions_own_tolerance(tmp_path):
    """numerical_gradient is graded with atol 1e-6: an answer 5e-7·max|r| off passes its public check as it passes
    the grader (the default atol, 1e-7, would fail it); 5e-6·max|r| off fails both."""
    from autograder.checks import assignment as checks_of

    check = next(c for c in checks_of("ps2") if c.name == "numerical_gradient")
    assert check.tolerance.atol == 1e-6
    said = {}
    for off in (5e-7, 5e-6):
        done = run_public(tmp_path, "ps2", f"""
        import sys
        sys.path.insert(0, '.')
        import numpy as np
        import bpkit_public as bp
        cases = bp.DATA['functions']['numerical_gradient']['cases']
        outs = iter([np.asarray(bp.decode(c['expected'])) + {off} * np.max(np.abs(bp.decode(c['expected'])))
                     for c in cases])
        bp.check("numerical_gradient", lambda *a, **k: next(outs))
        """)
        said[off] = done.returncode
    assert said == {5e-7: 0, 5e-6: 1}


def test_public_check_names_a_course_mistake_on_the_shared_case(tmp_path):
    """A label's answer on the worked example (a public case every student's hidden cases share too) ships with
    the data: an output_delta giving it there is named with the course's id and sentence; the right one is not."""
    import numpy as np

    from autograder import cluster
    from autograder.labels import Label
    from autograder.plain import from_plain, to_plain

    worked = "the worked example (N=1, D=2, H=2, K=1)"
    data = public.public_data("ps1")
    case = next(c for c in data["functions"]["output_delta"]["cases"] if c["label"] == worked)
    Y, A2, _ = [np.array(a["array"]) for a in case["args"]]
    wrong = (A2 - Y) * A2
    lab = Label("times-a2", "ps1", "output_delta", "δ2 multiplies by A2", "eve",
                {worked: cluster.dump(from_plain(to_plain(wrong)))})
    public.write("ps1", tmp_path, (lab,))
    code = """
    import sys
    sys.path.insert(0, '.')
    import bpkit_public as bp
    try:
        bp.check("output_delta", lambda Y, A2, Z2: (A2 - Y) * A2)
    except AssertionError as e:
        print("FAILED", e)
    """
    done = subprocess.run([sys.executable, "-I", "-c", textwrap.dedent(code)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert "δ2 multiplies by A2 [times-a2]" in done.stdout, done.stdout + done.stderr
    marked = [m for c in json.loads((tmp_path / "public_cases.json").read_text())["functions"]["output_delta"]["cases"]
              for m in c["mutants"] if m.get("course")]
    assert [m["mistake"] for m in marked] == ["times-a2"]  # on the worked example only


def test_a_mutant_is_kept_unless_rounding_flips_it():
    """A mutant whose output a nudge of 1e-12 moves ten thousandfold (training amplifies it) is kept on every
    machine; one a nudge flips (a threshold, chaos) is dropped; the line lies far from both."""
    from autograder.cases import Case
    from autograder.public.data import stable

    case = Case("c", (np.linspace(0.1, 1.0, 5),))
    amplified = lambda c: c.args[0] * (1 + 1e4 * (c.args[0] - np.linspace(0.1, 1.0, 5)))  # noqa: E731
    flipping = lambda c: (c.args[0] > np.linspace(0.1, 1.0, 5)).astype(float)  # noqa: E731
    assert stable(amplified, case, amplified(case))
    assert not stable(flipping, case, flipping(case))
