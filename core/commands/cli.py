"""The ``htdy`` command line. Each sub-command lives in ``htdy.core.commands.<name>``
and is imported only when it is run (or listed by ``--help``): ``htdy parse`` does not
load the web server, the database layer or the benchmarks. Plugins add their commands
through ``htdy_register_commands``, called once when the CLI starts."""
from __future__ import annotations

import functools
import importlib
import sys
from typing import Any

import click

from htdy import __version__
from htdy.core.host.errors import HtdyError

# command name → "module:attribute" of its click command, imported on first use
CORE_COMMANDS: dict[str, str] = {
    "serve": "htdy.core.commands.serve:command",
    "worker": "htdy.core.commands.worker:command",
    "migrate": "htdy.core.commands.migrate:command",
    "parse": "htdy.core.commands.parse:command",
    "render": "htdy.core.commands.render:command",
    "plugins": "htdy.core.commands.plugins:command",
    "import": "htdy.core.commands.import_export:import_cmd",
    "export": "htdy.core.commands.import_export:export_cmd",
    "check": "htdy.core.commands.check:command",
    "search": "htdy.core.commands.search:command",
    "match": "htdy.core.commands.match:command",
    "backup": "htdy.core.commands.backup:backup_cmd",
    "restore": "htdy.core.commands.backup:restore_cmd",
    "storage": "htdy.core.commands.storage:command",
}


class Context:
    """Shared CLI state: where the configuration comes from, loaded lazily."""

    def __init__(self, config: str | None) -> None:
        self.config_path = config
        self._settings: Any = None

    @property
    def settings(self) -> Any:
        if self._settings is None:
            from htdy.core.host.config import load_settings
            self._settings = load_settings(self.config_path)
        return self._settings

    @property
    def pm(self) -> Any:
        return cli_plugin_manager()


@functools.cache
def cli_plugin_manager() -> Any:
    """One plugin manager per CLI process (commands and hooks share it)."""
    from htdy.core.host.plugins import get_plugin_manager
    return get_plugin_manager()


pass_ctx = click.make_pass_decorator(Context)


class LazyGroup(click.Group):
    """A click group whose sub-commands are named by import path (``lazy_subcommands``:
    name → ``"module:attribute"``) and imported when first resolved (click's LazyGroup
    pattern). Commands added the usual way (``add_command``) take precedence. A lazy
    command whose module this build does not ship is left out."""

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands: dict[str, str] = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in self.lazy_subcommands:
            cmd = self._load(cmd_name)
        return cmd

    def _load(self, cmd_name: str) -> click.Command | None:
        modname, _, attr = self.lazy_subcommands[cmd_name].partition(":")
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:  # not shipped by this build
                return None
            raise
        cmd = getattr(mod, attr)
        if not isinstance(cmd, click.Command):
            raise TypeError(f"{modname}:{attr} is not a click command")
        self.add_command(cmd, cmd_name)
        return cmd


class HtdyGroup(LazyGroup):
    """Turns expected errors into a one-line message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HtdyError as exc:
            for line in exc.message.splitlines() or [""]:  # a configuration check: one problem a line
                click.echo(f"htdy: error: {line}", err=True)
            sys.exit(2)


@click.group(cls=HtdyGroup, lazy_subcommands=CORE_COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "-c", envvar="HTDY_CONFIG", type=click.Path(dir_okay=False),
              help="Configuration file (default: ./htdy.toml, or $HTDY_CONFIG).")
@click.version_option(__version__, prog_name="htdy")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """htdy — Help Them Discover You: parse, edit, render, share and discover CVs."""
    if "structlog" in sys.modules:  # (not imported here: `htdy parse` starts without it)
        from htdy.core.observability.logging import route_to_stdlib

        route_to_stdlib()  # log events never land in a command's stdout
    ctx.obj = Context(config)


def _load_commands() -> None:
    """Let the plugins add their commands (the core ones are already known, lazily). A
    plugin whose hook raises is reported as broken; the other commands stay usable."""
    pm = cli_plugin_manager()
    for impl in pm.hook.htdy_register_commands.get_hookimpls():
        try:
            impl.function(cli=cli)
        except Exception as exc:  # noqa: BLE001 - a third party's bug must not take the CLI down
            if not hasattr(pm, "mark_broken") or impl.plugin_name not in pm.entry_points:
                raise
            pm.mark_broken(impl.plugin_name, f"htdy_register_commands() raised {type(exc).__name__}: {exc}")


def _report_broken() -> None:
    for broken in getattr(cli_plugin_manager(), "broken", []):
        click.echo(f"htdy: warning: {broken.line()}", err=True)


def main(argv: list[str] | None = None) -> None:
    import logging

    # one line per broken plugin, printed below, instead of the host's log warning
    plugin_log, quiet = logging.getLogger("htdy.plugins"), logging.NullHandler()
    plugin_log.addHandler(quiet)
    plugin_log.propagate = False
    try:
        _load_commands()
    except HtdyError as exc:
        click.echo(f"htdy: error: {exc.message}", err=True)
        sys.exit(2)
    finally:
        plugin_log.removeHandler(quiet)
        plugin_log.propagate = True
    _report_broken()
    cli.main(args=argv, prog_name="htdy")
