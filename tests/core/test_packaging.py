"""The distribution ships every folder of the package: setuptools warns ("Package … is
absent from the `packages` configuration") about a folder of data files that is not
listed, and a folder of modules that is not listed is missing from a wheel (issue 9 §4:
`make install` prints no packaging warnings)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# not part of the installed package: the repository's own tooling, tests and documents
OUTSIDE = {"tests", "docs", "deploy", "var", "build", "dist", ".venv", ".mypy-path", "htdy.egg-info",
           "parsers/training"}


def _shipped_dirs() -> set[str]:
    found = set()
    for d in ROOT.rglob("*"):
        rel = d.relative_to(ROOT).as_posix()
        if not d.is_dir() or any(rel == o or rel.startswith(o + "/") for o in OUTSIDE):
            continue
        if any(part.startswith((".", "__")) for part in d.relative_to(ROOT).parts):
            continue
        if any(f.is_file() for f in d.iterdir()):
            found.add("htdy." + rel.replace("/", "."))
    return found


def test_every_folder_of_the_package_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    assert _shipped_dirs() - listed == set(), "add these to [tool.setuptools] packages"
    assert {p for p in listed if p != "htdy"} - _shipped_dirs() == set(), "listed but not in the tree"


def test_make_install_silences_only_the_editable_note():
    make = (ROOT / "Makefile").read_text()
    assert 'PYTHONWARNINGS="ignore:Editable installation"' in make
    assert "PYTHONWARNINGS=\"ignore\"" not in make and "-W ignore" not in make
