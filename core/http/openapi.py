"""The OpenAPI 3.1 document, generated from the route table (``ApiRoutes``) and the
pydantic models, and ``/api/docs``: a self-contained page that renders it (no CDN)."""
from __future__ import annotations

import re
from typing import Any

from aiohttp import web
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from htdy import __version__
from htdy.core.http import appkeys
from htdy.core.http.api import schemas as s
from htdy.core.http.ratelimit import ROUTES as RATE_LIMITED
from htdy.core.http.routing import Operation

REF = "#/components/schemas/{model}"
_PATH_PARAM = re.compile(r"{(\w+)}")
# every format a render answers with (the `format` query parameter): PDF and PNG as bytes, the rest as text
_MEDIA_BY_KIND = {"binary": {"application/pdf": {"schema": {"type": "string", "format": "binary"}},
                             "image/png": {"schema": {"type": "string", "format": "binary"}},
                             "text/html": {"schema": {"type": "string"}},
                             "image/svg+xml": {"schema": {"type": "string"}},
                             "text/markdown": {"schema": {"type": "string"}},
                             "text/plain": {"schema": {"type": "string"}}},
                  "text": {"text/plain": {"schema": {"type": "string"}}},
                  "zip": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}


_UUID = {"type": "string", "format": "uuid",
         "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"}
# path parameters by name (any other is a plain string)
PATH_PARAMS: dict[str, dict[str, Any]] = {
    "cv_id": _UUID, "share_id": _UUID, "token_id": _UUID, "job_id": _UUID,
    "n": {"type": "integer", "minimum": 1, "maximum": s.MAX_INT32},
}
# OpenAPI links: what an operation's answer names, and the path parameter of other operations
# it fills (clients — and the fuzzer's stateful phase — follow them)
LINKS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", "/api/v1/cvs"): {"cv_id": "$response.body#/id", "n": "$response.body#/current_version"},
    ("PATCH", "/api/v1/cvs/{cv_id}"): {"n": "$response.body#/current_version"},
    ("POST", "/api/v1/cvs/{cv_id}/shares"): {"share_id": "$response.body#/id"},
    ("POST", "/api/v1/tokens"): {"token_id": "$response.body#/id"},
    ("POST", "/api/v1/uploads"): {"job_id": "$response.body#/job/id"},
}


def _links(op: Operation, ops: list[Operation]) -> dict[str, Any]:
    produced = LINKS.get((op.method.upper(), op.path))
    if produced is None:
        return {}
    mine = set(_PATH_PARAM.findall(op.path))
    out: dict[str, Any] = {}
    for other in ops:
        params = set(_PATH_PARAM.findall(other.path))
        if other is op or not params & set(produced) or not params <= mine | set(produced):
            continue
        values = {p: (produced[p] if p in produced else f"$request.path.{p}") for p in sorted(params)}
        out[f"{other.method.upper()}{other.path}"] = {
            "operationId": f"{other.tags[0]}_{other.handler.__name__}", "parameters": values}
    return out


