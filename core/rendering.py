"""The renderer gateway: every render goes through ``RenderService``.

Modes: ``pool`` (default for ``[rendering] gateway = "inprocess"``: WeasyPrint/Typst in a
warm process pool, one job per worker, per-job timeout, a stuck worker is killed; renders
waiting for a worker are exported as ``htdy_queue_depth{kind="render"}``), ``inprocess``
(render in this process — the CLI and tests) and ``http`` (POST to a renderer node's
``/internal/render``; mount ``internal_routes()`` there). Synchronous callers in other
threads (``render_sync``, ``ats_check``) go through the same pool or gateway. Renders are
cached by ``render_cache_key`` (options normalised by ``normalize_options``) when an async
cache (``get``/``set``) is given. Implementations come only from the registries
(``build_registries``): core names no renderer module.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import hashlib
import hmac
import importlib
import json
import logging
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any, Protocol

import structlog

from htdy import __version__
from htdy.core.errors import ConfigError, HtdyError, RenderError, ServiceUnavailable
from htdy.core.interfaces import RenderOutput, Template
from htdy.core.rendering_ats import ats_report
from htdy.core.tracing import outgoing_headers

log = logging.getLogger("htdy.rendering")
render_log = structlog.get_logger("htdy.renders")
POOL_FORMATS = ("pdf", "png", "svg")  # CPU-heavy: off the event loop
CACHE_TTL_S = 7 * 24 * 3600
_MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "png": "image/png",
          "svg": "image/svg+xml", "md": "text/markdown; charset=utf-8", "txt": "text/plain; charset=utf-8"}
WARM_CV = {"basics": {"name": "Warm Up", "label": "Renderer"},
           "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01",
                     "highlights": ["Rendered a page once at start-up."]}]}


class AsyncCache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None: ...


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_HEX3 = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])")


def _normalize_value(spec: dict[str, Any], value: Any) -> Any:
    kind = spec.get("type", "string")
    if kind == "color" and isinstance(value, str):
        v = value.strip().lower()
        m = _HEX3.fullmatch(v)
        return "#" + "".join(c * 2 for c in m.groups()) if m else v
    if kind == "choice" and isinstance(value, str):
        return value.strip().lower()
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        return value
    if kind == "list":
        items = value.split(",") if isinstance(value, str) else value
        if isinstance(items, list | tuple) and all(isinstance(v, str) for v in items):
            return [v.strip() for v in items if v.strip()]
        return value
    return value


def normalize_options(template: Template | None, options: dict[str, Any] | None) -> dict[str, Any]:
    """The options a render really uses, for cache keys: every option the template
    supports with its default filled in, given values written the way the renderer reads
    them (colours as lower-case ``#rrggbb``, choices lower-case, lists split on commas,
    booleans from ``true``/``false``…), keys sorted. ``{}``, ``{"accent": "#00F"}`` and
    ``{"accent": "#0000ff"}`` are one entry when ``#0000ff`` is the default. Values a spec
    does not describe (unknown options) are kept as given; the renderer rejects them."""
    specs: dict[str, Any] = template.options if template is not None else {}
    out = {name: _normalize_value(spec, spec.get("default")) for name, spec in specs.items()
           if isinstance(spec, dict)}
    for name, value in (options or {}).items():
        spec = specs.get(name)
        out[name] = _normalize_value(spec, value) if isinstance(spec, dict) else value
    return dict(sorted(out.items()))


def render_cache_key(*, cv_version: Any, template_id: str, template_version: str, fmt: str,
                     options: dict[str, Any] | None = None, engine: str = "", cv_id: Any = "") -> str:
    """A stable key for one render: (CV id + version, template id + version, options,
    format, engine, htdy version). A new CV version or template version changes it.
    ``RenderService`` passes options through ``normalize_options`` first."""
    payload = json.dumps({"cv": [str(cv_id), str(cv_version)], "t": [template_id, template_version],
                          "o": options or {}, "f": fmt, "e": engine, "v": __version__},
                         sort_keys=True, separators=(",", ":"), default=str)
    return "render:" + hashlib.sha256(payload.encode()).hexdigest()[:40]


def resume_version(resume: dict[str, Any]) -> str:
    """Content hash of a CV, for callers without a stored version number."""
    return hashlib.sha256(json.dumps(resume, sort_keys=True, default=str).encode()).hexdigest()[:24]


# text outputs, limited by [rendering] max_html_kb as PDFs are by max_pages
SIZED_FORMATS = frozenset({"html", "svg", "md", "txt"})

def _pack(out: RenderOutput) -> bytes:
    meta = json.dumps({"m": out.media_type, "p": out.pages}).encode()
    return meta + b"\n" + out.content


def _unpack(data: bytes) -> RenderOutput:
    meta, _, content = data.partition(b"\n")
    m = json.loads(meta)
    return RenderOutput(content, m["m"], m["p"])


# --------------------------------------------------------------------- worker side
_WORKER: dict[str, Any] = {}


def _build(extra_modules: Iterable[str]) -> Any:
    from htdy.core.plugins import build_registries, get_plugin_manager

    pm = get_plugin_manager(extra=[importlib.import_module(m) for m in extra_modules])
    return build_registries(pm)


def _worker_init(extra_modules: tuple[str, ...], renderer_opts: dict[str, Any],
                 warm_template: str, pdf_engine: str = "pdf", server_pid: int = 0) -> None:
    from htdy.core.logging import configure_child_logging
    from htdy.core.pdeathsig import die_with

    die_with(server_pid)
    configure_child_logging()  # (a forkserver child inherits no logging set-up)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["regs"] = _build(extra_modules)
    _WORKER["opts"] = renderer_opts
    _WORKER["renderers"] = {}
    regs = _WORKER["regs"]
    engines = ["pdf"] + ([pdf_engine] if pdf_engine != "pdf" else [])
    for engine in engines:  # warm: import the engine and lay out a page once
        try:
            tid = warm_template if warm_template in regs.templates else regs.templates.names()[0]
            if engine in regs.renderers and engine in regs.templates.get(tid).engines:
                _worker_render(engine, tid, WARM_CV, "pdf", None)
        except Exception:  # noqa: BLE001 - a broken warm-up must not kill the worker
            log.exception("renderer warm-up failed (%s)", engine)
    # Everything loaded so far (modules, fonts, parsed CSS) lives as long as the worker:
    # move it out of the collector's generations so collections during a render only
    # walk that render's objects (~2 ms less per render).
    gc.collect()
    gc.freeze()


def _renderer(regs: Any, cache: dict[str, Any], opts: dict[str, Any], name: str) -> Any:
    """The renderer ``name`` with its options (``opts``: ``RenderService.renderer_options``);
    they were validated at start-up (``check_config``), so a ``ConfigError`` here is a backstop."""
    from htdy.core.plugin_checks import option_data, validate_options

    if name not in cache:
        cls = regs.renderers.get(name)
        data = option_data(cls, opts["tables"].get(name, {}), opts["defaults"])
        cache[name] = cls(validate_options(cls, "renderers", name, data, opts["source"]))
    return cache[name]


def _worker_render(engine: str, template_id: str, resume: dict[str, Any], fmt: str,
                   options: dict[str, Any] | None) -> tuple[Any, ...]:
    regs = _WORKER["regs"]
    try:
        template = regs.templates.get(template_id)
        out = _renderer(regs, _WORKER["renderers"], _WORKER["opts"], engine).render(
            resume, template=template, fmt=fmt, options=options)
        return ("ok", out.content, out.media_type, out.pages)
    except HtdyError as exc:
        return ("error", exc.code, exc.message, exc.details)


def _noop() -> int:
    return multiprocessing.current_process().pid or 0


# --------------------------------------------------------------------- the service
class RenderService:
    """Render CVs with templates through the registries, cached, with limits."""

    def __init__(self, settings: Any, pm: Any = None, *, cache: AsyncCache | None = None,
                 mode: str | None = None, extra_modules: Iterable[str] = ()) -> None:
        from htdy.core.plugins import build_registries, get_plugin_manager

        self.settings = settings
        self.rs = settings.rendering
        self.extra_modules = tuple(extra_modules)
        self.pm = pm or get_plugin_manager(extra=[importlib.import_module(m) for m in self.extra_modules])
        self.regs = build_registries(self.pm)
        self.cache = cache
        self.mode = mode or ("http" if self.rs.gateway == "http" else "pool")
        if self.mode not in ("pool", "inprocess", "http"):
            raise ValueError(f"unknown render mode {self.mode!r}")
        self._renderers: dict[str, Any] = {}
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None  # where render() runs, for other threads
        self.queued = 0  # renders waiting for a pool worker
        self.warm = False  # start() finished: every pool worker answered once
        self._rewarm: asyncio.Task[None] | None = None
        self.stats = {"renders": 0, "cache_hits": 0, "timeouts": 0, "pool_restarts": 0, "pool_jobs": 0}
        if self.mode == "pool":
            from htdy.core import metrics

            metrics.QUEUE_DEPTH.labels("render")  # the series exists (at 0) from the start

    # ---- lookup
    @property
    def renderer_options(self) -> dict[str, Any]:
        """What a renderer is built from: its ``[plugins.renderers.<name>]`` table, the host's
        defaults (``[rendering] max_pages``) where its options have the key, the file's name."""
        from htdy.core.plugin_checks import host_defaults

        return {"tables": dict(self.settings.plugins.get("renderers", {})),
                "defaults": host_defaults(self.settings)["renderers"], "source": self.settings.source}

    def template(self, template_id: str | None) -> Template:
        tid = template_id or self.rs.default_template
        if tid not in self.regs.templates:
            raise RenderError(f"unknown template {tid!r}; known: {', '.join(self.regs.templates.names())}",
                              code="unknown_template", status=404)
        return self.regs.templates.get(tid)

    def engine_for(self, template: Template, fmt: str, engine: str | None = None) -> str:
        """Which renderer produces ``fmt`` for ``template``: PDF goes to ``[rendering]
        pdf_engine`` when the template supports it, else to the other; an ``engine`` asked for
        by name is used or refused (``unsupported_format``), never silently replaced."""
        if fmt == "pdf" and engine:
            candidates = [engine]
        elif fmt == "pdf":
            wanted = self.rs.pdf_engine
            candidates = [wanted] + [e for e in ("pdf", "typst") if e != wanted]
        elif fmt in ("png", "svg"):
            candidates = ["typst"]
        else:
            candidates = [engine] if engine and engine not in ("pdf", "typst") else [fmt]
        for name in candidates:
            if name in template.engines and name in self.regs.renderers and \
                    fmt in self.regs.renderers.get(name).formats:
                return name
        asked = f" with the {engine!r} engine" if engine and fmt == "pdf" else ""
        raise RenderError(f"template {template.id} cannot be rendered as {fmt!r}{asked} "
                          f"(engines: {', '.join(template.engines)})", code="unsupported_format")

    def _local_renderer(self, name: str) -> Any:
        return _renderer(self.regs, self._renderers, self.renderer_options, name)

    # ---- pool
    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver")
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self.rs.workers, mp_context=ctx, initializer=_worker_init,
            initargs=(self.extra_modules, self.renderer_options, self.rs.default_template, self.rs.pdf_engine,
                      os.getpid()))

    def _get_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = self._new_pool()
            return self._pool

    def _kill_pool(self, pool: concurrent.futures.ProcessPoolExecutor) -> None:
        with self._pool_lock:
            if self._pool is pool:
                self._pool = None
                self.stats["pool_restarts"] += 1
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def start(self) -> None:
        """Start and warm the pool (each worker imports WeasyPrint and renders once)."""
        self._loop = asyncio.get_running_loop()
        if self.mode == "pool":
            pool = self._get_pool()
            loop = asyncio.get_running_loop()
            await asyncio.gather(*[loop.run_in_executor(pool, _noop) for _ in range(self.rs.workers)])
        self.warm = True

    async def check(self) -> dict[str, Any]:
        """For ``/readyz`` on renderer nodes: the pool is warm (when ``[node] warm_pools``) and its
        worker processes are alive; raises ``ServiceUnavailable`` otherwise. Other modes: nothing
        local to check (an ``http`` gateway's renderer nodes have their own readiness)."""
        if self.mode != "pool":
            return {"mode": self.mode}
        if self.settings.node.warm_pools and not self.warm:
            raise ServiceUnavailable("the render pool is warming up", code="renderer_unavailable")
        pool = self._pool
        if pool is None:  # not started yet (no warm-up), or replaced after a stuck render: next use starts it
            return {"mode": self.mode, "workers": 0, "queued": self.queued}
        procs = list(getattr(pool, "_processes", {}).values())
        alive = sum(1 for p in procs if p.is_alive())
        if getattr(pool, "_broken", False) or (procs and alive < len(procs)):
            # a worker died (OOM kill…): replace the pool now rather than on the next render —
            # an unready node gets no renders — and be ready again once the new one is warm
            self._kill_pool(pool)
            self.warm = False
            self._rewarm = asyncio.get_running_loop().create_task(self.start())
            raise ServiceUnavailable("a render worker died; the pool is being replaced", code="renderer_unavailable")
        return {"mode": self.mode, "workers": alive, "queued": self.queued}

    async def close(self) -> None:
        if self._rewarm is not None:
            self._rewarm.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._rewarm
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    @contextlib.asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        """One job per worker: the timeout measures rendering, not queueing. Jobs waiting
        here are the render queue (``htdy_queue_depth{kind="render"}``)."""
        from htdy.core import metrics

        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.rs.workers))
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

    async def _run_pool(self, engine: str, template: Template, resume: dict[str, Any], fmt: str,
                        options: dict[str, Any] | None, timeout: float) -> RenderOutput:
        loop = asyncio.get_running_loop()
        for attempt in (1, 2):
            async with self._slot():
                pool = self._get_pool()
                self.stats["pool_jobs"] += 1
                fut = loop.run_in_executor(pool, _worker_render, engine, template.id, resume, fmt, options)
                try:
                    res = await asyncio.wait_for(fut, timeout)
                except (TimeoutError, concurrent.futures.process.BrokenProcessPool) as exc:
                    self._pool_failed(pool, exc, attempt, timeout)
                    continue
            return _result(res)
        raise AssertionError("unreachable")

    def _run_pool_blocking(self, engine: str, template: Template, resume: dict[str, Any], fmt: str,
                           options: dict[str, Any] | None, timeout: float) -> RenderOutput:
        """``_run_pool`` for a thread without the service's event loop (the pool is
        thread-safe; the one-job-per-worker limit is the event loop's, not applied here)."""
        for attempt in (1, 2):
            pool = self._get_pool()
            self.stats["pool_jobs"] += 1
            fut = pool.submit(_worker_render, engine, template.id, resume, fmt, options)
            try:
                res = fut.result(timeout)
            except (TimeoutError, concurrent.futures.process.BrokenProcessPool) as exc:
                self._pool_failed(pool, exc, attempt, timeout)
                continue
            return _result(res)
        raise AssertionError("unreachable")

    def _pool_failed(self, pool: Any, exc: BaseException, attempt: int, timeout: float) -> None:
        """A pool job failed: the pool is dropped either way; a timeout raises, a dead worker
        process is retried once on a fresh pool (returns), then raises."""
        self._kill_pool(pool)
        if isinstance(exc, TimeoutError):  # concurrent.futures.TimeoutError is TimeoutError (3.11)
            self.stats["timeouts"] += 1
            raise RenderError(f"rendering took longer than {timeout:g} s", code="timeout", status=504) from None
        if attempt == 2:
            raise RenderError("the renderer process died", code="render_failed") from None

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
                return _unpack(hit)
        limit = timeout or self.rs.timeout_s
        if self.mode == "http":
            out = await self._render_http(resume, template.id, fmt, options, eng, limit)
        elif self.mode == "pool" and fmt in POOL_FORMATS:
            out = await self._run_pool(eng, template, resume, fmt, options, limit)
        elif fmt in POOL_FORMATS:
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
            await self.cache.set(key, _pack(out), CACHE_TTL_S)
            from htdy.core.services import cached_renders
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
            if self.mode == "pool" and fmt in POOL_FORMATS and _running_loop() is None:
                return self._run_pool_blocking(eng, template, resume, fmt, options, limit)
            if self.mode == "http" and _running_loop() is None:
                return asyncio.run(self._render_http(resume, template.id, fmt, options, eng, limit))
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

    # ---- http gateway
    def _sign(self, body: bytes, timestamp: str) -> str:
        """HMAC-SHA256 over ``<timestamp>.<body>`` with ``[auth] secret_key`` ("" without one)."""
        secret = (self.settings.auth.secret_key or "").encode()
        if not secret:
            return ""
        return hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()

    async def _render_http(self, resume: dict[str, Any], template_id: str, fmt: str,
                           options: dict[str, Any] | None, engine: str, timeout: float) -> RenderOutput:
        import aiohttp

        body = json.dumps({"resume": resume, "template_id": template_id, "fmt": fmt,
                           "options": options or {}, "engine": engine}).encode()
        url = self.rs.renderer_url.rstrip("/") + "/internal/render"
        stamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Htdy-Timestamp": stamp,
                   "X-Htdy-Signature": self._sign(body, stamp), **outgoing_headers()}  # request id, traceparent
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout + 5)) as s:
                async with s.post(url, data=body, headers=headers) as resp:
                    data = await resp.read()
                    if resp.status != 200:
                        err = json.loads(data).get("error", {}) if data[:1] == b"{" else {}
                        raise RenderError(err.get("message", f"renderer node answered {resp.status}"),
                                          code=err.get("code", "render_failed"), status=resp.status,
                                          details=err.get("details"))
                    pages = resp.headers.get("X-Htdy-Pages")
                    return RenderOutput(data, resp.headers.get("Content-Type", _MEDIA.get(fmt, "")),
                                        int(pages) if pages else None)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RenderError(f"renderer node unreachable: {exc}", code="render_failed", status=503) from None

    # ---- ATS
    def ats_check(self, resume: dict[str, Any], template_id: str | None = None, *,
                  options: dict[str, Any] | None = None, engine: str | None = None) -> dict[str, Any]:
        """Render to PDF (through the pool or gateway unless ``inprocess``, see
        ``render_sync``) and read it back as an ATS would. Call it from a thread
        (``asyncio.to_thread``), not from the event loop."""
        out = self.render_sync(resume, template_id=template_id, fmt="pdf", options=options, engine=engine)
        template = self.template(template_id)
        report = ats_report(resume, out.content, self.regs)
        report.update(template=template.id, engine=self.engine_for(template, "pdf", engine), pages=out.pages)
        return report


