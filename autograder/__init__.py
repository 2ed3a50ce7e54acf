"""backprop-kit's grading library and the `bpkit` command.

Pipeline: read a submission → run it isolated (runner, sandbox) → compare with the
reference (judge) → name the mistake (mistakes) → report (report).
"""

__version__ = "0.1.0"
