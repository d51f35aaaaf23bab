"""The corpus factory's tests print with one Chromium process per document: the in-process
Playwright browser the factory keeps for speed would leave its event loop running in the test
process, and every later asyncio test would fail with 'cannot be called from a running loop'."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _chromium_cli(monkeypatch):
    monkeypatch.setenv("HTDY_CHROMIUM_CLI", "1")
