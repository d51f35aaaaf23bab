"""``htdy check``: validate the configuration and the plugins it selects, without starting."""
from __future__ import annotations

import click

from htdy.core.commands.cli import Context, pass_ctx


@click.command("check")
@pass_ctx
def command(ctx: Context) -> None:
    """Validate htdy.toml without starting anything: keys, types and secrets; that every plugin
    it selects is installed and imports; every [plugins.<slot>.<name>] table against its plugin's
    options; the default template, the PDF engine and the parsers' document kinds. Plugins that
    cannot be loaded fail the check too. Exit code 2 and one message per problem otherwise."""
    from htdy.core.host.plugin_checks import check_config
    from htdy.core.host.plugins import build_registries

    settings = ctx.settings
    regs = build_registries(ctx.pm)
    check_config(regs, settings, pm=ctx.pm)
    click.echo(f"{settings.source}: OK (roles: {', '.join(settings.node.roles)})")
