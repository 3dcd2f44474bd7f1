"""nbgrader preprocessors that protect autograde: restored cells, added code, the kernel's environment."""
