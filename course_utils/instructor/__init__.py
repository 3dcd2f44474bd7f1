"""For trainers: cohort reports, item analysis, exports, cue audits, simulated cohorts and the demo."""