class _Deadline(BaseException):
    """Raised by the SIGALRM handler of ``render_sync``."""


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _result(res: tuple[Any, ...]) -> RenderOutput:
    if res[0] == "error":
        if res[1] == ConfigError.code:  # the operator's mistake, not the CV's: 503, logged in full
            log.error("render refused, configuration error: %s", res[2])
            raise ServiceUnavailable("rendering is misconfigured on this server; the operator must fix its "
                                     "configuration (see its logs)", code="config_error")
        raise RenderError(res[2], code=res[1], details=res[3])
    return RenderOutput(res[1], res[2], res[3])


def ats_check(resume: dict[str, Any], template_id: str | None = None, *, settings: Any = None,
              pm: Any = None, options: dict[str, Any] | None = None, engine: str | None = None) -> dict[str, Any]:
    """Render ``resume`` to PDF with ``template_id``, read it back as an ATS would (text
    layer; htdy's own PDF parser from the registry when installed) and report per section
    what was lost or garbled."""
    if settings is None:
        from htdy.core.config import load_settings
        settings = load_settings()
    svc = RenderService(settings, pm, mode="inprocess")
    return svc.ats_check(resume, template_id, options=options, engine=engine)


# how far a signed internal request may be from this node's clock (replays, clock skew)
SIGNATURE_WINDOW_S = 60


