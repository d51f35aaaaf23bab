"""The renderer gateway: every render goes through ``RenderService``.

Modes: ``pool`` (default for ``[rendering] gateway = "inprocess"``: renderers with a page-layout
engine run in a warm process pool, ``htdy.core.services.rendering.pool``), ``inprocess`` (render in this
process — the CLI and tests) and ``http`` (POST to a renderer node's ``/internal/render``,
``htdy.core.services.rendering.http_gateway``). Synchronous callers in other threads (``render_sync``) go through
the same pool or gateway. Renders are cached by ``render_cache_key`` when an async cache is
given. Which renderer serves a format is decided by the renderers' declared capabilities
(``formats``, ``engine``) and the template's ``engines``: core names no renderer.
"""
from __future__ import annotations

import asyncio
import signal
import threading
import time
from typing import Any

import structlog

from htdy.core.host.errors import HtdyError, RenderError
from htdy.core.host.interfaces import RenderOutput, Template
from htdy.core.services.rendering.cache_keys import (
    CACHE_TTL_S,
    AsyncCache,
    normalize_options,
    pack,
    render_cache_key,
    resume_version,
    unpack,
)
from htdy.core.services.rendering.http_gateway import internal_routes, render_http
from htdy.core.services.rendering.pool import RenderPool, build_renderer
from htdy.core.services.rendering.pool import result as _result

__all__ = ["RenderService", "internal_routes", "normalize_options", "render_cache_key", "resume_version",
           "_result", "AsyncCache"]

render_log = structlog.get_logger("htdy.renders")


# text outputs, limited by [rendering] max_html_kb as PDFs are by max_pages
SIZED_FORMATS = frozenset({"html", "svg", "md", "txt"})


