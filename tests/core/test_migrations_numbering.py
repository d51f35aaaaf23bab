"""Migrations run in the order of their number: two files with one number run in whatever order
the file system lists them (two branches each added a migration 4)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "migrations" / "models"


def test_every_migration_has_a_number_of_its_own():
    numbers = [int(p.name.split("_", 1)[0]) for p in FOLDER.glob("*.py") if p.name.split("_", 1)[0].isdigit()]
    twice = sorted(n for n, c in Counter(numbers).items() if c > 1)
    assert not twice, f"migration numbers used twice: {twice}"
    assert sorted(numbers) == list(range(len(numbers))), sorted(numbers)
