"""Shared by every stage: the vocabularies, the display order, and the files that pass between stages."""
