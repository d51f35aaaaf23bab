"""``htdy search reindex``: rebuild the configured search backend's index from the database."""
from __future__ import annotations

from typing import Any

import click

from htdy.core.cli import Context, pass_ctx


@click.group("search")
def command() -> None:
    """Maintain the search index ([search] backend in htdy.toml)."""


class _Bar:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    LABELS = {"index": "indexing discoverable CVs", "check": "checking index entries"}

    def __init__(self) -> None:
        from rich.console import Console

        console = Console(stderr=True)
        self._p: Any = None
        self._tasks: dict[str, Any] = {}
        if console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._p = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                               TimeElapsedColumn(), console=console, transient=True)

    def __enter__(self) -> _Bar:
        if self._p is not None:
            self._p.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._p is not None:
            self._p.stop()

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if self._p is None:
            return
        if phase not in self._tasks:
            self._tasks[phase] = self._p.add_task(self.LABELS.get(phase, phase), total=total)
        self._p.update(self._tasks[phase], completed=done, total=total)


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
            with _Bar() as bar:
                return await search_index.reindex(svc, batch=batch, progress=bar)

    result = asyncio.run(main())
    click.echo(result.summary())
    if result.unchecked:
        click.echo(f"htdy: warning: {result.unchecked} index entries could not be checked "
                   "(more than the search backend can list); recreate the index and run this again", err=True)
        raise SystemExit(1)
