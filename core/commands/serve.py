"""``htdy serve``: run the web app for the roles in ``[node] roles`` (default: all)."""
from __future__ import annotations

import logging
from typing import Any

import click

from htdy.core.cli import Context, pass_ctx
from htdy.core.errors import HtdyError


def run(settings: object, host: str, port: int) -> None:
    """Serve ``create_app(settings)`` with JSON logs, uvloop when installed and a
    graceful shutdown (``[server] shutdown_timeout_s``) on SIGINT/SIGTERM."""
    from aiohttp import web

    from htdy.core.app import create_app
    from htdy.core.config import Settings
    from htdy.core.logging import configure_logging

    assert isinstance(settings, Settings)
    configure_logging(settings.logging.level, settings.logging.format)
    loop = None
    try:
        import uvloop

        loop = uvloop.new_event_loop()
    except ImportError:
        pass
    app = create_app(settings)  # every configuration mistake fails here, before anything starts
    try:
        web.run_app(app, host=host, port=port, shutdown_timeout=settings.server.shutdown_timeout_s,
                    access_log=None, loop=loop,
                    print=lambda msg: _announce(settings, msg))
    except (HtdyError, KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a resource that would not start (what started was closed again)
        logging.getLogger("htdy.serve").error("start-up failed", exc_info=True)
        raise HtdyError(f"start-up failed: {type(exc).__name__}: {exc}", code="startup_failed") from None


def _announce(settings: Any, msg: str) -> None:
    """aiohttp's "Running on …" banner: a log line (never raw text in a JSON log stream)."""
    text = " ".join(part.strip("= ") for part in msg.splitlines() if part.strip("= "))
    if settings.logging.format == "json":
        import structlog  # (here: `htdy --help` lists this command without loading the logging stack)

        structlog.get_logger("htdy.serve").info("listening", roles=list(settings.node.roles), detail=text)
    else:
        click.echo(f"htdy ({', '.join(settings.node.roles)}) {text}", err=True)


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default: [server] host).")
@click.option("--port", "-p", type=int, default=None, help="Port (default: [server] port).")
@click.option("--migrate", is_flag=True, help="Apply pending database migrations before serving.")
@pass_ctx
def command(ctx: Context, host: str | None, port: int | None, migrate: bool) -> None:
    """Serve the web app and API (and, by role, the parse workers and renderer)."""
    settings = ctx.settings
    if migrate:
        settings.database.auto_migrate = True
    run(settings, host or settings.server.host, settings.server.port if port is None else port)
