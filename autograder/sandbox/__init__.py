"""Running untrusted code: a forked child with limits, talking back in plain JSON.

fork.py   — run one callable in a forked child (nbgrader's hidden tests use it in the kernel)
limits.py — what a child may do: time, memory, processes, files, network, output
child.py  — inside a child: execute a notebook's cells and run the checks
zygote.py — a clean pre-warmed process that forks one child per submission
pool.py   — the grader's side: a pool of zygotes, jobs in, results out
"""
