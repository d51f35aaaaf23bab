"""``htdy serve``: run the web app for the roles in ``[node] roles`` (default: all)."""
from __future__ import annotations

import logging
import socket
from typing import Any

import click

from htdy.core.commands.cli import Context, pass_ctx
from htdy.core.host.errors import HtdyError


def run(settings: object, host: str | None, port: int | None, sock: socket.socket | None = None) -> None:
    """Serve ``create_app(settings)`` with JSON logs, uvloop when installed and a
    graceful shutdown (``[server] shutdown_timeout_s``) on SIGINT/SIGTERM; on ``sock``
    (a worker of a multi-process server) instead of binding ``host:port``."""
    from aiohttp import web

    from htdy.core.host.config import Settings
    from htdy.core.http.app import create_app
    from htdy.core.observability.logging import configure_logging

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
        web.run_app(app, host=None if sock else host, port=None if sock else port, sock=sock,
                    shutdown_timeout=settings.server.shutdown_timeout_s, access_log=None, loop=loop,
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


def run_workers(settings: Any, host: str, port: int, count: int) -> int:
    """``count`` worker processes on one listening socket (core/http/workers/supervisor.py). The
    in-process job queue cannot reach the other workers' parse loops: it becomes the
    database queue (every worker polls the job rows). Returns the exit code."""
    from htdy.core.host.plugin_checks import check_config
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.http.workers.supervisor import Supervisor, bind
    from htdy.core.observability.logging import configure_logging

    configure_logging(settings.logging.level, settings.logging.format)
    check_config(build_registries(get_plugin_manager()), settings)  # config mistakes: here, once
    log = logging.getLogger("htdy.serve")
    if settings.queue.backend == "inprocess":
        settings.queue.backend = "jobrows"
        log.info("%d workers: [queue] backend inprocess replaced by jobrows (the job rows as the queue)", count)
    if settings.ratelimit.enabled and settings.ratelimit.storage == "memory":
        log.warning("%d workers with [ratelimit] storage = \"memory\": each worker counts on its own "
                    "(set a redis:// storage to share the counters)", count)
    sock = bind(host, port)
    sup = Supervisor(count, lambda s: run(settings, None, None, sock=s), sock,
                     shutdown_timeout_s=settings.server.shutdown_timeout_s)
    if settings.database.auto_migrate:  # once, before the workers (not N migrations racing)
        code = sup.once(lambda: _migrate(settings))
        if code:
            return code
        settings.database.auto_migrate = False
    return sup.run()


def _migrate(settings: Any) -> None:
    import asyncio

    from htdy.core.db import close_db, init_db

    async def main() -> None:
        await close_db(await init_db(settings, migrate=True))

    asyncio.run(main())


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default: [server] host).")
@click.option("--port", "-p", type=int, default=None, help="Port (default: [server] port).")
@click.option("--workers", "-w", type=click.IntRange(1, 256), default=None,
              help="Worker processes (default: [server] workers, else one per core).")
@click.option("--migrate", is_flag=True, help="Apply pending database migrations before serving.")
@pass_ctx
def command(ctx: Context, host: str | None, port: int | None, workers: int | None, migrate: bool) -> None:
    """Serve the web app and API (and, by role, the parse workers and renderer)."""
    from htdy.core.http.workers import cpu_count

    settings = ctx.settings
    if migrate:
        settings.database.auto_migrate = True
    host = host or settings.server.host
    port = settings.server.port if port is None else port
    count = workers or settings.server.workers or cpu_count()
    if count <= 1:
        run(settings, host, port)
        return
    code = run_workers(settings, host, port, count)
    if code:
        raise SystemExit(code)