class RenderService:
    """Render CVs with templates through the registries, cached, with limits."""

    def __init__(self, settings: Any, pm: Any = None, *, registries: Any = None, cache: AsyncCache | None = None,
                 mode: str | None = None, extra_modules: tuple[str, ...] | list[str] = ()) -> None:
        import importlib

        from htdy.core.host.plugins import build_registries, get_plugin_manager

        self.settings = settings
        self.rs = settings.rendering
        self.extra_modules = tuple(extra_modules)
        if registries is None:  # a stand-alone service (CLI, tests); the app passes its own
            pm = pm or get_plugin_manager(extra=[importlib.import_module(m) for m in self.extra_modules])
            registries = build_registries(pm)
        self.pm = pm
        self.regs = registries
        self.cache = cache
        self.mode = mode or ("http" if self.rs.gateway == "http" else "pool")
        if self.mode not in ("pool", "inprocess", "http"):
            raise ValueError(f"unknown render mode {self.mode!r}")
        self._renderers: dict[str, Any] = {}
        self._loop: asyncio.AbstractEventLoop | None = None  # where render() runs, for other threads
        self.stats = {"renders": 0, "cache_hits": 0, "timeouts": 0, "pool_restarts": 0, "pool_jobs": 0}
        self.pool: RenderPool | None = None
        self.ready = False  # start() finished
        if self.mode == "pool":
            from htdy.core.observability import metrics

            self.pool = RenderPool(workers=self.rs.workers, extra_modules=self.extra_modules,
                                   renderer_options=self.renderer_options, warm=self.warm_list(),
                                   stats=self.stats)
            metrics.QUEUE_DEPTH.labels("render")  # the series exists (at 0) from the start

    @property
    def queued(self) -> int:
        """Renders waiting for a pool worker."""
        return self.pool.queued if self.pool is not None else 0

    @property
    def warm(self) -> bool:
        return self.pool.warm if self.pool is not None else self.ready

    # ---- lookup
    @property
    def renderer_options(self) -> dict[str, Any]:
        """What a renderer is built from: its ``[plugins.renderers.<name>]`` table, the host's
        defaults (``[rendering] max_pages``) where its options have the key, the file's name."""
        from htdy.core.host.plugin_checks import host_defaults

        return {"tables": dict(self.settings.plugins.get("renderers", {})),
                "defaults": host_defaults(self.settings)["renderers"], "source": self.settings.source}

    def template(self, template_id: str | None) -> Template:
        tid = template_id or self.rs.default_template
        if tid not in self.regs.templates:
            raise RenderError(f"unknown template {tid!r}; known: {', '.join(self.regs.templates.names())}",
                              code="unknown_template", status=404)
        return self.regs.templates.get(tid)

    def formats_of(self, renderer: str) -> tuple[str, ...]:
        return tuple(self.regs.renderers.capability(renderer, "formats", ()))

    def layout_engine(self, renderer: str) -> str | None:
        """The page-layout engine ``renderer`` drives (``None``: a text renderer, cheap)."""
        return self.regs.renderers.capability(renderer, "engine", None)

    def engine_for(self, template: Template, fmt: str, engine: str | None = None) -> str:
        """Which renderer produces ``fmt`` for ``template``: one the template lists in its
        ``engines`` whose ``formats`` include ``fmt`` — ``[rendering] pdf_engine`` first, then
        one named after the format, then the template's order. A renderer asked for by name
        (``engine``) is used or refused (``unsupported_format``), never silently replaced; a
        page-layout renderer asked for a format only text renderers make (``html`` with the
        PDF engine named) is ignored, as the option is about the PDF's engine."""
        able = [n for n in template.engines if n in self.regs.renderers and fmt in self.formats_of(n)]
        if engine:
            if engine in able:
                return engine
            known = engine in self.regs.renderers
            if not known or fmt in self.formats_of(engine) or self.layout_engine(engine) is None \
                    or any(self.layout_engine(n) for n in able):
                raise RenderError(f"template {template.id} cannot be rendered as {fmt!r} with the "
                                  f"{engine!r} engine (engines: {', '.join(template.engines)})",
                                  code="unsupported_format")
        for preferred in (self.rs.pdf_engine, fmt):
            if preferred in able:
                return preferred
        if able:
            return able[0]
        raise RenderError(f"template {template.id} cannot be rendered as {fmt!r} "
                          f"(engines: {', '.join(template.engines)})", code="unsupported_format")

    def warm_list(self) -> tuple[tuple[str, str], ...]:
        """(renderer, template) pairs a pool worker renders once at start: every page-layout
        renderer that serves some template's default PDF, each with the first such template
        (the default template when it can)."""
        out: dict[str, str] = {}
        tids = self.regs.templates.names()
        tids.sort(key=lambda t: t != self.rs.default_template)
        for tid in tids:
            try:
                name = self.engine_for(self.regs.templates.get(tid), "pdf")
            except HtdyError:
                continue
            if self.layout_engine(name) is not None:
                out.setdefault(name, tid)
        return tuple(out.items())

    def _local_renderer(self, name: str) -> Any:
        return build_renderer(self.regs, self._renderers, self.renderer_options, name)

    # ---- lifecycle
    async def start(self) -> None:
        """Start and warm the pool (each worker imports its engines and renders once)."""
        self._loop = asyncio.get_running_loop()
        if self.pool is not None:
            await self.pool.start()
        self.ready = True

    async def check(self) -> dict[str, Any]:
        """For ``/readyz`` on renderer nodes: the pool is warm (when ``[node] warm_pools``) and its
        worker processes are alive; raises ``ServiceUnavailable`` otherwise. Other modes: nothing
        local to check (an ``http`` gateway's renderer nodes have their own readiness)."""
        if self.pool is None:
            return {"mode": self.mode}
        return {"mode": self.mode, **self.pool.check(self.settings.node.warm_pools)}

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()

    # ---- rendering
    def _render_here(self, engine: str, template: Template, resume: dict[str, Any], fmt: str,
                     options: dict[str, Any] | None) -> RenderOutput:
        return self._local_renderer(engine).render(resume, template=template, fmt=fmt, options=options)

    async def render(self, resume: dict[str, Any], *, template_id: str | None = None, fmt: str = "pdf",
                     **kw: Any) -> RenderOutput:
        """``_render`` with one structured log line per render (outcome, time, cache hit)."""
        t0, hits, outcome, out = time.perf_counter(), self.stats["cache_hits"], "error", None
        try:
            out = await self._render(resume, template_id=template_id, fmt=fmt, **kw)
            outcome = "ok"
            return out
        except HtdyError as exc:
            outcome = exc.code
            raise
        finally:
            render_log.info("render", template=template_id, format=fmt, engine=kw.get("engine"), mode=self.mode,
                            cached=self.stats["cache_hits"] > hits, outcome=outcome,
                            duration_ms=round((time.perf_counter() - t0) * 1000, 1),
                            pages=out.pages if out else None, bytes=len(out.content) if out else None)

    async def _render(self, resume: dict[str, Any], *, template_id: str | None = None, fmt: str = "pdf",
                      options: dict[str, Any] | None = None, cache_key_parts: dict[str, Any] | None = None,
                      engine: str | None = None, timeout: float | None = None) -> RenderOutput:
        """Render ``resume``. ``cache_key_parts`` (``cv_id``, ``cv_version``) enables the
        cache; without a version the CV's content hash stands in."""
        self._loop = asyncio.get_running_loop()
        template = self.template(template_id)
        eng = self.engine_for(template, fmt, engine)
        key = None
        if self.cache is not None and cache_key_parts is not None:
            key = render_cache_key(cv_id=cache_key_parts.get("cv_id", ""),
                                   cv_version=cache_key_parts.get("cv_version") or resume_version(resume),
                                   template_id=template.id, template_version=template.version,
                                   fmt=fmt, options=normalize_options(template, options), engine=eng)
            hit = await self.cache.get(key)
            if hit is not None:
                self.stats["cache_hits"] += 1
                return unpack(hit)
        limit = timeout or self.rs.timeout_s
        heavy = self.layout_engine(eng) is not None
        if self.mode == "http":
            out = await render_http(self.settings, resume, template.id, fmt, options, eng, limit)
        elif self.pool is not None and heavy:
            out = await self.pool.run(eng, template.id, resume, fmt, options, limit)
        elif heavy:
            try:
                out = await asyncio.wait_for(asyncio.to_thread(
                    self._render_here, eng, template, resume, fmt, options), limit)
            except TimeoutError:
                raise RenderError(f"rendering took longer than {limit:g} s", code="timeout",
                                  status=504) from None
        else:
            out = self._render_here(eng, template, resume, fmt, options)
        if fmt in SIZED_FORMATS and len(out.content) > self.rs.max_html_kb * 1024:
            raise RenderError(f"the {fmt} output is {len(out.content) // 1024} KiB, more than the "
                              f"{self.rs.max_html_kb} KiB allowed", code="too_large",
                              details={"max_kb": self.rs.max_html_kb, "kb": len(out.content) // 1024})
        self.stats["renders"] += 1
        if key is not None and self.cache is not None:
            await self.cache.set(key, pack(out), CACHE_TTL_S)
            from htdy.core.services.rendering import cached_renders
            await cached_renders.remember(self.cache, (cache_key_parts or {}).get("cv_id"), key)
        return out

    def render_sync(self, resume: dict[str, Any], *, template_id: str | None = None, fmt: str = "pdf",
                    options: dict[str, Any] | None = None, engine: str | None = None,
                    timeout: float | None = None) -> RenderOutput:
        """Render from synchronous code. ``inprocess``: here, with the time limit as a
        SIGALRM when possible (the CLI). ``pool``/``http`` from a thread other than the
        event loop's (``asyncio.to_thread``): through ``render()`` on the service's loop —
        pool, queue and time limit as for any request — or, when no loop is running,
        straight to the pool."""
        template = self.template(template_id)
        eng = self.engine_for(template, fmt, engine)
        limit = timeout or self.rs.timeout_s
        if self.mode != "inprocess":
            loop = self._loop
            if loop is not None and loop.is_running() and _running_loop() is not loop:
                return asyncio.run_coroutine_threadsafe(self.render(
                    resume, template_id=template.id, fmt=fmt, options=options, engine=eng, timeout=limit),
                    loop).result()
            if self.pool is not None and self.layout_engine(eng) is not None and _running_loop() is None:
                return self.pool.run_blocking(eng, template.id, resume, fmt, options, limit)
            if self.mode == "http" and _running_loop() is None:
                return asyncio.run(render_http(self.settings, resume, template.id, fmt, options, eng, limit))
        if threading.current_thread() is not threading.main_thread():
            return self._render_here(eng, template, resume, fmt, options)

        expired = threading.Event()

        def on_alarm(signum: int, frame: Any) -> None:
            expired.set()
            raise _Deadline  # a BaseException: no library's "except Exception" can swallow it

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            out = self._render_here(eng, template, resume, fmt, options)
        except _Deadline:
            raise RenderError(f"rendering took longer than {limit:g} s", code="timeout", status=504) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if expired.is_set():
            # the alarm landed inside a C library's callback (cffi prints and swallows what a
            # callback raises): the render went on, but it did take longer than the limit
            raise RenderError(f"rendering took longer than {limit:g} s", code="timeout", status=504)
        return out


class _Deadline(BaseException):
    """Raised by the SIGALRM handler of ``render_sync``."""


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
