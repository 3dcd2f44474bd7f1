"""Content to nbgrader's source/ and release/: the notebooks, their checks, and the build."""
