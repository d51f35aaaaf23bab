"""One app, one of each: the registries are built once and shared by every service (the render
service used to build its own), the ATS check composes the render service and the parser pool,
and CV versions have one writer (the CV service; the parse worker goes through it)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from htdy.core.host.testing import make_settings
from htdy.core.http import appkeys
from htdy.core.http.app import create_app

REPO = Path(__file__).resolve().parents[2]


def test_one_registries_object_per_app(tmp_path: Path, monkeypatch: Any) -> None:
    from htdy.core.host import plugins

    calls = []
    real = plugins.build_registries
    monkeypatch.setattr(plugins, "build_registries", lambda *a, **k: calls.append(a) or real(*a, **k))
    import htdy.core.http.app as app_module
    monkeypatch.setattr(app_module, "build_registries", plugins.build_registries)

    app = create_app(make_settings(tmp_path))
    svc = app[appkeys.services]
    assert len(calls) == 1
    assert svc.registries is app[appkeys.registries] and svc.render is not None
    assert svc.render.regs is svc.registries and svc.render.pm is app[appkeys.pm]
    assert svc.ats is not None and svc.ats.render is svc.render


def test_the_ats_check_parses_through_the_shared_parser_pool(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, node={"roles": ["api"]}))
    svc = app[appkeys.services]
    assert svc.parser_pool is None  # started on first use, not by an API node's start-up
    pool = svc.parsers()
    try:
        assert pool is svc.parsers() and pool.workers == 1  # a node without the parser role: one process
    finally:
        pool.close(wait=False)


def _writes(pattern: str) -> list[str]:
    found = []
    for path in sorted((REPO / "core").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line):
                found.append(f"{path.relative_to(REPO).as_posix()}:{n}")
    return found


def test_cv_versions_have_one_writer() -> None:
    writers = _writes(r"\bCVVersion\.(create|bulk_create)\(|(?<!class )\bCVVersion\(")
    assert len(writers) == 1 and writers[0].startswith("core/services/cvs.py:"), writers
    # CV rows are written by services only (the parse worker calls cvs.add_parsed_version)
    cv_writes = _writes(r"\bCV\.(create|bulk_create)\(|\bCV\.filter\([^)]*\)\.update\(")
    assert cv_writes and all(w.startswith("core/services/") for w in cv_writes), cv_writes
