"""Rendering through ``RenderService`` (cached in the layered cache), ATS check, templates."""
from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from htdy.core.host.errors import ServiceUnavailable
from htdy.core.http.api import schemas as s
from htdy.core.http.api.http import PUBLIC, etag_for, not_modified, query, respond, svc, user_id
from htdy.core.http.routing import ApiRoutes
from htdy.core.observability import metrics
from htdy.core.services import analytics, cvs, design, versions
from htdy.core.services.rendering import cached_renders
from htdy.core.services.rendering.service import normalize_options

routes = ApiRoutes("rendering")
ATS_TTL_S = 3600


def _options(request: web.Request) -> dict[str, Any] | None:
    opts = {k[7:]: v for k, v in request.query.items() if k.startswith("option.") and len(k) > 7}
    return opts or None


def with_detected_language(resume: dict[str, Any], extras: Any) -> dict[str, Any]:
    """The resume with ``meta.language`` set to the parser's detected language (kept in the
    version's extras) when the CV does not name its language itself, so an uploaded German
    CV renders with German titles and dates. The stored resume is not changed."""
    meta: dict[str, Any] = resume["meta"] if isinstance(resume.get("meta"), dict) else {}
    detected = extras.get("language") if isinstance(extras, dict) else None
    if meta.get("language") or not isinstance(detected, str) or not detected:
        return resume
    return {**resume, "meta": {**meta, "language": detected}}


def _service(request: web.Request) -> Any:
    render = svc(request).render
    if render is None:
        raise ServiceUnavailable("rendering is not available on this node", code="render_unavailable")
    return render


RENDERED_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
                "frame-ancestors 'self'")


async def render_response(request: web.Request, cv_id: str, number: int | str, resume: dict[str, Any], *,
                          template: str | None, fmt: str, cache: str, filename: str,
                          download_of: str | None = None, cv_design: dict[str, Any] | None = None) -> web.StreamResponse:
    """Render with the CV's saved design (``cv_design``) under the request's template and
    ``option.*`` parameters; ``number`` is the version, or a draft's content hash."""
    render = _service(request)
    cv_design = cv_design or {}

    def specs_of(tid: str | None) -> dict[str, Any]:
        return render.template(tid).options

    template, options = design.render_choice(cv_design, template, _options(request), specs_of)
    tpl = render.template(template)
    resume = design.without_hidden(resume, cv_design)
    hidden = sorted(cv_design.get("hidden_items") or ())
    etag = etag_for("render", cv_id, number, tpl.id, tpl.version, fmt,
                    json.dumps(normalize_options(tpl, options), sort_keys=True, default=str), *hidden)
    headers = {"ETag": etag, "Cache-Control": cache}
    if not_modified(request, etag):
        return web.Response(status=304, headers=headers)
    t0 = time.perf_counter()
    hits = render.stats["cache_hits"]
    out = await render.render(resume, template_id=tpl.id, fmt=fmt, options=options,
                              cache_key_parts={"cv_id": cv_id, "cv_version": f"{number}:{','.join(hidden)}"})
    metrics.RENDER_SECONDS.labels(fmt, str(render.stats["cache_hits"] > hits).lower()).observe(
        time.perf_counter() - t0)
    if fmt == "pdf" and download_of is not None:  # a public profile's PDF, not the owner's own
        analytics.record(svc(request), request, cv_id, download_of, "download")
    headers["Content-Disposition"] = f'inline; filename="{filename}.{fmt}"'
    if fmt in ("html", "svg"):
        # a rendered CV is user content on the app's origin: no script, no fetch, own origin
        headers["Content-Security-Policy"] = RENDERED_CSP
    if out.pages is not None:
        headers["X-Htdy-Pages"] = str(out.pages)
    return web.Response(body=out.content, headers=headers, content_type=out.media_type.split(";")[0],
                        charset="utf-8" if "charset" in out.media_type else None)


@routes.get("/api/v1/cvs/{cv_id}/render", summary="Render a CV with a template",
            query=s.RenderQuery, response="binary", errors=(304, 404, 422, 504),
            description="Extra `option.<name>=<value>` query parameters are passed to the template.")
async def render_cv(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    q = query(request, s.RenderQuery)
    e, _ = await cvs.get_for(svc(request), uid, request.match_info["cv_id"])
    cv_id = e["cv"]["id"]
    if q.version and q.version != e["cv"]["current_version"]:
        v = await versions.get_version(svc(request), uid, cv_id, q.version)
        number, resume = v.number, with_detected_language(v.resume, v.extras)
    else:
        number, resume = e["cv"]["current_version"], with_detected_language(e["cv"]["resume"], e["cv"]["extras"])
    return await render_response(request, cv_id, number, resume, template=q.template, fmt=q.format,
                                 cache="private, max-age=60", filename=cvs.slugify(e["cv"]["title"]) or "cv",
                                 cv_design=design.stored(e))


@routes.get("/api/v1/cvs/{cv_id}/ats-check", summary="How an ATS would read the CV rendered with a template",
            query=s.TemplateQuery, response=dict, errors=(404,))
async def ats_check(request: web.Request) -> web.StreamResponse:
    uid = user_id(request)
    q = query(request, s.TemplateQuery)
    e, _ = await cvs.get_for(svc(request), uid, request.match_info["cv_id"])
    ats = svc(request).ats
    if ats is None:
        raise ServiceUnavailable("rendering is not available on this node", code="render_unavailable")
    tpl = ats.render.template(q.template)
    key = f"ats:{e['cv']['id']}:{e['cv']['current_version']}:{tpl.id}:{tpl.version}"
    report = await svc(request).cache.get_or_set(key, lambda: ats.check(e["cv"]["resume"], tpl.id), ATS_TTL_S)
    await cached_renders.remember(svc(request).cache, e["cv"]["id"], key)
    return respond(request, report, etag=etag_for(key))


@routes.get("/api/v1/templates", summary="Installed templates", response=dict, auth="none")
async def templates(request: web.Request) -> web.StreamResponse:
    """Each with its option specs; ``default`` marks the one a CV without a design uses."""
    regs = svc(request).registries
    default = svc(request).settings.rendering.default_template
    items = [{"id": t.id, "name": t.name, "version": t.version, "description": t.description,
              "engines": list(t.engines), "options": t.options, "preview": t.preview, "default": t.id == default}
             for _, t in regs.templates.items()]
    return respond(request, {"items": items}, cache=PUBLIC, etag=etag_for(*(f"{i['id']}@{i['version']}" for i in items)))
