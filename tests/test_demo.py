"""`bpkit demo` says what it is doing before each nbgrader step and before bpkit grades."""

from __future__ import annotations

from autograder import batch, demo
from autograder.report import gradebook
from autograder.result import Report


def test_each_step_is_announced_before_it_runs(tmp_path, monkeypatch, capsys):
    """Every nbgrader command and the bpkit grading are preceded by a line naming them."""
    def fake_nbgrader(course, *args, check=True):
        print(f"RAN nbgrader {' '.join(args)}")
        return 0

    def fake_grade(a, found, *args, **kwargs):
        print("RAN bpkit grade")
        return Report(a)

    monkeypatch.setattr(demo, "nbgrader", fake_nbgrader)
    monkeypatch.setattr(batch, "grade", fake_grade)
    monkeypatch.setattr(gradebook, "read", lambda course, a, students=None: Report(a))
    demo.run(keep=tmp_path / "course", assignments=["ps1"])
    lines = capsys.readouterr().out.splitlines()
    ran = [i for i, ln in enumerate(lines) if ln.startswith("RAN ")]
    assert [lines[i] for i in ran] == ["RAN nbgrader generate_assignment ps1 --force",
                                       "RAN nbgrader autograde ps1 --force",
                                       "RAN nbgrader generate_feedback ps1 --force", "RAN bpkit grade",
                                       "RAN nbgrader export"]
    for i in ran:
        what = lines[i].removeprefix("RAN ").removesuffix(" --force")
        assert lines[i - 1].strip().startswith(what), (lines[i - 1], what)
