"""Inputs that used to reach a 500 (schemathesis and by hand, issue 11) get a 4xx on both
databases, and nothing is written."""
from __future__ import annotations

import aiohttp
import pytest

from htdy.core.models import CV, CVVersion, Job, User


async def test_publish_with_a_new_resume_on_a_cv_without_slug(client, signup, make_cv):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"], resume={"basics": {"name": "Ada Lovelace"}})
    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"resume": {"basics": {"name": "Ada King"}},
                                                               "discoverable": True}, headers=a["headers"])
    got = await resp.json()
    assert resp.status == 200 and got["discoverable"] and got["slug"].startswith("ada-king")
    assert got["current_version"] == 2


@pytest.mark.parametrize("body", [
    "[" * 5000 + "]" * 5000,                                   # RecursionError in json.loads
    '{"title": "x", "resume": {"basics": ' + '{"a": ' * 900 + "1" + "}" * 900 + "}}",
])
async def test_deeply_nested_json_is_refused(client, signup, body):
    a = await signup("a@example.org")
    resp = await client.post("/api/v1/cvs", data=body, headers={**a["headers"], "Content-Type": "application/json"})
    err = (await resp.json())["error"]
    assert resp.status == 400 and err["code"] == "malformed_json" and "nested deeper" in err["message"]
    assert await CV.all().count() == 0


