"""``htdy worker``: only the parser role — parse-job workers, plus ``/livez``,
``/readyz`` and ``/metrics`` on the given port for probes and scraping."""
from __future__ import annotations

import click

from htdy.core.commands.cli import Context, pass_ctx


@click.command("worker")
@click.option("--host", default=None, help="Address for the health/metrics endpoints (default: [server] host).")
@click.option("--port", "-p", type=int, default=None, help="Port for health/metrics (default: [server] port).")
@click.option("--concurrency", type=int, default=None, help="Parser processes (default: [parsing] workers).")
@pass_ctx
def command(ctx: Context, host: str | None, port: int | None, concurrency: int | None) -> None:
    """Run parse-job workers only (the parser role)."""
    from htdy.core.commands.serve import run

    settings = ctx.settings
    settings.node.roles = ["parser"]
    if concurrency:
        settings.parsing.workers = concurrency
    run(settings, host or settings.server.host, settings.server.port if port is None else port)
