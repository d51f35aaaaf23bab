"""Docs and tests keep the hooks honest: every hookspec is documented in docs/plugins.md
and exercised by a test named ``test_hook_<hookname>`` somewhere under tests/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from htdy.core.host import hookspecs

REPO = Path(__file__).resolve().parents[2]
HOOKS = sorted(n for n in dir(hookspecs) if n.startswith("htdy_"))


def test_there_are_hooks():
    assert "htdy_register_parsers" in HOOKS and len(HOOKS) >= 10


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented(hook):
    doc = (REPO / "docs" / "plugins.md").read_text()
    assert re.search(rf"^### {hook}\(", doc, re.M), f"{hook} has no section in docs/plugins.md"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_test(hook):
    names = set()
    for path in (REPO / "tests").rglob("test_*.py"):
        names.update(re.findall(r"def (test_hook_\w+)\(", path.read_text()))
    assert any(n == f"test_hook_{hook}" or n.startswith(f"test_hook_{hook}_") for n in names), \
        f"no test_hook_{hook} under tests/"


@pytest.mark.parametrize("hook", HOOKS)
def test_hookspec_has_docstring_and_types(hook):
    fn = getattr(hookspecs, hook)
    assert (fn.__doc__ or "").strip(), f"{hook} lacks a docstring"
    assert "return" in fn.__annotations__
