"""Issue 11: the authorisation matrix — every route of the app (the API's route table, the
operations routes and every plugin's pages) × eight actors, against a real server.

For each route a fresh "world" is made: an owner with a published CV shared with an editor
(edit), a viewer (view), by a link, with a user whose share was then removed ("revoked") and
one whose share has expired ("expired"; both also hold a removed/expired link), another user
with no share ("other") and nobody ("anon"). Each actor sends the route's request (the owner
last, so a destructive request does not spoil the others') and the answer is checked against
``MATRIX``.

**Adding a route?** This test fails until it has a line in ``MATRIX`` (and, for a write that
needs one, a body in ``BODIES``). Cells, in the order of ``ACTORS``:

* ``A`` — allowed: past access control (any answer but 401, 403, 404 and 5xx);
* ``401`` / ``403`` / ``404`` / ``302`` … — exactly that status.

A CV someone may not see answers 404 (not 403), so its existence is not revealed.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from htdy.core.host.testing import make_settings

ACTORS = ("owner", "editor", "viewer", "link", "other", "anon", "revoked", "expired")

# route → expected outcome per actor: owner editor viewer link other anon revoked expired
MATRIX: dict[str, str] = {
    # ---- accounts (each signed-in actor acts on their own account)
    "POST /api/v1/auth/signup":                      "A    A    A    A    A    A    A    A",
    "POST /api/v1/auth/verify-email":                "A    A    A    A    A    A    A    A",
    "POST /api/v1/auth/verify-email/resend":         "A    A    A    A    A    A    A    A",
    # (link and anon log in as nobody@example.org: wrong credentials)
    "POST /api/v1/auth/login":                       "A    A    A    401  A    401  A    A",
    "POST /api/v1/auth/logout":                      "A    A    A    A    A    A    A    A",
    "GET /api/v1/me":                                "A    A    A    401  A    401  A    A",
    "GET /api/v1/tokens":                            "A    A    A    401  A    401  A    A",
    "POST /api/v1/tokens":                           "A    A    A    401  A    401  A    A",
    "DELETE /api/v1/tokens/{token_id}":              "A    404  404  401  404  401  404  404",
    "POST /api/v1/me/password":                      "A    A    A    401  A    401  A    A",
    "POST /api/v1/auth/logout-all":                  "A    A    A    401  A    401  A    A",
    "POST /api/v1/auth/password-reset":              "A    A    A    A    A    A    A    A",
    "POST /api/v1/auth/password-reset/confirm":      "A    A    A    A    A    A    A    A",
    "GET /api/v1/me/export":                         "A    A    A    401  A    401  A    A",
    "DELETE /api/v1/me":                             "A    A    A    401  A    401  A    A",
    "GET /api/v1/me/2fa":                            "A    A    A    401  A    401  A    A",
    "POST /api/v1/me/2fa/setup":                     "A    A    A    401  A    401  A    A",
    "POST /api/v1/me/2fa/enable":                    "A    A    A    401  A    401  A    A",
    "POST /api/v1/me/2fa/disable":                   "A    A    A    401  A    401  A    A",
    # ---- CVs (the owner's CV)
    "GET /api/v1/cvs":                               "A    A    A    401  A    401  A    A",
    "POST /api/v1/cvs":                              "A    A    A    401  A    401  A    A",
    "GET /api/v1/cvs/{cv_id}":                       "A    A    A    401  404  401  404  404",
    "PATCH /api/v1/cvs/{cv_id}":                     "A    A    403  401  404  401  404  404",
    "DELETE /api/v1/cvs/{cv_id}":                    "A    403  403  401  404  401  404  404",
    # a batch is all or nothing: an update of a CV the caller may not edit is 422 with its reason
    "POST /api/v1/cvs/batch":                        "A    A    422  401  422  401  422  422",
    "GET /api/v1/cvs/{cv_id}/versions":              "A    A    A    401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/versions/{n}":          "A    A    A    401  404  401  404  404",
    "POST /api/v1/cvs/{cv_id}/versions/{n}/restore": "A    A    403  401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/stats":                 "A    403  403  401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/render":                "A    A    A    401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/ats-check":             "A    A    A    401  404  401  404  404",
    "GET /api/v1/templates":                         "A    A    A    A    A    A    A    A",
    # ---- the editor (drafts are per person and need edit access; the design is the CV's)
    "GET /api/v1/cvs/{cv_id}/design":                "A    A    A    401  404  401  404  404",
    "PUT /api/v1/cvs/{cv_id}/design":                "A    A    403  401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/draft":                 "A    A    403  401  404  401  404  404",
    "PUT /api/v1/cvs/{cv_id}/draft":                 "A    A    403  401  404  401  404  404",
    "DELETE /api/v1/cvs/{cv_id}/draft":              "A    A    403  401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/draft/render":          "A    A    403  401  404  401  404  404",
    "GET /api/v1/cvs/{cv_id}/diff":                  "A    A    A    401  404  401  404  404",
    # ---- shares
    "GET /api/v1/cvs/{cv_id}/shares":                "A    403  403  401  404  401  404  404",
    "POST /api/v1/cvs/{cv_id}/shares":               "A    403  403  401  404  401  404  404",
    "DELETE /api/v1/cvs/{cv_id}/shares/{share_id}":  "A    403  403  401  404  401  404  404",
    "GET /api/v1/shared/{token}":                    "A    A    A    A    A    A    404  404",
    "GET /api/v1/shared/{token}/render":             "A    A    A    A    A    A    404  404",
    # ---- uploads and jobs (the owner's job)
    "POST /api/v1/uploads":                          "A    A    A    401  A    401  A    A",
    "GET /api/v1/jobs/{job_id}":                     "A    404  404  401  404  401  404  404",
    # ---- discovery (public)
    "GET /api/v1/search":                            "A    A    A    A    A    A    A    A",
    # ---- job-ad matching (any signed-in recruiter; saved searches are the owner's own)
    "POST /api/v1/match":                            "A    A    A    401  A    401  A    A",
    "GET /api/v1/matchers":                          "A    A    A    A    A    A    A    A",
    "GET /api/v1/me/saved-searches":                 "A    A    A    401  A    401  A    A",
    "POST /api/v1/me/saved-searches":                "A    A    A    401  A    401  A    A",
    "DELETE /api/v1/me/saved-searches/{search_id}":  "A    404  404  401  404  401  404  404",
    "GET /api/v1/me/saved-searches/{search_id}/alerts": "A    404  404  401  404  401  404  404",
    "GET /match":                                    "A    A    A    302  A    302  A    A",
    "GET /api/v1/profiles":                          "A    A    A    A    A    A    A    A",
    "GET /api/v1/profiles/{slug}":                   "A    A    A    A    A    A    A    A",
    "GET /api/v1/profiles/{slug}/render":            "A    A    A    A    A    A    A    A",
    # ---- operations and the API's own documents
    "GET /livez":                                    "A    A    A    A    A    A    A    A",
    "GET /healthz":                                  "A    A    A    A    A    A    A    A",
    "GET /readyz":                                   "A    A    A    A    A    A    A    A",
    "GET /metrics":                                  "A    A    A    A    A    A    A    A",
    "GET /-/plugins.json":                           "A    A    A    A    A    A    A    A",
    "GET /api/openapi.json":                         "A    A    A    A    A    A    A    A",
    "GET /api/docs":                                 "A    A    A    A    A    A    A    A",
    # ---- web pages (htdy.plugins.web): the data comes from the API above, checked there
    "GET /":                                         "A    A    A    A    A    A    A    A",
    "GET /signup":                                   "A    A    A    A    A    A    A    A",
    "GET /login":                                    "A    A    A    A    A    A    A    A",
    "POST /signup":                                  "A    A    A    A    A    A    A    A",
    "POST /login":                                   "A    A    A    401  A    401  A    A",
    "POST /logout":                                  "A    A    A    A    A    A    A    A",
    "GET /logout":                                   "A    A    A    A    A    A    A    A",
    "GET /app":                                      "A    A    A    302  A    302  A    A",
    "GET /app/cvs/{cv_id}":                          "A    A    A    302  A    302  A    A",
    "GET /app/cvs/{cv_id}/stats":                    "A    403  403  302  404  302  404  404",
    "GET /search":                                   "A    A    A    A    A    A    A    A",
    "GET /p/{slug}":                                 "A    A    A    A    A    A    A    A",
    "GET /p/{slug}/cv.pdf":                          "A    A    A    A    A    A    A    A",
    "GET /p/{slug}/card.png":                        "A    A    A    A    A    A    A    A",
    "GET /s/{token}":                                "A    A    A    A    A    A    404  404",
    "GET /robots.txt":                               "A    A    A    A    A    A    A    A",
    "GET /sitemap.xml":                              "A    A    A    A    A    A    A    A",
    "GET /sitemap-{n}.xml":                          "A    A    A    A    A    A    A    A",
    "GET /static/{name}":                            "A    A    A    A    A    A    A    A",
    "GET /account":                                  "A    A    A    302  A    302  A    A",
    "GET /forgot-password":                          "A    A    A    A    A    A    A    A",
    "POST /forgot-password":                         "A    A    A    A    A    A    A    A",
    "GET /reset-password":                           "A    A    A    A    A    A    A    A",
    "POST /reset-password":                          "A    A    A    A    A    A    A    A",
    "GET /verify-email":                             "A    A    A    A    A    A    A    A",
    "POST /verify-email":                            "A    A    A    A    A    A    A    A",
    "POST /verify-email/resend":                     "A    A    A    A    A    A    A    A",
}

PASSWORD = "correct horse battery staple"
RESUME = {"basics": {"name": "Ada Lovelace", "label": "Analyst"},
          "work": [{"name": "Engine Co", "position": "Programmer", "startDate": "1842-01"}]}

# request bodies of writes (JSON unless noted); "{…}" placeholders are filled per world/actor
BODIES: dict[str, Any] = {
    "POST /api/v1/auth/signup": {"email": "{fresh_email}", "password": PASSWORD, "name": "New"},
    "POST /api/v1/auth/verify-email": {"token": "not-a-real-verification-token"},
    "POST /api/v1/auth/verify-email/resend": {"email": "{email}"},
    "POST /api/v1/auth/login": {"email": "{email}", "password": PASSWORD},
    "POST /api/v1/tokens": {"name": "matrix"},
    "POST /api/v1/me/password": {"current_password": PASSWORD, "new_password": "another good phrase 42"},
    "POST /api/v1/auth/password-reset": {"email": "{email}"},
    "POST /api/v1/auth/password-reset/confirm": {"token": "not-a-real-reset-token", "password": "fine new phrase"},
    "DELETE /api/v1/me": {"password": PASSWORD},
    "POST /api/v1/me/2fa/setup": {"password": PASSWORD},
    "POST /api/v1/me/2fa/enable": {"code": "000000"},
    "POST /api/v1/me/2fa/disable": {"password": PASSWORD, "code": "000000"},
    "POST /api/v1/cvs": {"title": "Mine", "resume": RESUME},
    "PATCH /api/v1/cvs/{cv_id}": {"title": "Renamed"},
    "POST /api/v1/cvs/batch": {"updates": [{"id": "{cv_id}", "changes": {"title": "Batch"}}]},
    "POST /api/v1/cvs/{cv_id}/shares": {"link": True, "access": "view"},
    "POST /api/v1/uploads": "multipart",
    "PUT /api/v1/cvs/{cv_id}/design": {"template": "classic"},
    "POST /api/v1/match": {"text": "Python developer with Django and PostgreSQL"},
    "POST /api/v1/me/saved-searches": {"name": "Python", "text": "Python developer with Django"},
    "PUT /api/v1/cvs/{cv_id}/draft": {"resume": RESUME, "title": "Draft"},
    "POST /signup": "form",
    "POST /login": "form",
    "POST /forgot-password": "form",
    "POST /reset-password": "form",
    "POST /verify-email": "form",
    "POST /verify-email/resend": "form",
}


def _route_key(route: Any) -> str | None:
    if route.method in ("HEAD", "OPTIONS", "*"):
        return None  # HEAD mirrors GET; OPTIONS/any-method handlers are none of ours
    return f"{route.method} {route.resource.canonical}"


def app_routes(app: Any) -> set[str]:
    return {k for r in app.router.routes() if (k := _route_key(r)) is not None}


def test_every_route_has_an_entry(tmp_path):
    """A new route fails here until someone decides who may call it."""
    from htdy.core.http.app import create_app

    routes = app_routes(create_app(make_settings(tmp_path)))
    missing = sorted(routes - set(MATRIX))
    assert not missing, ("routes without an authorisation-matrix entry (add them to MATRIX in "
                         f"{__file__}): {missing}")
    stale = sorted(set(MATRIX) - routes)
    assert not stale, f"MATRIX entries for routes that no longer exist: {stale}"
    for key, row in MATRIX.items():
        assert len(row.split()) == len(ACTORS), key


@dataclass
class World:
    cv_id: str = ""
    slug: str = ""
    link_token: str = ""
    dead_links: dict[str, str] = field(default_factory=dict)  # actor → a removed/expired link token
    share_id: str = ""
    job_id: str = ""
    owner_token_id: str = ""
    search_id: str = ""
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)


async def _signup(client: Any, email: str) -> str:
    resp = await client.post("/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "name": "M"})
    assert resp.status == 201, await resp.text()
    client.session.cookie_jar.clear()
    return str((await resp.json())["token"])


async def make_world(client: Any) -> World:
    from htdy.core.models import ApiToken, Job, Share
    from htdy.core.services import utcnow

    w = World()
    tag = uuid.uuid4().hex[:8]
    for actor in ACTORS:
        if actor in ("anon", "link"):
            w.headers[actor] = {}
            continue
        w.emails[actor] = f"{actor}-{tag}@example.org"
        w.headers[actor] = {"Authorization": f"Bearer {await _signup(client, w.emails[actor])}"}
    own = w.headers["owner"]
    cv = await (await client.post("/api/v1/cvs", json={"title": "T", "resume": RESUME, "discoverable": True},
                                  headers=own)).json()
    w.cv_id, w.slug = cv["id"], cv["slug"]

    async def share(body: dict[str, Any]) -> dict[str, Any]:
        resp = await client.post(f"/api/v1/cvs/{w.cv_id}/shares", json=body, headers=own)
        assert resp.status == 201, await resp.text()
        return dict(await resp.json())
    await share({"email": w.emails["editor"], "access": "edit"})
    w.share_id = (await share({"email": w.emails["viewer"], "access": "view"}))["id"]
    w.link_token = (await share({"link": True}))["url"].rsplit("/", 1)[1]
    for actor in ("revoked", "expired"):
        user_share = await share({"email": w.emails[actor], "access": "edit"})
        link = await share({"link": True})
        w.dead_links[actor] = link["url"].rsplit("/", 1)[1]
        if actor == "revoked":
            for sid in (user_share["id"], link["id"]):
                assert (await client.delete(f"/api/v1/cvs/{w.cv_id}/shares/{sid}", headers=own)).status == 204
        else:
            await Share.filter(id__in=[user_share["id"], link["id"]]).update(expires_at=utcnow() - timedelta(hours=1))
    owner_id = cv["owner"]["id"]
    job = await Job.create(kind="parse", user_id=owner_id, available_at=utcnow(), status="done",
                           payload={"filename": "cv.txt"}, result={"cv_id": w.cv_id, "version": 1})
    w.job_id = str(job.id)
    w.owner_token_id = str((await ApiToken.filter(user_id=owner_id).first()).id)  # type: ignore[union-attr]
    resp = await client.post("/api/v1/me/saved-searches", json={"name": "Go", "text": "Go developer with Kubernetes and PostgreSQL"}, headers=own)
    assert resp.status == 201, await resp.text()
    w.search_id = str((await resp.json())["id"])
    return w


def _asset_name() -> str:
    from htdy.plugins.web.assets import load_assets

    return next(iter(load_assets().by_hashed))


def _path(canonical: str, w: World, actor: str) -> str:
    token = w.dead_links.get(actor, w.link_token)
    values = {"cv_id": w.cv_id, "n": "1", "share_id": w.share_id, "token": token, "job_id": w.job_id,
              "token_id": w.owner_token_id, "search_id": w.search_id, "slug": w.slug, "name": _asset_name()}
    path = canonical
    for k, v in values.items():
        path = path.replace("{" + k + "}", v)
    return path


def _fill(value: Any, w: World, actor: str) -> Any:
    if isinstance(value, dict):
        return {k: _fill(v, w, actor) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, w, actor) for v in value]
    if isinstance(value, str):
        return (value.replace("{fresh_email}", f"new-{uuid.uuid4().hex[:8]}@example.org")
                .replace("{email}", w.emails.get(actor, "nobody@example.org")).replace("{cv_id}", w.cv_id))
    return value


async def call(client: Any, key: str, w: World, actor: str) -> int:
    method, canonical = key.split(" ", 1)
    path = _path(canonical, w, actor)
    if canonical == "/sitemap-{n}.xml":
        path = "/sitemap-1.xml"
    if canonical.endswith("/diff"):
        path += "?older=1"
    headers = dict(w.headers[actor])
    kw: dict[str, Any] = {}
    spec = BODIES.get(key)
    if spec == "multipart":
        form = aiohttp.FormData()
        form.add_field("file", b"Ada Lovelace\nada@example.org\n\nExperience\nProgrammer, Engine Co, 1842\n",
                       filename="cv.txt")
        kw["data"] = form
    elif spec == "form":
        kw["data"] = {"email": w.emails.get(actor, "nobody@example.org"), "password": PASSWORD, "name": "M",
                      "token": "not-a-real-token"}
    elif spec is not None:
        kw["json"] = _fill(spec, w, actor)
    if method == "POST" and not canonical.startswith("/api/"):
        headers["Origin"] = str(client.make_url("")).rstrip("/")  # the pages' forms check their origin
    if not canonical.startswith("/api/") and actor not in ("anon", "link"):
        # pages know the visitor by the session cookie: log in like a browser
        resp = await client.post("/api/v1/auth/login", json={"email": w.emails[actor], "password": PASSWORD})
        assert resp.status == 200, (actor, await resp.text())
        headers.pop("Authorization", None)
    if key == "GET /api/v1/cvs/{cv_id}/draft":  # a draft is per person: one to read, where allowed
        await client.put(path, json={"resume": RESUME}, headers=headers)
    resp = await client.request(method, path, headers=headers, allow_redirects=False, **kw)
    await resp.read()
    client.session.cookie_jar.clear()
    return resp.status


def _matches(expected: str, status: int) -> bool:
    if expected == "A":
        return status not in (401, 403, 404) and status < 500
    return status == int(expected)


@pytest.fixture
def htdy_settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url=database_url)


async def test_authorisation_matrix(client, htdy_app):
    keys = sorted(app_routes(htdy_app) & set(MATRIX))
    wrong: list[str] = []
    order = [a for a in ACTORS if a != "owner"] + ["owner"]  # the owner's destructive calls last
    w: World | None = None
    for key in keys:
        if w is None or not key.startswith("GET "):
            w = await make_world(client)  # reads leave the world as it was; any write gets a fresh one
        expected = dict(zip(ACTORS, MATRIX[key].split(), strict=True))
        for actor in order:
            status = await call(client, key, w, actor)
            if not _matches(expected[actor], status):
                wrong.append(f"{key} as {actor}: {status}, expected {expected[actor]}")
        if not key.startswith("GET "):
            w = None
    cells = len(keys) * len(ACTORS)
    assert not wrong, f"{len(wrong)} of {cells} cells differ:\n" + "\n".join(wrong)
