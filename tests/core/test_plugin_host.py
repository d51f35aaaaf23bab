"""The plugin host: registries, duplicate and unknown names, built-ins like third parties,
and a real third-party distribution loaded from the ``htdy`` entry-point group."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from htdy import hookimpl
from htdy.core.host.errors import ConfigError, PluginNotFound
from htdy.core.host.interfaces import Parser, ParseResult
from htdy.core.host.plugin_checks import check_selected
from htdy.core.host.plugins import DEFAULT_PLUGINS, build_registries, describe_plugins, get_plugin_manager
from htdy.core.host.registry import Registry

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HTDY = str(Path(sys.executable).with_name("htdy"))


class EchoParser(Parser):
    name = "echo"
    kinds = ("text",)

    def parse(self, data, *, filename=None):
        return ParseResult(resume={"basics": {"name": data.decode()}})


class EchoPlugin:
    @hookimpl
    def htdy_register_parsers(self):
        return [EchoParser]


def test_registry_unknown_name_lists_known_ones():
    reg: Registry[int] = Registry("storage backend")
    reg.add("local", 1, owner="a")
    reg.add("s3", 2, owner="b")
    with pytest.raises(PluginNotFound) as exc:
        reg.get("nfs")
    assert "unknown storage backend 'nfs'; known: local, s3" in exc.value.message
    assert "is the plugin installed?" in exc.value.message


def test_registry_duplicate_name_fails_loudly():
    reg: Registry[int] = Registry("parser")
    reg.add("pdf", 1, owner="first")
    with pytest.raises(ConfigError, match="registered twice.*first.*second"):
        reg.add("pdf", 2, owner="second")


def test_builtins_are_registered_as_plugins():
    pm = get_plugin_manager(load_entrypoints=False)
    names = {name for name, _ in pm.list_name_plugin()}
    present = [m for m in DEFAULT_PLUGINS if m in names]
    assert present, "no built-in plugin module was registered"
    listed = {p["name"]: p for p in describe_plugins(pm)}
    for m in present:
        assert listed[m]["builtin"] is True
        assert listed[m]["distribution"]["name"] == "htdy"


def test_extra_plugin_object_adds_parser_and_is_selectable():
    pm = get_plugin_manager([EchoPlugin()], load_entrypoints=False)
    regs = build_registries(pm)
    assert regs.parsers.get("echo") is EchoParser
    check_selected(regs, {"parsers": ["echo"]})
    with pytest.raises(ConfigError, match="unknown parser 'nope'.*echo"):
        check_selected(regs, {"parsers": ["nope"]})


def test_duplicate_registration_across_plugins_fails():
    class Again:
        @hookimpl
        def htdy_register_parsers(self):
            return [EchoParser]

    pm = get_plugin_manager([EchoPlugin(), Again()], load_entrypoints=False)
    with pytest.raises(ConfigError, match="'echo' is registered twice"):
        build_registries(pm)


def test_misspelled_hook_fails_at_load():
    class Typo:
        @hookimpl
        def htdy_register_parserz(self):
            return []

    with pytest.raises(Exception, match="htdy_register_parserz"):
        get_plugin_manager([Typo()], load_entrypoints=False)


# --------------------------------------------------------------------------- third party
@pytest.fixture(scope="module")
def installed_example(tmp_path_factory) -> dict[str, str]:
    """pip-install tests/core/example_plugin as its own distribution into a target dir."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(HERE / "example_plugin")], check=True,
                   capture_output=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")])
    env.pop("HTDY_CONFIG", None)
    return env


def run_htdy(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HTDY, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_third_party_distribution_is_listed(installed_example, tmp_path):
    out = run_htdy(["plugins", "--json"], installed_example, tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    mine = [p for p in data["plugins"] if p["distribution"] and
            p["distribution"]["name"] == "htdy-example-parser"]
    assert len(mine) == 1
    assert mine[0]["builtin"] is False
    assert "htdy_register_parsers" in mine[0]["hooks"]
    assert "shouty" in data["registries"]["parsers"]


def test_third_party_parser_selectable_in_config(installed_example, tmp_path):
    cfg = tmp_path / "htdy.toml"
    cfg.write_text('[parsing]\nparsers = { pdf = "pdf", docx = "docx", text = "shouty" }\n'
                   '[plugins.parsers.shouty]\nsuffix = "!"\n')
    ok = run_htdy(["-c", str(cfg), "check"], installed_example, tmp_path)
    assert ok.returncode == 0, ok.stderr
    # Without the distribution on the path, the same file is refused at start-up.
    env = dict(installed_example)
    env["PYTHONPATH"] = ""
    bad = run_htdy(["-c", str(cfg), "check"], env, tmp_path)
    assert bad.returncode != 0
    assert "unknown parser 'shouty'" in bad.stderr


def test_unknown_storage_backend_exits_with_one_line_error(tmp_path):
    cfg = tmp_path / "htdy.toml"
    cfg.write_text('[storage]\nbackend = "floppy"\n')
    env = dict(os.environ, HTDY_DISABLE_ENTRYPOINTS="1")
    out = run_htdy(["-c", str(cfg), "check"], env, tmp_path)
    assert out.returncode != 0
    errors = [ln for ln in out.stderr.splitlines() if ln.startswith("htdy: error:")]
    assert len(errors) == 1
    assert "unknown storage backend 'floppy'; known: " in errors[0]
    assert "Traceback" not in out.stderr
