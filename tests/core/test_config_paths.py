"""Relative paths in the configuration (the SQLite database, local file storage, the
embedded search index) are relative to the configuration file's folder, so the CLI finds
the project's data from any current folder (issue 9 §4)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from htdy.core.host.config import load_settings
from htdy.core.host.plugin_checks import validate_options
from htdy.plugins.search_backends.embedded import EmbeddedSearch
from htdy.storage_backends.local import LocalStorage

CONFIG = """
[database]
url = "sqlite://data/htdy.sqlite3"

[auth]
secret_key = "config-paths-test-secret-0123456789"
"""


def _project(tmp_path: Path) -> Path:
    proj = tmp_path / "project"
    proj.mkdir()
    (proj / "htdy.toml").write_text(CONFIG)
    return proj


def test_relative_paths_follow_the_config_file(tmp_path, monkeypatch):
    proj = _project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = load_settings("../project/htdy.toml")
    assert settings.database.url == f"sqlite://{proj}/data/htdy.sqlite3"
    local = validate_options(LocalStorage, "storage_backends", "local", {}, settings.source)
    assert local.root == str(proj / "var" / "files")
    assert validate_options(LocalStorage, "storage_backends", "local", {"root": "blobs"}, settings.source).root \
        == str(proj / "blobs")
    assert validate_options(LocalStorage, "storage_backends", "local", {"root": "/srv/x"}, settings.source).root == "/srv/x"
    search = validate_options(EmbeddedSearch, "search_backends", "embedded", {}, settings.source)
    assert search.path == str(proj / "var" / "search.sqlite3")
    # no file: the current folder, as before
    monkeypatch.delenv("HTDY_CONFIG", raising=False)
    assert load_settings().database.url == "sqlite://var/htdy.sqlite3"
    assert validate_options(LocalStorage, "storage_backends", "local", {}, "<defaults>").root == "var/files"
    # absolute and in-memory databases are left alone
    (proj / "mem.toml").write_text(CONFIG.replace("data/htdy.sqlite3", ":memory:"))
    assert load_settings(proj / "mem.toml").database.url == "sqlite://:memory:"


def test_cli_finds_the_database_from_any_folder(tmp_path):
    proj = _project(tmp_path)
    env = {**os.environ, "HTDY_CONFIG": str(proj / "htdy.toml"), "HTDY_DISABLE_ENTRYPOINTS": "1"}
    cli = [sys.executable, "-c", "from htdy.core.commands.cli import main; main()"]
    first = subprocess.run([*cli, "migrate"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (proj / "data" / "htdy.sqlite3").is_file() and not (tmp_path / "data").exists()
    other = tmp_path / "somewhere" / "else"
    other.mkdir(parents=True)
    again = subprocess.run([*cli, "migrate"], cwd=other, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "up to date" in again.stdout, again.stdout + again.stderr
    assert not (other / "data").exists() and not (other / "var").exists()
