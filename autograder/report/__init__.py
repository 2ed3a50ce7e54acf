"""Views of a `Report` (autograder.result): JSON, CSV, Gradescope, the gradebook, HTML."""
