"""A tiny in-memory stand-in for the JSON API (docs/api-contract.md), enough to exercise
the web pages without the database: fast tests use it; the real-server browser tests
do not. Loaded by path from conftest (tests/ has no packages)."""
from __future__ import annotations

import hashlib
import itertools
import json
from typing import Any

from aiohttp import web

SAMPLE = {
    "basics": {"name": "Ada Lovelace", "label": "Analytical engine programmer", "email": "ada@example.org",
               "url": "https://ada.example.org", "summary": "First programmer.\nLikes engines.",
               "location": {"city": "London", "countryCode": "GB"},
               "profiles": [{"network": "GitHub", "url": "https://github.com/ada"}]},
    "work": [{"name": "Babbage & Co", "position": "Programmer", "startDate": "1842-01", "endDate": "1843-09",
              "highlights": ["Wrote the first algorithm", "Notes on the engine"]}],
    "education": [{"institution": "Home schooling", "area": "Mathematics", "studyType": "Private tuition"}],
    "skills": [{"name": "Mathematics", "level": "Expert", "keywords": ["Analysis", "Bernoulli numbers"]}],
    "languages": [{"language": "English", "fluency": "Native"}],
}

# parse-review extras of the published sample (the editor marks these; the axe test checks them)
REVIEW_EXTRAS = {
    "confidence": {"basics.name": 0.98, "work[0].position": 0.42, "education[0].area": 0.3},
    "low_confidence": ["education[0].area", "work[0].position"],
    "unassigned": [{"text": "Countess of Lovelace", "page": 1, "x": 62.1, "y": 165.0},
                   {"text": "Translated Menabrea's memoir", "page": 2, "x": 40.0, "y": 300.0}],
}


FAKE_STATE: web.AppKey[dict[str, Any]] = web.AppKey("fake_state", dict)


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response(data, status=status, headers=headers)


