"""API test fixtures: every test runs on SQLite and again on a fresh PostgreSQL database."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.testing import make_settings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite://{tmp_path}/htdy.sqlite3"
    return str(request.getfixturevalue("pg_database_url"))


@pytest.fixture
def htdy_settings(tmp_path: Path, database_url: str) -> Any:
    return make_settings(tmp_path, database_url=database_url)


@pytest.fixture
def client(htdy_client: Any) -> Any:
    return htdy_client


Signup = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def signup(client: Any) -> Signup:
    """``await signup("a@x.org")`` → ``{"user", "token", "headers"}`` (bearer auth headers)."""
    async def _signup(email: str, name: str | None = None, password: str = "correct horse battery",
                      keep_cookies: bool = False) -> dict[str, Any]:
        resp = await client.post("/api/v1/auth/signup",
                                 json={"email": email, "password": password, "name": name or email.split("@")[0]})
        assert resp.status == 201, await resp.text()
        data = await resp.json()
        if not keep_cookies:  # tests authenticate explicitly (bearer) unless they ask for the session
            client.session.cookie_jar.clear()
        data["headers"] = {"Authorization": f"Bearer {data['token']}"}
        return data
    return _signup


RESUME = {
    "basics": {"name": "Ada Lovelace", "label": "Analyst", "email": "ada@example.org",
               "location": {"city": "London", "countryCode": "GB"},
               "summary": "Writes programs for the analytical engine."},
    "work": [{"name": "Analytical Engine Co", "position": "Programmer", "startDate": "1842-01"}],
    "skills": [{"name": "Mathematics", "keywords": ["algorithms", "notes"]}],
}


async def poll_job(client: Any, headers: dict[str, str], job_id: str, timeout: float = 90) -> dict[str, Any]:
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while True:
        resp = await client.get(f"/api/v1/jobs/{job_id}", headers=headers)
        assert resp.status == 200, await resp.text()
        job = dict(await resp.json())
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        await asyncio.sleep(0.2)


@pytest.fixture
def wait_job(client: Any) -> Callable[..., Awaitable[dict[str, Any]]]:
    async def _wait(headers: dict[str, str], job_id: str, timeout: float = 90) -> dict[str, Any]:
        return await poll_job(client, headers, job_id, timeout)
    return _wait


@pytest.fixture
def resume() -> dict[str, Any]:
    import copy
    return copy.deepcopy(RESUME)


@pytest.fixture
def make_cv(client: Any, resume: dict[str, Any]) -> Callable[..., Awaitable[dict[str, Any]]]:
    async def _make(headers: dict[str, str], title: str = "My CV", **extra: Any) -> dict[str, Any]:
        resp = await client.post("/api/v1/cvs", json={"title": title, "resume": extra.pop("resume", resume), **extra},
                                 headers=headers)
        assert resp.status == 201, await resp.text()
        return dict(await resp.json())
    return _make
