"""RenderService: cache keys and cache hits, the process pool (warm, timeout, limits),
engine selection from htdy.toml, and the http gateway with its internal route."""
from __future__ import annotations

from typing import Any

import pypdfium2
import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import RenderError
from htdy.core.services.rendering.service import RenderService, render_cache_key


class DictCache:
    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.sets = 0

    async def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self.sets += 1
        self.data[key] = value


def test_cache_key_changes_with_every_part() -> None:
    base = dict(cv_id="cv1", cv_version=3, template_id="classic", template_version="1.0.0", fmt="pdf",
                options={"accent": "#123456"})
    k = render_cache_key(**base)
    assert k == render_cache_key(**base) and k.startswith("render:")
    assert render_cache_key(**{**base, "options": {"accent": "#123456"}}) == k  # order-independent
    for change in ({"cv_version": 4}, {"cv_id": "cv2"}, {"template_version": "1.0.1"}, {"template_id": "bold"},
                   {"fmt": "html"}, {"options": {"accent": "#654321"}}, {"options": {}}, {"engine": "typst"}):
        assert render_cache_key(**{**base, **change}) != k, change


async def test_cache_hit_never_rerenders(settings: Any, full_cv: dict) -> None:
    cache = DictCache()
    svc = RenderService(settings, cache=cache, mode="inprocess")
    parts = {"cv_id": "cv1", "cv_version": 1}
    first = await svc.render(full_cv, template_id="classic", fmt="pdf", cache_key_parts=parts)
    second = await svc.render(full_cv, template_id="classic", fmt="pdf", cache_key_parts=parts)
    assert second.content == first.content and second.pages == first.pages and second.media_type == "application/pdf"
    # two sets: the render, and the CV's list of its renders (deleted with the CV or its account)
    assert svc.stats["renders"] == 1 and svc.stats["cache_hits"] == 1 and cache.sets == 2
    assert len(cache.data["renders-of:cv1"]) == 1
    await svc.render(full_cv, template_id="classic", fmt="pdf", cache_key_parts={"cv_id": "cv1", "cv_version": 2})
    await svc.render(full_cv, template_id="classic", fmt="pdf", cache_key_parts=parts, options={"accent": "#000000"})
    await svc.render(full_cv, template_id="classic", fmt="html", cache_key_parts=parts)
    assert svc.stats["renders"] == 4 and svc.stats["cache_hits"] == 1
    # a new template version invalidates too
    classic = svc.regs.templates.get("classic")
    version, classic.version = classic.version, "9.9.9"
    try:
        await svc.render(full_cv, template_id="classic", fmt="pdf", cache_key_parts=parts)
    finally:
        classic.version = version
    assert svc.stats["renders"] == 5


async def test_unknown_template_and_format(settings: Any, full_cv: dict) -> None:
    svc = RenderService(settings, mode="inprocess")
    with pytest.raises(RenderError) as exc:
        await svc.render(full_cv, template_id="nope", fmt="pdf")
    assert exc.value.code == "unknown_template" and exc.value.status == 404
    with pytest.raises(RenderError) as exc:
        await svc.render(full_cv, template_id="bold", fmt="png")
    assert exc.value.code == "unsupported_format"


async def test_pdf_engine_from_settings(full_cv: dict) -> None:
    settings = settings_from_dict({"rendering": {"pdf_engine": "typst"}}, environ={})
    svc = RenderService(settings, mode="inprocess")
    classic = await svc.render(full_cv, template_id="classic", fmt="pdf")
    assert "Typst" in pypdfium2.PdfDocument(classic.content).get_metadata_dict().get("Creator", "")
    bold = await svc.render(full_cv, template_id="bold", fmt="pdf")  # no Typst variant: WeasyPrint
    assert "WeasyPrint" in pypdfium2.PdfDocument(bold.content).get_metadata_dict().get("Producer", "")
    forced = await svc.render(full_cv, template_id="classic", fmt="pdf", engine="pdf")
    assert "WeasyPrint" in pypdfium2.PdfDocument(forced.content).get_metadata_dict().get("Producer", "")


async def test_process_pool_render_timeout_and_page_limit(full_cv: dict, sparse_cv: dict) -> None:
    settings = settings_from_dict({"rendering": {"workers": 1, "timeout_s": 60, "max_pages": 1}}, environ={})
    svc = RenderService(settings, mode="pool")
    await svc.start()
    try:
        with pytest.raises(RenderError) as exc:  # the sample CV is 2 pages: over the limit, from the worker
            await svc.render(full_cv, template_id="classic", fmt="pdf")
        assert exc.value.code == "too_many_pages" and exc.value.details["pages"] >= 2
        ok = await svc.render(sparse_cv, template_id="classic", fmt="pdf")
        assert ok.pages == 1 and ok.content.startswith(b"%PDF")
        with pytest.raises(RenderError) as exc:
            await svc.render(sparse_cv, template_id="classic", fmt="pdf", timeout=0.001)
        assert exc.value.code == "timeout" and exc.value.status == 504
        assert svc.stats["pool_restarts"] == 1
        again = await svc.render(sparse_cv, template_id="classic", fmt="pdf")  # a fresh pool takes over
        assert again.pages == 1
        html = await svc.render(full_cv, template_id="compact", fmt="html")  # cheap formats stay in-process
        assert html.content.startswith(b"<!DOCTYPE html>")
    finally:
        await svc.close()


