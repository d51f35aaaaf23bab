"""htdy.toml → typed settings: defaults, validation, env overrides, secrets."""
from __future__ import annotations

from pathlib import Path

import pytest

from htdy.core.host.config import load_settings, settings_from_dict
from htdy.core.host.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "htdy.toml"
    p.write_text(text)
    return p


def test_repo_default_config_is_valid_and_embedded():
    s = load_settings(REPO / "htdy.toml", environ={})
    assert s.node.roles == ["api", "parser", "renderer"]
    assert s.database.url.startswith("sqlite://")
    assert s.storage.backend == "local"
    assert s.cache.tiers == ["memory"]
    assert s.search.backend == "embedded"
    assert s.queue.backend == "inprocess"


def test_missing_default_file_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings(environ={})
    assert s.source == "<defaults>"
    assert s.server.port == 8080


def test_explicit_missing_file_fails(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_htdy_config_env_names_the_file(tmp_path):
    p = write(tmp_path, "[server]\nport = 9001\n")
    s = load_settings(environ={"HTDY_CONFIG": str(p)})
    assert s.server.port == 9001
    assert s.source == str(p)


def test_unknown_key_names_file_and_key(tmp_path):
    p = write(tmp_path, "[server]\nprot = 1\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(p, environ={})
    assert str(p) in exc.value.message
    assert "server.prot: unknown key" in exc.value.message


def test_unknown_section_fails(tmp_path):
    p = write(tmp_path, "[servre]\nport = 1\n")
    with pytest.raises(ConfigError, match="servre: unknown key"):
        load_settings(p, environ={})


def test_wrong_type_says_what_was_expected(tmp_path):
    p = write(tmp_path, '[server]\nport = "eighty"\n')
    with pytest.raises(ConfigError) as exc:
        load_settings(p, environ={})
    assert "server.port" in exc.value.message
    assert "integer" in exc.value.message
    assert "'eighty'" in exc.value.message


def test_invalid_role_rejected(tmp_path):
    p = write(tmp_path, '[node]\nroles = ["api", "cook"]\n')
    with pytest.raises(ConfigError, match="node.roles"):
        load_settings(p, environ={})


def test_broken_toml_is_a_config_error(tmp_path):
    p = write(tmp_path, "[server\nport = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(p, environ={})


def test_env_overrides_scalars_and_lists(tmp_path):
    p = write(tmp_path, "[server]\nport = 9001\n")
    s = load_settings(p, environ={"HTDY_SERVER__PORT": "9100", "HTDY_NODE__ROLES": '["parser"]',
                                  "HTDY_DATABASE__URL": "postgres://x@127.0.0.1/db",
                                  "HTDY_AUTH__SECRET_KEY": "a-parser-node-secret-0123456789abcdef"})
    assert s.server.port == 9100
    assert s.node.roles == ["parser"]
    assert s.database.url == "postgres://x@127.0.0.1/db"


def test_env_override_of_unknown_key_fails():
    with pytest.raises(ConfigError, match="server.nope: unknown key"):
        settings_from_dict({}, environ={"HTDY_SERVER__NOPE": "1"})


def test_env_override_plugin_options():
    s = settings_from_dict({}, environ={"HTDY_PLUGINS__CACHE_TIERS__REDIS__URL": "redis://127.0.0.1:6379/3"})
    assert s.plugin_options("cache_tiers", "redis") == {"url": "redis://127.0.0.1:6379/3"}
    assert s.plugin_options("queue_backends", "redis") == {}


def test_env_secret(tmp_path):
    p = write(tmp_path, '[auth]\nsecret_key = {"$env" = "MY_SECRET"}\n')
    s = load_settings(p, environ={"MY_SECRET": "s3cr3t"})
    assert s.auth.secret_key == "s3cr3t"


def test_missing_env_secret_names_the_variable(tmp_path):
    p = write(tmp_path, '[auth]\nsecret_key = {"$env" = "MY_SECRET"}\n')
    with pytest.raises(ConfigError, match="MY_SECRET"):
        load_settings(p, environ={})


def test_file_secret(tmp_path):
    (tmp_path / "key").write_text("from-file\n")
    p = write(tmp_path, f'[plugins.storage_backends.s3]\nsecret = {{"$file" = "{tmp_path / "key"}"}}\n')
    s = load_settings(p, environ={})
    assert s.plugin_options("storage_backends", "s3") == {"secret": "from-file"}