def internal_routes(service: RenderService | None = None) -> Any:
    """``POST /internal/render`` for renderer-role nodes of a split deployment (the ``http``
    gateway's peer; a one-process node does not mount it). Requests carry
    ``X-Htdy-Timestamp`` (Unix seconds) and ``X-Htdy-Signature`` (HMAC-SHA256 of
    ``<timestamp>.<body>`` with ``[auth] secret_key``); a request without a valid signature, or
    signed more than ``SIGNATURE_WINDOW_S`` away from this node's clock (a replay), is refused,
    and so is every request when no secret is configured."""
    from aiohttp import web

    routes = web.RouteTableDef()
    holder: dict[str, RenderService] = {}

    def svc() -> RenderService:
        if service is not None:
            return service
        if "s" not in holder:
            from htdy.core.config import load_settings
            holder["s"] = RenderService(load_settings(), mode="pool")
        return holder["s"]

    @routes.post("/internal/render")
    async def internal_render(request: web.Request) -> web.StreamResponse:
        s = svc()
        body = await request.read()
        stamp = request.headers.get("X-Htdy-Timestamp", "")
        expected = s._sign(body, stamp)
        if not expected or not hmac.compare_digest(expected, request.headers.get("X-Htdy-Signature", "")):
            return web.json_response({"error": {"code": "forbidden", "message": "bad signature"}}, status=403)
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > SIGNATURE_WINDOW_S:
            return web.json_response({"error": {"code": "forbidden", "message": "signature expired"}},
                                     status=403)
        try:
            req = json.loads(body)
            out = await s.render(req["resume"], template_id=req.get("template_id"), fmt=req.get("fmt", "pdf"),
                                 options=req.get("options") or None, engine=req.get("engine"))
        except HtdyError as exc:
            return web.json_response({"error": exc.to_dict()}, status=exc.status)
        except (ValueError, KeyError, TypeError) as exc:
            return web.json_response({"error": {"code": "bad_request", "message": str(exc)}}, status=400)
        headers = {"X-Htdy-Pages": str(out.pages)} if out.pages is not None else {}
        return web.Response(body=out.content, content_type=out.media_type.split(";")[0], headers=headers)

    return routes
