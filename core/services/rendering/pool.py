"""The render pool: renderers with a page-layout engine (``Renderer.engine``) run here, in
warm worker processes, one job per worker, each with a time limit; a stuck or dead worker is
killed and the pool replaced. Renders waiting for a worker are the render queue, exported as
``htdy_queue_depth{kind="render"}``.

Worker side: each process builds its own plugin manager and registries, then warms the
renderers it was told to (render a page once), so the first request pays nothing."""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import importlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import AsyncIterator, Iterable
from typing import Any

from htdy.core.host.errors import ConfigError, HtdyError, RenderError, ServiceUnavailable
from htdy.core.host.interfaces import RenderOutput

log = logging.getLogger("htdy.rendering")
WARM_CV = {"basics": {"name": "Warm Up", "label": "Renderer"},
           "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01",
                     "highlights": ["Rendered a page once at start-up."]}]}

# --------------------------------------------------------------------- worker side
_WORKER: dict[str, Any] = {}


def _build(extra_modules: Iterable[str]) -> Any:
    from htdy.core.host.plugins import build_registries, get_plugin_manager

    pm = get_plugin_manager(extra=[importlib.import_module(m) for m in extra_modules])
    return build_registries(pm, slots=("renderers", "templates"))


def _worker_init(extra_modules: tuple[str, ...], renderer_opts: dict[str, Any],
                 warm: tuple[tuple[str, str], ...], server_pid: int = 0) -> None:
    from htdy.core.host.pdeathsig import die_with
    from htdy.core.observability.logging import configure_child_logging

    die_with(server_pid)
    configure_child_logging()  # (a forkserver child inherits no logging set-up)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["regs"] = _build(extra_modules)
    _WORKER["opts"] = renderer_opts
    _WORKER["renderers"] = {}
    for renderer, template_id in warm:  # import the engine and lay out a page once
        try:
            worker_render(renderer, template_id, WARM_CV, "pdf", None)
        except Exception:  # noqa: BLE001 - a broken warm-up must not kill the worker
            log.exception("renderer warm-up failed (%s)", renderer)
    # Everything loaded so far (modules, fonts, parsed CSS) lives as long as the worker:
    # move it out of the collector's generations so collections during a render only
    # walk that render's objects (~2 ms less per render).
    gc.collect()
    gc.freeze()


def build_renderer(regs: Any, cache: dict[str, Any], opts: dict[str, Any], name: str) -> Any:
    """The renderer ``name`` with its options (``opts``: ``RenderService.renderer_options``);
    they were validated at start-up (``check_config``), so a ``ConfigError`` here is a backstop."""
    from htdy.core.host.plugin_checks import option_data, validate_options

    if name not in cache:
        cls = regs.renderers.get(name)
        data = option_data(cls, opts["tables"].get(name, {}), opts["defaults"])
        cache[name] = cls(validate_options(cls, "renderers", name, data, opts["source"]))
    return cache[name]


def worker_render(renderer: str, template_id: str, resume: dict[str, Any], fmt: str,
                  options: dict[str, Any] | None) -> tuple[Any, ...]:
    regs = _WORKER["regs"]
    try:
        template = regs.templates.get(template_id)
        out = build_renderer(regs, _WORKER["renderers"], _WORKER["opts"], renderer).render(
            resume, template=template, fmt=fmt, options=options)
        return ("ok", out.content, out.media_type, out.pages)
    except HtdyError as exc:
        return ("error", exc.code, exc.message, exc.details)


def _noop() -> int:
    return multiprocessing.current_process().pid or 0


def result(res: tuple[Any, ...]) -> RenderOutput:
    if res[0] == "error":
        if res[1] == ConfigError.code:  # the operator's mistake, not the CV's: 503, logged in full
            log.error("render refused, configuration error: %s", res[2])
            raise ServiceUnavailable("rendering is misconfigured on this server; the operator must fix its "
                                     "configuration (see its logs)", code="config_error")
        raise RenderError(res[2], code=res[1], details=res[3])
    return RenderOutput(res[1], res[2], res[3])


