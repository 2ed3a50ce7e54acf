"""`.ci/run` runs exactly the README's two commands, and fails when one of them fails."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / ".ci" / "run"


def readme_commands() -> list[str]:
    """The command lines of the README's first bash block (comments and blank lines left out)."""
    block = re.search(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]


def ci_steps(text: str) -> list[str]:
    """The commands `.ci/run` runs, in order: its `step '…'` lines."""
    return re.findall(r"^step '(.*)'$", text, re.M)


def test_readme_has_the_demo_and_the_test_command():
    """The README's first bash block holds the demo command, then the test command."""
    demo, tests = readme_commands()
    assert demo.endswith("bpkit demo") and tests.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_commands():
    """Same strings, same order, and nothing else run as a step."""
    assert ci_steps(CI.read_text()) == readme_commands()


def test_ci_runs_with_only_the_system_path():
    """Its steps see no PATH but the system's own directories."""
    assert re.search(r"^SYSTEM_PATH=/usr/sbin:/usr/bin:/sbin:/bin$", CI.read_text(), re.M)
    assert 'PATH="$SYSTEM_PATH"' in CI.read_text()


def _run_ci_with(tmp_path, steps: list[str]) -> subprocess.CompletedProcess:
    """`.ci/run` itself, its apt-get part kept, with its steps replaced by `steps`, in an empty clone."""
    text = CI.read_text()
    body = "\n".join(f"step '{s}'" for s in steps)
    fake = re.sub(r"^step '.*'\n(?:step '.*'\n)*", body + "\n", text, flags=re.M)
    (tmp_path / ".ci").mkdir(exist_ok=True)
    (tmp_path / ".ci" / "run").write_text(fake.replace("command -v chromium", "true"))
    return subprocess.run(["bash", str(tmp_path / ".ci" / "run")], capture_output=True, text=True,
                          env={**os.environ, "PATH": "/usr/bin:/bin"}, timeout=60)


def test_ci_fails_when_a_step_fails(tmp_path):
    """A failing command anywhere in a step's && chain, or a failing pytest at its end, fails CI."""
    assert _run_ci_with(tmp_path, ["true", "true"]).returncode == 0
    assert _run_ci_with(tmp_path, ["false && true", "true"]).returncode != 0
    assert _run_ci_with(tmp_path, ["true", "true && exit 3"]).returncode != 0
    seen = _run_ci_with(tmp_path, ['echo "$PATH"', "true"]).stdout.strip()
    assert seen == "/usr/sbin:/usr/bin:/sbin:/bin"