async def test_brackets_inside_strings_do_not_count_as_nesting(client, signup, make_cv):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"], resume={"basics": {"name": "Ada", "summary": "[[[{{{" * 200 + '\\"['}})
    assert cv["resume"]["basics"]["summary"].startswith("[[[{{{")


@pytest.mark.parametrize("path", ["/versions/2147483648", "/versions/99999999999999999999", "/versions/0",
                                  "/render?version=2147483648", "/render?version=99999999999999999999"])
async def test_out_of_range_integers_are_422(client, signup, make_cv, path):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    resp = await client.get(f"/api/v1/cvs/{cv['id']}{path}", headers=a["headers"])
    assert resp.status == 422, await resp.text()


@pytest.mark.parametrize("raw", [
    '{"title": "t", "resume": {"basics": {"name": "Ada"}, "meta": {"n": 18446744073709551616}}}',  # 2^64: 500
    '{"title": "t", "resume": {"basics": {"name": "Ada"}, "meta": {"n": -9223372036854775809}}}',
    '{"title": "t", "resume": {"basics": {"name": "Ada"}, "meta": {"n": 9007199254740992}}}',     # 2^53
    '{"title": "t", "resume": {"basics": {"name": "Ada"}}, "design": {"size": 1e400}}',
])
async def test_numbers_beyond_what_json_readers_hold_are_422(client, signup, raw):
    """Found by `make fuzz-api` on PostgreSQL: an integer of 2^64 in the resume reached the
    JSON encoder of the CV version (orjson: "Integer exceeds 64-bit range") and was a 500."""
    a = await signup("a@example.org")
    resp = await client.post("/api/v1/cvs", data=raw, headers={**a["headers"], "Content-Type": "application/json"})
    err = (await resp.json())["error"]
    assert resp.status == 422 and err["code"] == "number_out_of_range", err
    assert err["details"][0]["loc"] in ("resume.meta.n", "design.size")
    assert await CV.all().count() == 0 and await CVVersion.all().count() == 0


async def test_largest_safe_integer_is_kept_and_nan_is_not_json(client, signup, make_cv):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"], resume={"basics": {"name": "Ada"}, "meta": {"n": 2**53 - 1, "m": -(2**53 - 1)}})
    got = await (await client.get(f"/api/v1/cvs/{cv['id']}", headers=a["headers"])).json()
    assert got["resume"]["meta"] == {"n": 2**53 - 1, "m": -(2**53 - 1)}
    resp = await client.post("/api/v1/cvs", data='{"title": "t", "resume": {"basics": {"name": "A"}, "meta": {"x": NaN}}}',
                             headers={**a["headers"], "Content-Type": "application/json"})
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "malformed_json"


@pytest.mark.parametrize("method, path, payload", [
    ("post", "/api/v1/cvs", {"title": "a\u0000b", "resume": {"basics": {"name": "Ada"}}}),
    ("post", "/api/v1/cvs", {"title": "t", "resume": {"basics": {"name": "A\u0000"}}}),
    ("post", "/api/v1/cvs", {"title": "t", "resume": {"basics": {"name": "A", "x\u0000": 1}}}),
    ("patch", "/api/v1/cvs/{id}", {"title": "x\u0000"}),
])
async def test_nul_characters_are_refused_on_every_backend(client, signup, make_cv, method, path, payload):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    resp = await getattr(client, method)(path.format(id=cv["id"]), json=payload, headers=a["headers"])
    assert resp.status == 422 and (await resp.json())["error"]["code"] == "invalid_characters"
    assert await CV.all().count() == 1 and await CVVersion.all().count() == 1
    assert (await CV.get(id=cv["id"])).title == "My CV"


async def test_nul_in_signup_query_and_upload_form(client, signup):
    resp = await client.post("/api/v1/auth/signup", json={"email": "b@example.org", "password": "pw-12345678",
                                                          "name": "B\u0000"})
    assert resp.status == 422 and await User.all().count() == 0
    a = await signup("a@example.org")
    resp = await client.get("/api/v1/search", params={"q": "a\u0000b"}, headers=a["headers"])
    assert resp.status == 422
    fd = aiohttp.FormData()
    fd.add_field("file", b"Ada Lovelace\nada@example.org\n", filename="cv.txt")
    fd.add_field("title", "My\u0000CV")
    resp = await client.post("/api/v1/uploads", data=fd, headers=a["headers"])
    assert resp.status == 422 and await Job.all().count() == 0


@pytest.mark.parametrize("value", [0, 1, "true", "yes"])
async def test_discoverable_must_be_a_json_boolean(client, signup, make_cv, value):
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    resp = await client.patch(f"/api/v1/cvs/{cv['id']}", json={"discoverable": value}, headers=a["headers"])
    assert resp.status == 422
    assert (await CV.get(id=cv["id"])).discoverable is False


async def test_rendered_html_is_sandboxed_and_every_response_is_nosniff(client, signup, make_cv):
    """A rendered CV is user content served from the app's origin: it may not run script,
    fetch anything or share the app's origin; nothing is content-sniffed."""
    a = await signup("a@example.org")
    cv = await make_cv(a["headers"])
    url = f"/api/v1/cvs/{cv['id']}/render"
    html = await client.get(url, params={"format": "html"}, headers=a["headers"])
    csp = html.headers["Content-Security-Policy"]
    assert html.status == 200 and csp.startswith("sandbox;") and "default-src 'none'" in csp
    assert "script-src" not in csp and "font-src data:" in csp
    body = await html.text()
    assert "<script" not in body and "http://" not in body.replace("http://www.w3.org", "")
    pdf = await client.get(url, params={"format": "pdf"}, headers=a["headers"])
    assert pdf.status == 200 and "Content-Security-Policy" not in pdf.headers
    for resp in (html, pdf, await client.get("/api/v1/me", headers=a["headers"]), await client.get("/api/v1/me"),
                 await client.get("/api/v1/cvs/nope", headers=a["headers"]), await client.get("/healthz")):
        assert resp.headers["X-Content-Type-Options"] == "nosniff", resp.url


class FullDisk:
    """A storage backend whose writes fail like a full or read-only disk."""

    @staticmethod
    def plugin():
        from htdy import hookimpl
        from htdy.core.host.interfaces import StorageBackend

        class FullStorage(StorageBackend):
            name = "full"

            async def put(self, key, data, *, content_type="application/octet-stream"):
                raise OSError(28, "No space left on device")

            async def get(self, key):
                raise OSError(5, "Input/output error")

            async def delete(self, key):
                return None

            async def exists(self, key):
                return False

        class Plugin:
            @hookimpl
            def htdy_register_storage_backends(self):
                return [FullStorage]

        return Plugin()


async def test_an_unwritable_storage_is_503_and_nothing_is_half_written(tmp_path, aiohttp_client):
    from htdy.core.host.testing import make_settings
    from htdy.core.http.app import create_app
    from htdy.core.models import StoredFile

    app = create_app(make_settings(tmp_path, storage={"backend": "full"}), plugins=[FullDisk.plugin()])
    client = await aiohttp_client(app)
    resp = await client.post("/api/v1/auth/signup", json={"email": "a@example.org", "password": "tangerine-orbit-41",
                                                           "name": "A"})
    h = {"Authorization": "Bearer " + (await resp.json())["token"]}
    fd = aiohttp.FormData()
    fd.add_field("file", b"Ada Lovelace\nada@example.org\n", filename="cv.txt")
    resp = await client.post("/api/v1/uploads", data=fd, headers=h)
    assert resp.status == 503 and (await resp.json())["error"]["code"] == "storage_unavailable"
    assert await Job.all().count() == 0 and await StoredFile.all().count() == 0


@pytest.mark.parametrize("exc_name, code", [("db", "database_unavailable"), ("pg", "database_unavailable"),
                                            ("pg-rollback", "database_unavailable"),
                                            ("sqlite", "database_unavailable"), ("refused", "service_unavailable")])
async def test_a_lost_database_or_service_is_503_not_500(tmp_path, aiohttp_client, exc_name, code):
    """The mapping the API applies to whatever a handler (or the auth lookup) hits when the
    database or another service cannot be reached."""
    import asyncpg
    from tortoise.exceptions import DBConnectionError, OperationalError

    from htdy.core.host.testing import make_settings
    from htdy.core.http.app import create_app

    raised = {"db": DBConnectionError("can't connect"),
              "pg": asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
              "sqlite": OperationalError("unable to open database file"),
              "refused": ConnectionRefusedError(111, "Connection refused")}.get(exc_name)

    async def boom(request):
        if exc_name == "pg-rollback":  # lost mid-transaction: the rollback fails with another type
            try:
                raise asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation")
            except asyncpg.exceptions.ConnectionDoesNotExistError:
                raise asyncpg.exceptions.InterfaceError(
                    "cannot call Transaction.rollback(): the underlying connection is closed") from None
        raise raised

    app = create_app(make_settings(tmp_path))
    app.router.add_get("/boom", boom)
    client = await aiohttp_client(app)
    resp = await client.get("/boom")
    assert resp.status == 503 and (await resp.json())["error"]["code"] == code
    assert resp.headers["Retry-After"] == "5"
