"""The ATS check: the service (render, parse, compare) and its scoring."""
