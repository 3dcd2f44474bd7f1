"""What runs in the learner's kernel around the items: start, progress and the competency report."""
