"""The parse-job workers."""
