"""backprop-kit's grading library and the `bpkit` command.

Pipeline: read a submission → run it isolated (runner, sandbox) → compare with the
reference (judge) → name the mistake (mistakes) → report (report).
"""

import sys

__version__ = "0.1.0"

# nbformat's validator imports jsonschema, which imports rfc3987_syntax when it is installed (Jupyter pulls it
# in) to check the "iri" format — no notebook schema uses it — and that module compiles a grammar for ~3 s at
# import. Without it every bpkit command, and nbgrader with the kit's preprocessors, starts 3 s sooner.
sys.modules.setdefault("rfc3987_syntax", None)
