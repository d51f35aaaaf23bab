"""``htdy check``: validate the configuration and the plugins it selects, without starting."""
from __future__ import annotations

import click

from htdy.core.cli import Context, pass_ctx


@click.command("check")
@pass_ctx
def command(ctx: Context) -> None:
    """Validate htdy.toml (keys, types, secrets) and that every selected plugin is installed."""
    from htdy.core.plugins import build_registries, check_selected, selections

    settings = ctx.settings
    check_selected(build_registries(ctx.pm), selections(settings))
    click.echo(f"{settings.source}: OK (roles: {', '.join(settings.node.roles)})")
