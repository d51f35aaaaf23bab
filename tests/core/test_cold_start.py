"""CLI cold start: building the plugin manager and the registries imports no implementation;
``htdy parse`` and ``htdy --help`` do not load the web stack, the database layer, redis or
the benchmarks. Built-ins still register through the hooks, lazily (``LazyImpl``), and a
lazily registered implementation is imported on first use and checked against its name."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from htdy import hookimpl
from htdy.core.host.errors import ConfigError
from htdy.core.host.plugin_checks import check_selected
from htdy.core.host.plugins import _SLOTS, build_registries, get_plugin_manager
from htdy.core.host.registry import LazyImpl, Registry

# What a command that parses one document must not import (each costs tens of ms).
HEAVY = ("aiohttp", "tortoise", "redis", "structlog", "weasyprint", "opensearchpy",
         "htdy.core.http.api", "htdy.core.services", "htdy.core.models", "htdy.core.http.app",
         "htdy.plugins.web.pages", "htdy.plugins.cache_tiers.redis_tier",
         "htdy.plugins.queue_backends.redis_queue", "htdy.storage_backends.s3",
         "htdy.renderers.html", "htdy.renderers.pdf", "htdy.perf.api_bench", "htdy.perf.parse_bench",
         "htdy.perf.render_bench", "htdy.perf.loadgen")
# ... except the parse gateway, which lives among the services (core/services/parsing/): `htdy parse`
# runs it, and with it the services package's __init__ (standard library only at run time)
PARSE_GATEWAY = "htdy.core.services.parsing"
# Other sub-commands: `htdy --help` imports these (light) modules for their help lines, `htdy parse` not.
OTHER_COMMANDS = ("htdy.core.commands.serve", "htdy.core.commands.worker", "htdy.core.commands.migrate",
                  "htdy.core.commands.import_export", "htdy.core.commands.render")

CV_TEXT = textwrap.dedent("""\
    Ada Lovelace
    ada@example.org

    Experience
    Analyst, Analytical Engine Ltd, 1842 - 1843
    Wrote the first program.
    """)


def _modules_after(code: str, tmp_path: Path, env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """Run ``code`` in a fresh interpreter; return the modules loaded at exit and stdout."""
    dump = tmp_path / "modules.json"
    prelude = ("import atexit, json, sys\n"
               f"atexit.register(lambda: open({str(dump)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n")
    run_env = {**os.environ, "HTDY_DISABLE_ENTRYPOINTS": "1", **(env or {})}
    run_env.pop("HTDY_CONFIG", None)
    out = subprocess.run([sys.executable, "-c", prelude + code], cwd=tmp_path, env=run_env,
                         capture_output=True, text=True, timeout=120)
    assert dump.exists(), out.stderr
    return set(json.loads(dump.read_text())), out.stdout


def _loaded(modules: set[str], names: tuple[str, ...], parses: bool = False) -> list[str]:
    def gateway(m: str) -> bool:
        return parses and (m in ("htdy.core.services", PARSE_GATEWAY) or m.startswith(PARSE_GATEWAY + "."))
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names) and not gateway(m))


def test_parse_command_imports_nothing_it_does_not_need(tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEXT)
    modules, stdout = _modules_after(
        f"from htdy.core.commands.cli import main\nmain(['parse', '--json', {str(cv)!r}])", tmp_path)
    assert json.loads(stdout)["basics"]["name"] == "Ada Lovelace"
    assert "htdy.parsers.base" in modules  # it did parse, with the built-in parser
    assert _loaded(modules, (*HEAVY, *OTHER_COMMANDS), parses=True) == []


def test_help_lists_every_command_without_heavy_imports(tmp_path):
    # entry points on: `perf` comes from htdy's own entry point, as a third party's command would
    modules, stdout = _modules_after("from htdy.core.commands.cli import main\nmain(['--help'])", tmp_path,
                                     env={"HTDY_DISABLE_ENTRYPOINTS": "0"})
    for name in ("serve", "worker", "migrate", "parse", "render", "plugins", "import", "export", "check",
                 "perf"):
        assert f"\n  {name} " in stdout, name
    assert _loaded(modules, (*HEAVY, "pydantic", "jsonschema", "htdy.parsers.base")) == []


def test_building_every_registry_imports_no_implementation(tmp_path):
    code = textwrap.dedent("""\
        from htdy.core.host.plugins import build_registries, get_plugin_manager
        regs = build_registries(get_plugin_manager(load_entrypoints=False))
        print(regs.cache_tiers.names(), regs.parsers.names())
        """)
    modules, stdout = _modules_after(code, tmp_path)
    assert stdout.strip() == "['memory', 'redis'] ['docx', 'ocr_pdf', 'pdf', 'text']"
    assert _loaded(modules, (*HEAVY, "htdy.parsers.base", "htdy.plugins.cache_tiers.memory")) == []


def test_builtin_implementations_load_on_first_use(tmp_path):
    code = textwrap.dedent("""\
        import sys
        from htdy.core.host.plugins import build_registries, get_plugin_manager
        regs = build_registries(get_plugin_manager(load_entrypoints=False))
        assert not regs.cache_tiers.is_loaded("redis")
        tier = regs.cache_tiers.get("redis")
        assert tier.name == "redis" and regs.cache_tiers.is_loaded("redis")
        print("redis" in sys.modules, "htdy.plugins.queue_backends.redis_queue" in sys.modules)
        """)
    _, stdout = _modules_after(code, tmp_path)
    assert stdout.split() == ["True", "False"]


def test_every_builtin_resolves_under_its_registered_name():
    regs = build_registries(get_plugin_manager(load_entrypoints=False))
    for slot in _SLOTS:
        registry: Registry[object] = getattr(regs, slot)
        assert len(registry), slot
        for name, item in registry.items():  # items() imports the lazy ones and checks names
            assert registry.is_loaded(name)
            assert getattr(item, "id", None) == name or getattr(item, "name", None) == name


def test_build_registries_can_build_only_some_slots():
    regs = build_registries(get_plugin_manager(load_entrypoints=False), slots=("parsers",))
    assert regs.parsers.names() == ["docx", "ocr_pdf", "pdf", "text"]
    assert len(regs.renderers) == 0 and len(regs.cache_tiers) == 0
    with pytest.raises(ValueError, match="nope"):
        build_registries(get_plugin_manager(load_entrypoints=False), slots=("nope",))


# --------------------------------------------------------------------------- LazyImpl
class _Named:
    name = "fine"


Misnamed = _Named  # registered below as "other": the registry must notice


def test_lazy_impl_resolves_on_get_and_checks_the_name():
    reg: Registry[type] = Registry("parser")
    reg.add("fine", LazyImpl("fine", f"{__name__}:_Named"), owner="t")
    reg.add("other", LazyImpl("other", f"{__name__}:Misnamed"), owner="t")
    assert reg.names() == ["fine", "other"] and not reg.is_loaded("fine")
    assert reg.get("fine") is _Named and reg.is_loaded("fine")
    with pytest.raises(ConfigError, match="parser 'other'.*named 'fine'"):
        reg.get("other")
    with pytest.raises(ConfigError, match="registered twice"):
        reg.add("fine", LazyImpl("fine", f"{__name__}:_Named"), owner="u")


def test_lazy_impl_bad_target():
    with pytest.raises(ConfigError, match="not 'module:attribute'"):
        LazyImpl("x", "no_colon_here").load()
    with pytest.raises(ModuleNotFoundError):
        LazyImpl("x", "htdy_no_such_module:X").load()


def test_third_party_plugin_may_register_lazily_and_check_selected_imports_it():
    class LazyPlugin:
        @hookimpl
        def htdy_register_parsers(self):
            return [LazyImpl("fine", f"{__name__}:_Named"),
                    LazyImpl("broken", "htdy_no_such_module:Parser")]

    regs = build_registries(get_plugin_manager([LazyPlugin()], load_entrypoints=False))
    assert {"fine", "broken", "pdf"} <= set(regs.parsers.names())
    check_selected(regs, {"parsers": ["fine"]})
    assert regs.parsers.is_loaded("fine")
    # selected but not importable: fails at start-up, in one line naming who registered it
    with pytest.raises(ConfigError, match=r"parser 'broken' \(registered by .*LazyPlugin.*\) cannot be imported "
                                          r"from htdy_no_such_module:Parser: ModuleNotFoundError"):
        check_selected(regs, {"parsers": ["broken"]})


# --------------------------------------------------------------------------- lazy CLI
def test_every_lazy_command_resolves_to_its_name():
    from htdy.core.commands.cli import CORE_COMMANDS, cli
    from htdy.perf.commands import BENCHMARKS, perf

    for group, table in ((cli, CORE_COMMANDS), (perf, BENCHMARKS)):
        ctx = click.Context(group)
        assert set(table) <= set(group.list_commands(ctx))
        for name in table:
            cmd = group.get_command(ctx, name)
            assert cmd is not None and cmd.name == name, name


def test_lazy_group_prefers_added_commands_and_skips_unshipped_modules():
    from htdy.core.commands.cli import LazyGroup

    @click.command("parse")
    def mine() -> None:
        click.echo("mine")

    group = LazyGroup("g", lazy_subcommands={"parse": "htdy.core.commands.parse:command",
                                             "gone": "htdy.core.commands.no_such_module:command"})
    group.add_command(mine)
    ctx = click.Context(group)
    assert group.get_command(ctx, "parse") is mine
    assert group.get_command(ctx, "gone") is None
    result = CliRunner().invoke(group, ["--help"])
    assert result.exit_code == 0 and "parse" in result.output and "gone" not in result.output
