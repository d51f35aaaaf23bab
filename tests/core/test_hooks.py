"""One test per registration hook: a plugin object's implementation lands in its registry,
next to (never replacing) the built-ins, under the name htdy.toml would select."""
from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from htdy import hookimpl
from htdy.core.host.interfaces import (
    CacheTier,
    Parser,
    ParseResult,
    QueueBackend,
    Renderer,
    RenderOutput,
    SearchBackend,
    SearchPage,
    StorageBackend,
    Template,
)
from htdy.core.host.plugins import build_registries, get_plugin_manager


def registries_with(plugin: object):
    return build_registries(get_plugin_manager([plugin], load_entrypoints=False))


def test_hook_htdy_register_parsers():
    class P(Parser):
        name = "t-parser"
        kinds = ("text",)

        def parse(self, data, *, filename=None):
            return ParseResult(resume={"basics": {"name": data.decode()}})

    class Plugin:
        @hookimpl
        def htdy_register_parsers(self):
            return [P]

    regs = registries_with(Plugin())
    parser = regs.parsers.get("t-parser")()
    assert parser.parse(b"Ada").resume == {"basics": {"name": "Ada"}}


def test_hook_htdy_register_renderers():
    class R(Renderer):
        name = "t-renderer"
        formats = ("txt",)

        def render(self, resume, *, template, fmt, options=None):
            return RenderOutput(resume["basics"]["name"].encode(), "text/plain")

    class Plugin:
        @hookimpl
        def htdy_register_renderers(self):
            return [R]

    out = registries_with(Plugin()).renderers.get("t-renderer")().render(
        {"basics": {"name": "Ada"}}, template=None, fmt="txt")
    assert out.content == b"Ada"


def test_hook_htdy_register_templates(tmp_path: Path):
    class Plugin:
        @hookimpl
        def htdy_register_templates(self):
            return [Template(id="t-template", name="T", version="1.2.3", path=tmp_path)]

    tpl = registries_with(Plugin()).templates.get("t-template")
    assert tpl.version == "1.2.3" and tpl.path == tmp_path


def test_hook_htdy_register_storage_backends():
    class S(StorageBackend):
        name = "t-storage"

        async def put(self, key, data, *, content_type="application/octet-stream"): ...
        async def get(self, key): return b""
        async def delete(self, key): ...
        async def exists(self, key): return False

    class Plugin:
        @hookimpl
        def htdy_register_storage_backends(self):
            return [S]

    assert registries_with(Plugin()).storage_backends.get("t-storage") is S


def test_hook_htdy_register_cache_tiers():
    class C(CacheTier):
        name = "t-cache"

        async def get(self, key): return None
        async def set(self, key, value, ttl=None): ...
        async def delete(self, *keys): ...

    class Plugin:
        @hookimpl
        def htdy_register_cache_tiers(self):
            return [C]

    assert registries_with(Plugin()).cache_tiers.get("t-cache") is C


def test_hook_htdy_register_search_backends():
    class S(SearchBackend):
        name = "t-search"

        async def index(self, cv_id, document): ...
        async def remove(self, cv_id): ...
        async def search(self, query, *, filters=None, limit=20, offset=0):
            return SearchPage(total=0, hits=[])

    class Plugin:
        @hookimpl
        def htdy_register_search_backends(self):
            return [S]

    assert registries_with(Plugin()).search_backends.get("t-search") is S


def test_hook_htdy_register_queue_backends():
    class Q(QueueBackend):
        name = "t-queue"

        async def push(self, kind, job_id, priority=0): ...
        async def pop(self, kind, timeout): return None
        async def depth(self, kind): return 0

    class Plugin:
        @hookimpl
        def htdy_register_queue_backends(self):
            return [Q]

    assert registries_with(Plugin()).queue_backends.get("t-queue") is Q


def test_hook_htdy_register_matchers():
    from htdy.core.host.interfaces import Matcher

    class M(Matcher):
        name = "t-matcher"

        async def match(self, ad, search, *, limit=20, filters=None, only=None):
            return []

    class Plugin:
        @hookimpl
        def htdy_register_matchers(self):
            return [M]

    regs = registries_with(Plugin())
    assert regs.matchers.get("t-matcher") is M
    # the built-in registers the same way, first (what "[matching] default = ''" picks)
    assert regs.matchers.first() == "lexical" and "t-matcher" in regs.matchers.names()


def test_hook_htdy_register_commands():
    class Plugin:
        @hookimpl
        def htdy_register_commands(self, cli):
            @cli.command("hello")
            @click.argument("who")
            def hello(who):
                """Say hello."""
                click.echo(f"hello {who}")

    group = click.Group("htdy")
    get_plugin_manager([Plugin()], load_entrypoints=False).hook.htdy_register_commands(cli=group)
    result = CliRunner().invoke(group, ["hello", "Ada"])
    assert result.exit_code == 0 and result.output == "hello Ada\n"
    # htdy's perf plugin adds its group the same way; it is not built in but registered through
    # the distribution's entry point, like a third party's
    import importlib.metadata

    from htdy.core.host.plugins import DEFAULT_PLUGINS
    from htdy.perf import commands as perf_commands

    assert "htdy.perf.commands" not in DEFAULT_PLUGINS
    assert {(ep.name, ep.value) for ep in importlib.metadata.entry_points(group="htdy")} >= {
        ("perf", "htdy.perf.commands")}
    get_plugin_manager([perf_commands], load_entrypoints=False).hook.htdy_register_commands(cli=group)
    assert "perf" in group.commands