def _models(ops: list[Operation]) -> list[type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {"ErrorOut": s.ErrorOut}
    for op in ops:
        for m in (op.body, op.query, *(op.response if isinstance(op.response, tuple) else (op.response,))):
            if isinstance(m, type) and issubclass(m, BaseModel):
                found[m.__name__] = m
    return list(found.values())


def build_spec(ops: list[Operation]) -> dict[str, Any]:
    models = _models(ops)
    _, top = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    schemas = dict(top.get("$defs", {}))
    paths: dict[str, dict[str, Any]] = {}
    for op in ops:
        params: list[dict[str, Any]] = [{"name": n, "in": "path", "required": True,
                                         "schema": PATH_PARAMS.get(n, {"type": "string"})}
                                        for n in _PATH_PARAM.findall(op.path)]
        if op.query is not None:
            qs = schemas.get(op.query.__name__, {})
            for name, prop in qs.get("properties", {}).items():
                params.append({"name": name, "in": "query", "required": name in qs.get("required", []),
                               "schema": {k: v for k, v in prop.items() if k != "description"},
                               "description": prop.get("description", "")})
        entry: dict[str, Any] = {"operationId": f"{op.tags[0]}_{op.handler.__name__}", "summary": op.summary,
                                 "tags": op.tags, "parameters": params, "responses": {}}
        if op.description:
            entry["description"] = op.description
        if op.body is not None:
            entry["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": {"$ref": REF.format(model=op.body.__name__)}}}}
        if op.multipart:  # alone, or beside a JSON body (either one is accepted)
            entry.setdefault("requestBody", {"required": True, "content": {}})["content"].update(
                {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file"], "additionalProperties": False,
                "properties": {k: ({"type": "string", "format": "binary", "description": d} if k == "file"
                                   else {"type": "string", "description": d}) for k, d in op.multipart.items()}}}})
        ok: dict[str, Any] = {"description": "success"}
        if op.status != 204:
            if isinstance(op.response, type) and issubclass(op.response, BaseModel):
                ok["content"] = {"application/json": {"schema": {"$ref": REF.format(model=op.response.__name__)}}}
            elif isinstance(op.response, tuple):  # one of several shapes (e.g. whole or ?fields=)
                ok["content"] = {"application/json": {"schema": {"anyOf": [
                    {"$ref": REF.format(model=m.__name__)} for m in op.response]}}}
            elif op.response in _MEDIA_BY_KIND:
                ok["content"] = _MEDIA_BY_KIND[op.response]
            else:
                ok["content"] = {"application/json": {"schema": {"type": "object"}}}
        if links := _links(op, ops):
            ok["links"] = links
        entry["responses"][str(op.status)] = ok
        errs = set(op.errors) | {400, 500} | ({401} if op.auth == "user" else set())
        if params or op.body is not None or op.multipart:
            errs.add(422)  # a parameter or the body failed validation (`validation_failed`)
        if _PATH_PARAM.search(op.path):
            errs.add(404)  # nothing (that you may see) at this address
        if op.body is not None or op.multipart:
            errs.add(413)  # the body is over the server's size limit
        if (op.method.upper(), op.path) in RATE_LIMITED:
            errs.add(429)
        for code in sorted(errs):
            if code == 304:
                entry["responses"]["304"] = {"description": "not modified (If-None-Match matched the ETag)"}
                continue
            if code == 429:
                entry["responses"]["429"] = {
                    "description": "rate limited ([ratelimit] in htdy.toml); wait for `Retry-After` seconds",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorOut")}}}}
                continue
            entry["responses"][str(code)] = {"description": "error", "content": {
                "application/json": {"schema": {"$ref": REF.format(model="ErrorOut")}}}}
        if op.auth == "user":
            entry["security"] = [{"bearer": []}, {"session": []}]
        elif op.auth == "optional":
            entry["security"] = [{}, {"bearer": []}, {"session": []}]
        paths.setdefault(op.path, {})[op.method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": "htdy API", "version": __version__,
                 "description": "Help Them Discover You — CVs: upload, parse, edit, render, share, discover. "
                                "Cookie-authenticated writes need `X-CSRF-Token` equal to the `htdy_csrf` cookie. "
                                "A number anywhere in a JSON body must lie within ±(2^53 − 1) (I-JSON, RFC 7493): "
                                "others are `422 number_out_of_range`."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "htdy_session"}}},
    }


async def openapi_json(request: web.Request) -> web.StreamResponse:
    spec = build_spec(request.app[appkeys.api_routes].operations)  # type: ignore[attr-defined]
    return web.json_response(spec, headers={"Cache-Control": "public, max-age=300"})


DOCS_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>htdy API</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2rem;border-bottom:1px solid #ddd}details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.5rem;overflow:auto}
.m{display:inline-block;min-width:4.2rem;font-weight:700}.GET{color:#0a6}.POST{color:#06c}.PATCH{color:#a60}.DELETE{color:#c22}
</style></head><body><h1>htdy API</h1><p>Generated from <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<div id="out">Loading…</div><script>
fetch('/api/openapi.json').then(r=>r.json()).then(spec=>{
 const out=document.getElementById('out');out.textContent='';
 const p=document.createElement('p');p.textContent=spec.info.description;out.append(p);
 const byTag={};
 for(const [path,ops] of Object.entries(spec.paths))for(const [m,op] of Object.entries(ops))
  (byTag[op.tags[0]]=byTag[op.tags[0]]||[]).push([m.toUpperCase(),path,op]);
 for(const [tag,list] of Object.entries(byTag)){
  const h=document.createElement('h2');h.textContent=tag;out.append(h);
  for(const [m,path,op] of list){
   const d=document.createElement('details'),s=document.createElement('summary');
   const b=document.createElement('span');b.className='m '+m;b.textContent=m;
   const c=document.createElement('code');c.textContent=path;
   s.append(b,c,document.createTextNode(' — '+op.summary));d.append(s);
   const pre=document.createElement('pre');
   pre.textContent=JSON.stringify({description:op.description,parameters:op.parameters,requestBody:op.requestBody,
     responses:op.responses,security:op.security},null,2);d.append(pre);out.append(d);}}
 const h=document.createElement('h2');h.textContent='schemas';out.append(h);
 const pre=document.createElement('pre');pre.textContent=JSON.stringify(spec.components.schemas,null,2);out.append(pre);
}).catch(e=>{document.getElementById('out').textContent='Could not load the spec: '+e});
</script></body></html>"""


async def docs(request: web.Request) -> web.StreamResponse:
    return web.Response(text=DOCS_HTML, content_type="text/html",
                        headers={"Cache-Control": "public, max-age=300",
                                 "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline' 'self'; "
                                                            "style-src 'unsafe-inline'"})
