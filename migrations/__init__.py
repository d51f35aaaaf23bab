"""Versioned database migrations (aerich), applied by ``htdy migrate``."""
