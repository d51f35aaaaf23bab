"""Limits shared by the extraction backends (bad input must fail fast, not hang)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_pages: int = 50
    max_bytes: int = 20 * 1024 * 1024  # input file size
    max_chars_per_page: int = 60_000  # a CV page holds ~5k characters
    max_docx_uncompressed: int = 50 * 1024 * 1024  # zip bomb guard
    max_docx_entries: int = 2_000
