"""``htdy check``: validate the configuration and the plugins it selects, without starting."""
from __future__ import annotations

import click

from htdy.core.cli import Context, pass_ctx


@click.command("check")
@pass_ctx
def command(ctx: Context) -> None:
    """Validate htdy.toml (keys, types, secrets), that every selected plugin is installed and that
    the selected parsers accept their options."""
    from htdy.core.plugins import build_registries, check_parser_options, check_selected, selections

    settings = ctx.settings
    regs = build_registries(ctx.pm)
    check_selected(regs, selections(settings))
    check_parser_options(regs, settings)
    click.echo(f"{settings.source}: OK (roles: {', '.join(settings.node.roles)})")
