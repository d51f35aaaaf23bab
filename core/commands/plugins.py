"""``htdy plugins``: what is loaded, from which distribution, implementing which hooks."""
from __future__ import annotations

import json

import click

from htdy.core.commands.cli import Context, pass_ctx


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_ctx
def command(ctx: Context, as_json: bool) -> None:
    """List plugins (loaded, or broken with the reason), their distributions and hooks, and every
    registry's names."""
    from htdy.core.host.plugins import build_registries, describe_plugins

    regs = build_registries(ctx.pm)  # first: a registration hook that raises marks its plugin broken
    plugins = describe_plugins(ctx.pm)
    registries = {slot: getattr(regs, slot).names() for slot in regs.__dataclass_fields__}
    if as_json:
        click.echo(json.dumps({"plugins": plugins, "registries": registries}, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="htdy plugins")
    for col in ("plugin", "distribution", "status", "hooks"):
        table.add_column(col)
    for p in plugins:
        dist = f"{p['distribution']['name']} {p['distribution']['version']}" if p["distribution"] else "-"
        status = "loaded" if p["status"] == "loaded" else f"[red]broken[/red]: {p['error']}"
        table.add_row(p["name"], dist, status, ", ".join(h.removeprefix("htdy_") for h in p["hooks"]))
    console = Console()
    console.print(table)
    for slot, names in registries.items():
        console.print(f"[bold]{slot}[/bold]: {', '.join(names) or '-'}")
