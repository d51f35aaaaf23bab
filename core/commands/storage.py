"""``htdy storage gc``: delete uploaded files nothing uses any more."""
from __future__ import annotations

import click

from htdy.core.commands.cli import Context, pass_ctx


@click.group("storage")
def command() -> None:
    """Maintain the file storage ([storage] backend in htdy.toml)."""


@command.command("gc")
@click.option("--yes", is_flag=True, help="Delete what is found (without it: a dry run that only lists it).")
@click.option("--min-age", "min_age", type=click.FloatRange(0), default=3600, show_default=True,
              help="Leave files younger than this many seconds (an upload in progress stores its file "
                   "a moment before its database row).")
@pass_ctx
def gc(ctx: Context, yes: bool, min_age: float) -> None:
    """Find (and with --yes delete) orphaned uploaded files.

    Orphans are stored files that no CV version and no waiting parse job uses — left behind
    by CVs deleted before deleting a CV deleted its files, and by uploads whose parse failed —
    and blobs in the storage that have no database row at all. Each is printed with the
    reason; the last line sums them up. Safe to run while the server is up.
    """
    import asyncio  # imported here: `htdy --help` imports this module

    from htdy.core.commands.import_export import cli_services
    from htdy.core.services import erasure

    async def main() -> erasure.GcReport:
        async with cli_services(ctx, storage=True) as svc:
            report = await erasure.find_orphans(svc, min_age_s=min_age)
            if yes and report.orphans:
                await erasure.collect(svc, report)
            return report

    report = asyncio.run(main())
    verb = "deleted" if yes else "would delete"
    for o in report.orphans:
        size = f"{o.size:,} bytes" if o.size is not None else "size unknown"
        click.echo(f"{verb} {o.key} ({size}): {o.reason}")
    total = sum(o.size or 0 for o in report.orphans)
    click.echo(f"{len(report.orphans)} orphaned files, {total:,} bytes, among {report.scanned_blobs} stored blobs; "
               + (f"deleted {report.deleted}" if yes else "dry run: nothing deleted (add --yes to delete)"))