def test_render_sync_timeout(settings: Any, full_cv: dict) -> None:
    svc = RenderService(settings, mode="inprocess")
    with pytest.raises(RenderError) as exc:
        svc.render_sync(full_cv, template_id="classic", fmt="pdf", timeout=0.001)
    assert exc.value.code == "timeout"
    assert svc.render_sync(full_cv, template_id="classic", fmt="txt").content.startswith("Amélie".encode())


SECRET = "render-gateway-test-secret-0123456789"


async def test_http_gateway_and_internal_route(aiohttp_server: Any, full_cv: dict, sparse_cv: dict) -> None:
    from aiohttp import web

    from htdy.core.services.rendering.service import internal_routes

    node_settings = settings_from_dict({"rendering": {"max_pages": 1}, "auth": {"secret_key": SECRET}},
                                       environ={})
    node = RenderService(node_settings, mode="inprocess")
    app = web.Application()
    app.add_routes(internal_routes(node))
    server = await aiohttp_server(app)
    url = str(server.make_url("/"))
    api = RenderService(settings_from_dict({"rendering": {"gateway": "http", "renderer_url": url},
                                            "auth": {"secret_key": SECRET}}, environ={}))
    assert api.mode == "http"
    out = await api.render(sparse_cv, template_id="classic", fmt="pdf")
    assert out.content.startswith(b"%PDF") and out.pages == 1 and out.media_type == "application/pdf"
    md = await api.render(full_cv, template_id="classic", fmt="md")
    assert md.content.startswith("# Amélie".encode())
    with pytest.raises(RenderError) as exc:
        await api.render(full_cv, template_id="classic", fmt="pdf")
    assert exc.value.code == "too_many_pages"
    wrong = RenderService(settings_from_dict({"rendering": {"gateway": "http", "renderer_url": url},
                                              "auth": {"secret_key": "another-" + SECRET}}, environ={}))
    with pytest.raises(RenderError) as exc:
        await wrong.render(full_cv, template_id="compact", fmt="html")
    assert exc.value.status == 403


async def test_pool_timeout_counts_rendering_not_queueing(sparse_cv: dict) -> None:
    import asyncio

    settings = settings_from_dict({"rendering": {"workers": 1, "timeout_s": 60}}, environ={})
    svc = RenderService(settings, mode="pool")
    await svc.start()
    try:
        jobs = [svc.render(sparse_cv, template_id="classic", fmt="pdf", timeout=1.0) for _ in range(16)]
        outs = await asyncio.gather(*jobs)  # ~16 × 60 ms queued behind one worker: none times out
        assert all(o.pages == 1 for o in outs) and svc.stats["timeouts"] == 0
    finally:
        await svc.close()


def test_huge_cv_fails_fast_with_page_limit(settings: Any, full_cv: dict) -> None:
    import time

    full_cv["work"] = full_cv["work"] * 2000  # ~1 MB of JSON
    svc = RenderService(settings, mode="inprocess")
    for engine in ("pdf", "typst"):
        t0 = time.perf_counter()
        with pytest.raises(RenderError) as exc:
            svc.render_sync(full_cv, template_id="classic", fmt="pdf", engine=engine)
        assert exc.value.code == "too_many_pages" and time.perf_counter() - t0 < 2


def test_normalize_options_fills_defaults_and_canonical_values(regs: Any) -> None:
    from htdy.core.services.rendering.service import normalize_options

    classic = regs.templates.get("classic")
    defaults = normalize_options(classic, None)
    assert list(defaults) == sorted(classic.options) and defaults["accent"] == "#1f3b5c"
    assert normalize_options(classic, {}) == defaults
    assert normalize_options(classic, {"accent": "#1F3B5C", "fonts": "SERIF", "page_size": "a4", "photo": "false",
                                       "hide": "", "section_order": " , "}) == defaults
    assert normalize_options(classic, {"accent": "#00f"}) == normalize_options(classic, {"accent": "#0000FF"})
    assert normalize_options(classic, {"hide": "work, skills"})["hide"] == ["work", "skills"]
    assert normalize_options(classic, {"photo": "yes"})["photo"] is True
    assert normalize_options(classic, {"nope": "x"})["nope"] == "x"  # unknown: kept, the renderer rejects it
    assert normalize_options(None, {"b": 1, "a": 2}) == {"a": 2, "b": 1}