def make_fake_api() -> web.Application:
    """Return a sub-app-free route table added to a plain Application (routes under /api/v1)."""
    app = web.Application()
    state: dict[str, Any] = {"cvs": {}, "users": {}, "sessions": {}, "jobs": {}, "ids": itertools.count(1)}
    app[FAKE_STATE] = state

    def user_of(request: web.Request) -> dict[str, Any]:
        uid = state["sessions"].get(request.cookies.get("htdy_session", ""))
        if uid is None:
            raise web.HTTPUnauthorized(text=json.dumps({"error": {"code": "unauthorized", "message": "log in"}}),
                                       content_type="application/json")
        if request.method != "GET" and request.headers.get("X-CSRF-Token") != request.cookies.get("htdy_csrf"):
            raise web.HTTPForbidden(text=json.dumps({"error": {"code": "csrf", "message": "bad csrf"}}),
                                    content_type="application/json")
        return state["users"][uid]

    def login_response(user: dict[str, Any], status: int) -> web.Response:
        token = f"s{next(state['ids'])}"
        state["sessions"][token] = user["id"]
        resp = _json({"user": user, "token": token}, status)
        resp.set_cookie("htdy_session", token, httponly=True, samesite="Lax", path="/")
        resp.set_cookie("htdy_csrf", "c" + token, samesite="Lax", path="/")
        return resp

    def new_cv(owner: dict[str, Any], title: str, resume: dict[str, Any]) -> dict[str, Any]:
        cid = f"cv{next(state['ids'])}"
        cv = {"id": cid, "title": title, "owner": {"id": owner["id"], "name": owner["name"]},
              "discoverable": False, "slug": None, "current_version": 1, "created_at": "2026-11-27T05:00:00Z",
              "updated_at": "2026-11-27T05:00:00Z", "resume": resume, "extras": {}, "access": "owner",
              "versions": [{"version": 1, "created_at": "2026-11-27T05:00:00Z", "resume": resume}]}
        state["cvs"][cid] = cv
        return cv

    def view(cv: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in cv.items() if k != "versions"}

    async def signup(request: web.Request) -> web.Response:
        body = await request.json()
        user = {"id": f"u{next(state['ids'])}", "email": body["email"], "name": body.get("name", "")}
        state["users"][user["id"]] = user
        return login_response(user, 201)

    async def login(request: web.Request) -> web.Response:
        body = await request.json()
        for user in state["users"].values():
            if user["email"] == body.get("email"):
                return login_response(user, 200)
        return _json({"error": {"code": "bad_credentials", "message": "Wrong email or password."}}, 401)

    async def logout(request: web.Request) -> web.Response:
        state["sessions"].pop(request.cookies.get("htdy_session", ""), None)
        resp = web.Response(status=204)
        resp.del_cookie("htdy_session", path="/")
        return resp

    async def me(request: web.Request) -> web.Response:
        return _json(user_of(request))

    async def list_cvs(request: web.Request) -> web.Response:
        user = user_of(request)
        items = [view(c) for c in state["cvs"].values() if c["owner"]["id"] == user["id"]]
        return _json({"items": items, "next_cursor": None, "total": len(items)})

    async def create_cv(request: web.Request) -> web.Response:
        body = await request.json()
        return _json(view(new_cv(user_of(request), body.get("title", ""), body.get("resume", {}))), 201)

    def get(request: web.Request) -> dict[str, Any]:
        user_of(request)
        cv = state["cvs"].get(request.match_info["id"])
        if cv is None:
            raise web.HTTPNotFound(text='{"error": {"code": "not_found", "message": "no such CV"}}',
                                   content_type="application/json")
        return cv

    async def get_cv(request: web.Request) -> web.Response:
        cv = get(request)
        return _json(view(cv), headers={"ETag": f'"{cv["current_version"]}"'})

    async def patch_cv(request: web.Request) -> web.Response:
        cv = get(request)
        body = await request.json()
        if "resume" in body and body["resume"] != cv["resume"]:
            cv["current_version"] += 1
            cv["versions"].append({"version": cv["current_version"], "created_at": "2026-11-27T06:00:00Z",
                                   "resume": body["resume"]})
        cv.update({k: v for k, v in body.items() if k in ("title", "resume", "discoverable", "slug")})
        return _json(view(cv), headers={"ETag": f'"{cv["current_version"]}"'})

    async def versions(request: web.Request) -> web.Response:
        cv = get(request)
        items = [{"version": v["version"], "created_at": v["created_at"]} for v in cv["versions"]]
        return _json({"items": items, "next_cursor": None, "total": len(items)})

    async def render(request: web.Request) -> web.Response:
        cv = get(request)
        if request.query.get("format") == "pdf":
            return web.Response(body=b"%PDF-1.4 fake", content_type="application/pdf")
        name = cv["resume"].get("basics", {}).get("name", "")
        return web.Response(text=f"<!doctype html><title>cv</title><h1>{name}</h1>", content_type="text/html")

    async def shares(request: web.Request) -> web.Response:
        cv = get(request)
        if request.method == "POST":
            body = await request.json()
            share = {"id": f"sh{next(state['ids'])}", "kind": "link" if body.get("link") else "user",
                     "access": body.get("access", "view"), "expires_at": None}
            share.update({"url": f"/s/{share['id']}"} if body.get("link") else {"user": {"email": body["email"]}})
            cv.setdefault("shares", []).append(share)
            return _json(share, 201)
        return _json({"items": cv.get("shares", []), "next_cursor": None, "total": len(cv.get("shares", []))})

    async def uploads(request: web.Request) -> web.Response:
        user = user_of(request)
        form = await request.post()
        cv = new_cv(user, str(form.get("title", "upload")), json.loads(json.dumps(SAMPLE)))
        jid = f"j{next(state['ids'])}"
        state["jobs"][jid] = {"id": jid, "kind": "parse", "status": "done", "attempts": 1, "error": None,
                              "result": {"cv_id": cv["id"], "version": 1}}
        return _json({"job": {"id": jid, "status": "queued", "kind": "parse"},
                      "links": {"job": f"/api/v1/jobs/{jid}"}}, 202)

    async def job(request: web.Request) -> web.Response:
        return _json(state["jobs"][request.match_info["id"]])

    async def templates(request: web.Request) -> web.Response:
        return _json({"items": [{"id": "classic", "name": "Classic"}, {"id": "modern", "name": "Modern"}]})

    async def profile(request: web.Request) -> web.Response:
        for cv in state["cvs"].values():
            if cv["discoverable"] and cv["slug"] == request.match_info["slug"]:
                body = {"slug": cv["slug"], "cv_id": cv["id"], "resume": cv["resume"],
                        "updated_at": cv["updated_at"]}
                etag = '"' + hashlib.sha1(json.dumps(body).encode()).hexdigest() + '"'
                return _json(body, headers={"ETag": etag, "Cache-Control": "public, max-age=300"})
        return _json({"error": {"code": "not_found", "message": "no profile"}}, 404)

    async def stats(request: web.Request) -> web.Response:
        """``GET /api/v1/cvs/{id}/stats``: a fixed, plausible series (the owner's analytics)."""
        import datetime as dt

        days = int(request.query.get("days", "30"))
        today = dt.date(2026, 12, 7)
        series = [{"date": (today - dt.timedelta(days=days - 1 - i)).isoformat(), "view": (i * 7) % 11,
                   "unique_visitors": (i * 7) % 11 // 2, "download": i % 3, "search_appearance": i % 13,
                   "search_click": i % 4, "share_open": i % 2} for i in range(days)]
        totals = {k: sum(d[k] for d in series) for k in ("view", "download", "search_appearance",
                                                          "search_click", "share_open")}
        return _json({**totals, "days": days, "unique_visitors": sum(d["unique_visitors"] for d in series),
                      "series": series, "shares": [{"share_id": "5f0c1d2e-0000-4000-8000-000000000001",
                                                    "opens": 4, "removed": False, "created_at": None}]})

    async def profile_list(request: web.Request) -> web.Response:
        """``GET /api/v1/profiles``: slug order, ``after`` cursor, ``limit``."""
        after, limit = request.query.get("after", ""), int(request.query.get("limit", "1000"))
        rows = sorted((c["slug"], c["updated_at"]) for c in state["cvs"].values()
                      if c["discoverable"] and c["slug"] and c["slug"] > after)
        items = [{"slug": slug, "updated_at": at} for slug, at in rows[:limit]]
        return _json({"items": items, "next": items[-1]["slug"] if len(rows) > limit else None})

    async def search(request: web.Request) -> web.Response:
        q = request.query.get("q", "").lower()
        items = [{"cv_id": c["id"], "slug": c["slug"], "name": c["resume"]["basics"].get("name"),
                  "label": c["resume"]["basics"].get("label"), "title": "Analyst", "location": "London",
                  "city": "London", "country": "GB", "languages": ["English"], "years": 9.5,
                  "open_to_work": True, "skills": ["Mathematics", "Python"], "score": 1.0,
                  "highlights": {"summary": ["<em>First</em> programmer"]},
                  "reasons": {"skills": ["Python"], "title": None, "text": ["summary"]}}
                 for c in state["cvs"].values()
                 if c["discoverable"] and q in json.dumps(c["resume"]).lower()]
        facets = {"skill": [{"value": "python", "label": "Python", "count": len(items)}],
                  "city": [{"value": "london", "label": "London", "count": len(items)}],
                  "country": [], "language": [], "years": [], "open_to_work": []}
        return _json({"total": len(items), "items": items, "facets": facets})

    r = app.router
    r.add_post("/api/v1/auth/signup", signup)
    r.add_post("/api/v1/auth/login", login)
    r.add_post("/api/v1/auth/logout", logout)
    r.add_get("/api/v1/me", me)
    r.add_get("/api/v1/cvs", list_cvs)
    r.add_post("/api/v1/cvs", create_cv)
    r.add_get("/api/v1/cvs/{id}", get_cv)
    r.add_patch("/api/v1/cvs/{id}", patch_cv)
    r.add_get("/api/v1/cvs/{id}/versions", versions)
    r.add_get("/api/v1/cvs/{id}/stats", stats)
    r.add_get("/api/v1/cvs/{id}/render", render)
    r.add_route("*", "/api/v1/cvs/{id}/shares", shares)
    r.add_post("/api/v1/uploads", uploads)
    r.add_get("/api/v1/jobs/{id}", job)
    r.add_get("/api/v1/templates", templates)
    r.add_get("/api/v1/profiles", profile_list)
    r.add_get("/api/v1/profiles/{slug}", profile)
    r.add_get("/api/v1/search", search)
    return app


def publish_sample(app: web.Application, slug: str = "ada-lovelace") -> str:
    """Put one discoverable CV into the fake state; returns its slug."""
    state = app[FAKE_STATE]
    owner = {"id": "u0", "email": "ada@example.org", "name": "Ada"}
    state["users"]["u0"] = owner
    cv = {"id": "cv0", "title": "Ada", "owner": owner, "discoverable": True, "slug": slug, "current_version": 1,
          "created_at": "2026-11-27T05:00:00Z", "updated_at": "2026-11-27T05:00:00Z",
          "resume": json.loads(json.dumps(SAMPLE)), "extras": json.loads(json.dumps(REVIEW_EXTRAS)),
          "access": "owner", "versions": []}
    state["cvs"]["cv0"] = cv
    return slug
