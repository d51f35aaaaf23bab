"""Migrations of the tortoise app ``models``."""