async def test_cache_key_ignores_how_default_equal_options_are_written(settings: Any, full_cv: dict) -> None:
    cache = DictCache()
    svc = RenderService(settings, cache=cache, mode="inprocess")
    parts = {"cv_id": "cv1", "cv_version": 1}
    first = await svc.render(full_cv, template_id="classic", fmt="html", cache_key_parts=parts)
    for same in ({}, {"accent": "#1F3B5C"}, {"fonts": "serif", "page_size": "A4", "date_format": "month_year"}):
        again = await svc.render(full_cv, template_id="classic", fmt="html", options=same, cache_key_parts=parts)
        assert again.content == first.content
    assert svc.stats["renders"] == 1 and svc.stats["cache_hits"] == 3
    blue = await svc.render(full_cv, template_id="classic", fmt="html", options={"accent": "#00f"}, cache_key_parts=parts)
    blue2 = await svc.render(full_cv, template_id="classic", fmt="html", options={"accent": "#0000FF"},
                             cache_key_parts=parts)
    assert svc.stats["renders"] == 2 and svc.stats["cache_hits"] == 4 and blue2.content == blue.content


async def test_ats_check_goes_through_the_pools(sparse_cv: dict) -> None:
    """The ATS check is a service over the two pools: its PDF comes from the render pool (never
    WeasyPrint in the API process) and its parse from the parser pool (its time limit, never a
    parse in the API process)."""
    from htdy.core.services.ats.service import AtsService
    from htdy.core.services.parsing.pipeline import ParserPool

    settings = settings_from_dict({"rendering": {"workers": 1, "timeout_s": 60},
                                   "parsing": {"workers": 1, "timeout_s": 60}}, environ={})
    svc = RenderService(settings, mode="pool")
    parsers = ParserPool(settings, workers=1)
    await svc.start()
    try:
        report = await AtsService(svc, parsers.parse).check(sparse_cv, "classic")
        assert report["template"] == "classic" and report["pages"] == 1 and report["text_recall"] >= 0.99
        assert report["parser"]["available"] and report["parser"]["f1"] > 0.5
        assert svc.stats["pool_jobs"] == 1 and svc.stats["renders"] == 1
        assert svc._renderers == {}  # no renderer was ever built in this process
        # a parse the pool gave up on fails the parse part only, with its code
        from htdy.core.host.errors import ParseError

        async def too_slow(data: bytes, filename: str) -> Any:
            raise ParseError("parsing took longer than 30 s", code="timeout")

        report = await AtsService(svc, too_slow).check(sparse_cv, "classic")
        assert report["parser"] == {"available": False, "code": "timeout",
                                    "reason": "the parser failed: parsing took longer than 30 s"}
        assert report["text_recall"] >= 0.99
    finally:
        parsers.close(wait=False)
        await svc.close()


def test_render_sync_from_a_plain_thread_uses_the_pool(sparse_cv: dict) -> None:
    """Without a running event loop (a worker thread, a script) render_sync still
    submits to the pool; timeouts kill the stuck worker."""
    settings = settings_from_dict({"rendering": {"workers": 1, "timeout_s": 60}}, environ={})
    svc = RenderService(settings, mode="pool")
    try:
        out = svc.render_sync(sparse_cv, template_id="classic", fmt="pdf")
        assert out.pages == 1 and svc.stats["pool_jobs"] == 1 and svc._renderers == {}
        with pytest.raises(RenderError) as exc:
            svc.render_sync(sparse_cv, template_id="classic", fmt="pdf", timeout=0.001)
        assert exc.value.code == "timeout" and svc.stats["pool_restarts"] == 1
        assert svc.render_sync(sparse_cv, template_id="classic", fmt="pdf").pages == 1
    finally:
        import asyncio

        asyncio.run(svc.close())


async def test_render_queue_depth_gauge(sparse_cv: dict) -> None:
    import asyncio

    from htdy.core.observability import metrics

    def depth() -> float:
        return metrics.REGISTRY.get_sample_value("htdy_queue_depth", {"kind": "render"}) or 0.0

    settings = settings_from_dict({"rendering": {"workers": 1, "timeout_s": 60}}, environ={})
    svc = RenderService(settings, mode="pool")
    assert metrics.REGISTRY.get_sample_value("htdy_queue_depth", {"kind": "render"}) is not None
    await svc.start()
    try:
        base = depth()
        jobs = [asyncio.ensure_future(svc.render(sparse_cv, template_id="classic", fmt="pdf")) for _ in range(4)]
        seen = []
        while not all(j.done() for j in jobs):
            seen.append((svc.queued, depth() - base))
            await asyncio.sleep(0.005)
        await asyncio.gather(*jobs)
        assert max(q for q, _ in seen) == 3 and max(d for _, d in seen) == 3  # one runs, three wait
        assert all(q == d for q, d in seen) and svc.queued == 0 and depth() == base
    finally:
        await svc.close()


async def test_pool_workers_are_warm_and_frozen(sparse_cv: dict) -> None:
    """Each worker imported the engines, rendered once and froze that heap for the
    collector before its first job."""
    import asyncio
    import gc

    settings = settings_from_dict({"rendering": {"workers": 2, "timeout_s": 60}}, environ={})
    svc = RenderService(settings, mode="pool")
    await svc.start()
    try:
        pool = svc.pool.get()
        assert len(pool._processes) == 2
        loop = asyncio.get_running_loop()
        frozen = await asyncio.gather(*[loop.run_in_executor(pool, gc.get_freeze_count) for _ in range(2)])
        assert all(n > 10_000 for n in frozen), frozen
    finally:
        await svc.close()
