"""Running untrusted code: forked, confined children, talking back in typed records (`autograder.protocol`).

fork.py       — run one callable in a forked child (nbgrader's hidden tests use it in the kernel)
limits.py     — what a child may do: time, memory, processes, files, output; a submission's total time
confine.py    — namespaces, tmpfs scratch, chroot, no privileges; or `Unavailable`, said once, up front
child.py      — inside a child: run the steps its supervisor asks for
shared.py     — the cases' arrays in memory the supervisor compares itself
supervisor.py — one fresh process per submission: drives the child's steps, keeps their time
zygote.py     — a clean pre-warmed process that forks one supervisor per submission
pool.py       — the grader's side: a pool of zygotes, jobs in, results out
"""
