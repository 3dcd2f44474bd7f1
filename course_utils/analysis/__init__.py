"""Reading a learner's own words: what a written reply does (reflects, asks, advises ...)."""
