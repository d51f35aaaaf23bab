"""Every declared runtime dependency is used: each distribution in pyproject's
``[project] dependencies`` is imported somewhere in htdy's run-time code (an ``import``
statement, ``importlib.import_module("x")``, ``importlib.util.find_spec("x")`` or a lazily
registered ``"x.module:Class"`` target). A dependency nothing imports is removed, with the
reason in docs/dependencies.md (aiocache, dependency-injector, dateparser); one only the
training tools use lives in the ``training`` extra (rapidfuzz)."""
from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNTIME_DIRS = ("core", "parsers", "renderers", "plugins", "storage_backends", "perf", "migrations")
NOT_RUNTIME = ("parsers/training",)  # `make train` / `make parse-eval` only (the training extra)
DYNAMIC = {"import_module", "find_spec", "LazyImpl"}


def _requirement_name(req: str) -> str:
    return re.split(r"[<>=!~\[; ]", req, maxsplit=1)[0].strip()


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def imported_top_levels() -> set[str]:
    """Top-level module names htdy's run-time code imports, statically or by string."""
    seen: set[str] = set()
    files = [p for d in RUNTIME_DIRS for p in (REPO / d).rglob("*.py")
             if not any(p.relative_to(REPO).as_posix().startswith(n) for n in NOT_RUNTIME)]
    files.append(REPO / "__init__.py")
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                seen.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                seen.add(node.module.split(".")[0])
            elif isinstance(node, ast.Call):
                func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if func in DYNAMIC:
                    for arg in node.args:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                            seen.add(arg.value.split(":")[0].split(".")[0])
    return seen


def declared_runtime() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [_requirement_name(r) for r in project["dependencies"]]


@functools.cache
def _distributions_by_module() -> dict[str, list[str]]:
    return dict(importlib.metadata.packages_distributions())


def import_names(distribution: str) -> set[str]:
    """The top-level import names a distribution provides (``python-docx`` → ``docx``)."""
    mapping = _distributions_by_module()
    return {top for top, dists in mapping.items() if _canonical(distribution) in {_canonical(d) for d in dists}}


def test_the_scan_sees_known_imports() -> None:
    """Guards the test below against scanning nothing."""
    seen = imported_top_levels()
    assert {"aiohttp", "pluggy", "tortoise", "docx", "pdfminer", "lightgbm"} <= seen
    assert import_names("python-docx") == {"docx"} and "pdfminer" in import_names("pdfminer.six")


def test_every_declared_runtime_dependency_is_imported() -> None:
    seen = imported_top_levels()
    unused = {}
    for dist in declared_runtime():
        names = import_names(dist)
        assert names, f"{dist} is declared but not installed (make install)"
        if not names & seen:
            unused[dist] = sorted(names)
    assert not unused, f"declared in pyproject.toml but imported nowhere in htdy: {unused}"


def test_removed_dependencies_stay_removed_and_documented() -> None:
    declared = {_canonical(d) for d in declared_runtime()}
    constraints = {_canonical(line.split("==")[0]) for line in
                   (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines() if "==" in line}
    doc = (REPO / "docs" / "dependencies.md").read_text(encoding="utf-8")
    for name in ("aiocache", "dependency-injector", "dateparser"):
        assert name not in declared and name not in constraints, name
        assert f"`{name}`" in doc, f"docs/dependencies.md does not say why {name} was removed"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "rapidfuzz" not in declared
    assert any(_requirement_name(r) == "rapidfuzz" for r in project["optional-dependencies"]["training"])
