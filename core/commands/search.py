"""``htdy search reindex``: rebuild the configured search backend's index from the database."""
from __future__ import annotations

import click

from htdy.core.commands.cli import Context, pass_ctx
from htdy.core.commands.progress import PhaseBar


@click.group("search")
def command() -> None:
    """Maintain the search index ([search] backend in htdy.toml)."""


_PHASES = {"index": "indexing discoverable CVs", "check": "checking index entries"}  # progress bar labels per phase


@command.command("reindex")
@click.option("--batch", type=click.IntRange(1, 1000), default=200, show_default=True,
              help="CVs read from the database and sent to the search backend at a time.")
@pass_ctx
def reindex(ctx: Context, batch: int) -> None:
    """Rebuild the search index from the database.

    Indexes the current version of every discoverable CV exactly as the live path does
    after each change, then removes index entries whose CV was deleted or is no longer
    discoverable. Use it after switching [search] backend, restoring a database backup
    or losing the index. Safe to repeat and to run while the server is up.

    Ends with a summary line: indexed=N removed=M (and unchecked=K, exit status 1, when
    the index holds more entries than the backend's search interface can list, 10 100,
    and some of them belong to CVs that no longer exist: recreate the index — delete the
    embedded file or the OpenSearch index — and run this again).
    """
    import asyncio  # imported here: `htdy --help` imports this module

    from htdy.core.commands.import_export import cli_services
    from htdy.core.services import search_index

    async def main() -> search_index.ReindexResult:
        async with cli_services(ctx) as svc:
            with PhaseBar(_PHASES, transient=True) as bar:
                return await search_index.reindex(svc, batch=batch, progress=bar)

    result = asyncio.run(main())
    click.echo(result.summary())
    if result.unchecked:
        click.echo(f"htdy: warning: {result.unchecked} index entries could not be checked "
                   "(more than the search backend can list); recreate the index and run this again", err=True)
        raise SystemExit(1)
