"""htdy perf run: the seed's load scenarios against a target, verdicts and reports (docs/perf.md)."""
