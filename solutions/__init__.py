"""Reference implementations of every student function (ps1, ps2, ps3).

The solution regions of the source notebooks hold this same code; a test proves it.
"""
