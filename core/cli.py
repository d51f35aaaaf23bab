"""The ``htdy`` command line. Each sub-command lives in ``htdy.core.commands.<name>``
and exposes ``command``; plugins add theirs through ``htdy_register_commands``."""
from __future__ import annotations

import functools
import importlib
import sys
from typing import Any

import click

from htdy import __version__
from htdy.core.errors import HtdyError

CORE_COMMANDS = ("serve", "worker", "migrate", "parse", "render", "plugins", "import_export", "check")


class Context:
    """Shared CLI state: where the configuration comes from, loaded lazily."""

    def __init__(self, config: str | None) -> None:
        self.config_path = config
        self._settings: Any = None

    @property
    def settings(self) -> Any:
        if self._settings is None:
            from htdy.core.config import load_settings
            self._settings = load_settings(self.config_path)
        return self._settings

    @property
    def pm(self) -> Any:
        return cli_plugin_manager()


@functools.cache
def cli_plugin_manager() -> Any:
    """One plugin manager per CLI process (commands and hooks share it)."""
    from htdy.core.plugins import get_plugin_manager
    return get_plugin_manager()


pass_ctx = click.make_pass_decorator(Context)


class HtdyGroup(click.Group):
    """Turns expected errors into a one-line message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HtdyError as exc:
            click.echo(f"htdy: error: {exc.message}", err=True)
            sys.exit(2)


@click.group(cls=HtdyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "-c", envvar="HTDY_CONFIG", type=click.Path(dir_okay=False),
              help="Configuration file (default: ./htdy.toml, or $HTDY_CONFIG).")
@click.version_option(__version__, prog_name="htdy")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """htdy — Help Them Discover You: parse, edit, render, share and discover CVs."""
    ctx.obj = Context(config)


def _load_commands() -> None:
    for name in CORE_COMMANDS:
        try:
            mod = importlib.import_module(f"htdy.core.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"htdy.core.commands.{name}":
                continue
            raise
        for cmd in getattr(mod, "commands", [getattr(mod, "command", None)]):
            if cmd is not None:
                cli.add_command(cmd)
    cli_plugin_manager().hook.htdy_register_commands(cli=cli)


def main(argv: list[str] | None = None) -> None:
    try:
        _load_commands()
    except HtdyError as exc:
        click.echo(f"htdy: error: {exc.message}", err=True)
        sys.exit(2)
    cli.main(args=argv, prog_name="htdy")
