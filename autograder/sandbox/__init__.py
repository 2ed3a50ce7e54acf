"""Running untrusted code: forked, confined children, talking back in typed records (`protocol`).

Everything the zygote and its children import lives here; of the rest of the grader they import
`autograder.plain` alone, never the reference solutions, the checks or the cases
(tests/sandbox/test_inside.py holds them to it).

protocol.py   — the typed, bounded records between these processes and the grader
fork.py       — run one callable in a forked child (nbgrader's hidden tests use it in the kernel)
limits.py     — what a child may do: time, memory, processes, files, output; a submission's total time
confine.py    — namespaces, tmpfs scratch, chroot, no privileges; or `Unavailable`, said once, up front
child.py      — inside a child: run the steps its supervisor asks for
runner.py     — inside a child: call a function on its cases, as plain data
casefns.py    — the functions handed to the student's code as arguments (shipped to students too)
shared.py     — the cases' arrays in memory the supervisor compares itself
supervisor.py — one fresh process per submission: drives the child's steps, keeps their time
zygote.py     — a clean pre-warmed process that forks one supervisor per submission
pool.py       — the grader's side: a pool of zygotes, jobs in, results out
"""