# --------------------------------------------------------------------- the pool
class RenderPool:
    """A forkserver process pool of ``workers`` render workers; ``stats`` is shared with the
    service (``timeouts``, ``pool_restarts``, ``pool_jobs``)."""

    def __init__(self, *, workers: int, extra_modules: tuple[str, ...], renderer_options: dict[str, Any],
                 warm: tuple[tuple[str, str], ...], stats: dict[str, int]) -> None:
        self.workers = workers
        self.initargs = (extra_modules, renderer_options, warm, os.getpid())
        self.stats = stats
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self.queued = 0  # renders waiting for a worker
        self.warm = False  # start() finished: every worker answered once
        self._rewarm: asyncio.Task[None] | None = None

    def get(self) -> concurrent.futures.ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                ctx = multiprocessing.get_context("forkserver")
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=ctx, initializer=_worker_init, initargs=self.initargs)
            return self._pool

    def kill(self, pool: concurrent.futures.ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
                self.stats["pool_restarts"] += 1
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def start(self) -> None:
        """Start the workers and wait until each has warmed up and answered once."""
        pool = self.get()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*[loop.run_in_executor(pool, _noop) for _ in range(self.workers)])
        self.warm = True

    def check(self, need_warm: bool) -> dict[str, Any]:
        """Readiness: warm (when ``need_warm``) and every worker process alive; a dead worker
        replaces the pool now (an unready node gets no renders) and raises."""
        if need_warm and not self.warm:
            raise ServiceUnavailable("the render pool is warming up", code="renderer_unavailable")
        pool = self._pool
        if pool is None:  # not started yet (no warm-up), or replaced after a stuck render: next use starts it
            return {"workers": 0, "queued": self.queued}
        procs = list(getattr(pool, "_processes", {}).values())
        alive = sum(1 for p in procs if p.is_alive())
        if getattr(pool, "_broken", False) or (procs and alive < len(procs)):
            self.kill(pool)
            self.warm = False
            self._rewarm = asyncio.get_running_loop().create_task(self.start())
            raise ServiceUnavailable("a render worker died; the pool is being replaced", code="renderer_unavailable")
        return {"workers": alive, "queued": self.queued}

    async def close(self) -> None:
        if self._rewarm is not None:
            self._rewarm.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._rewarm
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    @contextlib.asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        """One job per worker: the timeout measures rendering, not queueing. Jobs waiting
        here are the render queue (``htdy_queue_depth{kind="render"}``)."""
        from htdy.core.observability import metrics

        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.workers))
        gauge = metrics.QUEUE_DEPTH.labels("render")
        self.queued += 1
        gauge.inc()
        try:
            await self._slots[1].acquire()
        finally:
            self.queued -= 1
            gauge.dec()
        try:
            yield
        finally:
            self._slots[1].release()

    async def run(self, renderer: str, template_id: str, resume: dict[str, Any], fmt: str,
                  options: dict[str, Any] | None, timeout: float) -> RenderOutput:
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            async with self._slot():
                pool = self.get()
                self.stats["pool_jobs"] += 1
                fut = loop.run_in_executor(pool, worker_render, renderer, template_id, resume, fmt, options)
                try:
                    res = await asyncio.wait_for(fut, timeout)
                except (TimeoutError, concurrent.futures.process.BrokenProcessPool) as exc:
                    self._failed(pool, exc, attempt, timeout)
                    continue
            return result(res)
        raise AssertionError("unreachable")

    def run_blocking(self, renderer: str, template_id: str, resume: dict[str, Any], fmt: str,
                     options: dict[str, Any] | None, timeout: float) -> RenderOutput:
        """``run`` for a thread without the service's event loop (the pool is thread-safe; the
        one-job-per-worker limit is the event loop's, not applied here)."""
        for attempt in (1, 2):
            pool = self.get()
            self.stats["pool_jobs"] += 1
            fut = pool.submit(worker_render, renderer, template_id, resume, fmt, options)
            try:
                res = fut.result(timeout)
            except (TimeoutError, concurrent.futures.process.BrokenProcessPool) as exc:
                self._failed(pool, exc, attempt, timeout)
                continue
            return result(res)
        raise AssertionError("unreachable")

    def _failed(self, pool: Any, exc: BaseException, attempt: int, timeout: float) -> None:
        """A pool job failed: the pool is dropped either way; a timeout raises, a dead worker
        process is retried once on a fresh pool (returns), then raises."""
        self.kill(pool)
        if isinstance(exc, TimeoutError):  # concurrent.futures.TimeoutError is TimeoutError (3.11)
            self.stats["timeouts"] += 1
            raise RenderError(f"rendering took longer than {timeout:g} s", code="timeout", status=504) from None
        if attempt == 2:
            raise RenderError("the renderer process died", code="render_failed") from None
