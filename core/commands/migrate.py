"""``htdy migrate``: apply the versioned database migrations (aerich, ``migrations/``)."""
from __future__ import annotations

import click

from htdy.core.commands.cli import Context, pass_ctx


@click.command("migrate")
@click.option("--check", is_flag=True, help="Only list pending migrations; exit 1 if there are any.")
@pass_ctx
def command(ctx: Context, check: bool) -> None:
    """Bring the database schema up to date (safe to run repeatedly)."""
    import asyncio  # imported here: `htdy --help` imports this module

    from tortoise import Tortoise

    from htdy.core.db import pending_migrations, run_migrations, tortoise_config

    settings = ctx.settings

    async def main() -> list[str]:
        await Tortoise.init(config=tortoise_config(settings))
        try:
            pending = await pending_migrations(settings)
            if check or not pending:
                return pending
            return await run_migrations(settings)
        finally:
            await Tortoise.close_connections()

    done = asyncio.run(main())
    if check:
        for name in done:
            click.echo(f"pending: {name}")
        if done:
            raise SystemExit(1)
        click.echo("database is up to date")
        return
    for name in done:
        click.echo(f"applied: {name}")
    if not done:
        click.echo("database is up to date")
