"""``htdy backup --to DIR|URL`` and ``htdy restore --from DIR|URL``: one consistent
snapshot of the database and the stored files, and back (docs/backup.md)."""
from __future__ import annotations

import json

import click

from htdy.core.commands.cli import Context, pass_ctx
from htdy.core.commands.progress import PhaseBar

_PHASES = {"database": "database", "write": "writing tables", "files": "stored files",
              "download": "fetching the snapshot", "reindex": "rebuilding the search index"}  # progress bar labels per phase


def _phases(phases: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.2f}s" for k, v in phases.items())


@click.command("backup")
@click.option("--to", "location", required=True, metavar="DIR|URL",
              help="A directory, or a URL a storage backend opens (s3://BUCKET/PREFIX, with endpoint and "
                   "credentials from that backend's [plugins.<name>] table).")
@click.option("--keep", type=click.IntRange(1), default=None,
              help="Afterwards keep only the newest N complete snapshots (and the files they name).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_ctx
def backup_cmd(ctx: Context, location: str, keep: int | None, as_json: bool) -> None:
    """Back up the database and the stored files it references, consistently.

    Writes one snapshot: the database read at one instant (SQLite's online backup API,
    or one PostgreSQL REPEATABLE READ snapshot with pg_dump -Fc), every row in an
    engine-neutral form (so it restores into either engine), the stored files the
    snapshot references (content-addressed: only files the target lacks are copied),
    and a manifest written last. An interrupted backup leaves no manifest and is never
    restored. Safe while the server runs. Exit status 1 when stored files were missing
    or corrupt (listed; the rest is backed up).
    """
    import asyncio  # imported here: `htdy --help` imports this module

    from htdy.core.services import backup

    with PhaseBar(_PHASES, enabled=not as_json) as bar:
        result = asyncio.run(backup.run_backup(ctx.settings, ctx.pm, location, keep=keep, progress=bar))
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
    else:
        click.echo(f"backed up to {result.target}: {_phases(result.phases)}")
        if result.native_dump is None:
            click.echo("note: no native database dump (see the manifest's native_note); the portable rows are complete")
        if result.pruned:
            click.echo(f"removed old snapshots: {', '.join(result.pruned)}")
        click.echo(result.summary())
    for problem in result.problems:
        click.echo(f"htdy: warning: {problem}", err=True)
    if result.problems:
        raise SystemExit(1)


@click.command("restore")
@click.option("--from", "location", required=True, metavar="DIR|URL", help="Where `htdy backup --to` wrote.")
@click.option("--snapshot", default=None, metavar="ID", help="Which snapshot (default: the newest complete one).")
@click.option("--force", is_flag=True,
              help="Restore into a database/storage that is not empty: its rows are replaced, files overwritten.")
@click.option("--method", type=click.Choice(["auto", "native", "portable"]), default="auto", show_default=True,
              help="native: the engine's own dump (same engine only); portable: row by row (any engine); "
                   "auto: native when the engines match.")
@click.option("--no-reindex", is_flag=True, help="Skip rebuilding the search index (run `htdy search reindex` later).")
@click.option("--list", "list_only", is_flag=True, help="Only list the snapshots and whether each is complete.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_ctx
def restore_cmd(ctx: Context, location: str, snapshot: str | None, force: bool, method: str, no_reindex: bool,
                list_only: bool, as_json: bool) -> None:
    """Restore a snapshot into this configuration's database and storage.

    Refuses a non-empty target unless --force, and an interrupted (manifest-less)
    snapshot always. Checks every file against the manifest's checksums, applies
    pending migrations, verifies row counts and contents per table, puts the stored
    files back and rebuilds the search index; prints the time of each phase. Works
    across engines and storage backends (SQLite + files on a laptop → PostgreSQL + S3).
    """
    import asyncio

    from htdy.core.services import backup

    if list_only:
        snaps = asyncio.run(backup.run_list(ctx.settings, ctx.pm, location))
        if as_json:
            click.echo(json.dumps([{"id": s.id, "complete": s.complete} for s in snaps], indent=2))
        for s in [] if as_json else snaps:
            click.echo(f"{s.id}  {'complete' if s.complete else 'INCOMPLETE (interrupted; cannot be restored)'}")
        return
    with PhaseBar(_PHASES, enabled=not as_json) as bar:
        result = asyncio.run(backup.run_restore(ctx.settings, ctx.pm, location, snapshot=snapshot, force=force,
                                                method=method,  # type: ignore[arg-type]
                                                reindex=not no_reindex, progress=bar))
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2))
        return
    for sid in result.skipped_incomplete:
        click.echo(f"htdy: warning: skipped interrupted snapshot {sid}", err=True)
    click.echo(f"restored from {result.source}: {_phases(result.phases)}")
    click.echo(result.summary())
