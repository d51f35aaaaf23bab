"""A configuration error met while a job runs is the operator's, not the document's: the job
is not failed as ``corrupt`` (nor at all) and the upload is kept; it waits queued, its attempt
not counted, until a worker with a good configuration takes it."""
from __future__ import annotations

import asyncio

import aiohttp

from htdy.core.host.errors import ConfigError
from htdy.core.host.interfaces import ParseResult
from htdy.core.http import appkeys
from htdy.core.models import Job, StoredFile


class MisconfiguredPool:
    """Stands in for a parser pool whose workers reject the parser's options."""

    def __init__(self) -> None:
        self.calls = 0

    async def parse(self, data: bytes, filename: str | None = None) -> ParseResult:
        self.calls += 1
        raise ConfigError("htdy.toml: [plugins.parsers.text] max_mb: Input should be greater than 0 (got 0)")

    def close(self, wait: bool = True) -> None:
        pass


async def test_a_config_error_keeps_the_job_queued_and_the_file(client, htdy_app, signup):
    svc = htdy_app[appkeys.services]
    pool = svc.parser_pool = MisconfiguredPool()  # the pools are not warmed in tests: this one is used
    user = await signup("ops@example.org")
    fd = aiohttp.FormData()
    fd.add_field("file", b"Ada Lovelace\nada@example.org\n", filename="cv.txt")
    resp = await client.post("/api/v1/uploads", data=fd, headers=user["headers"])
    assert resp.status == 202, await resp.text()
    job_id = (await resp.json())["job"]["id"]
    for _ in range(100):
        if pool.calls:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.3)
    job = await Job.get(id=job_id)
    assert pool.calls == 1  # waits CONFIG_RETRY_S before the next try, no busy loop
    assert job.status == "queued" and job.attempts == 0 and job.error_code is None
    assert (job.available_at - job.updated_at).total_seconds() >= 59
    assert await StoredFile.filter(id=job.file_id).exists()  # the upload is kept
    shown = await (await client.get(f"/api/v1/jobs/{job_id}", headers=user["headers"])).json()
    assert shown["status"] == "queued" and "corrupt" not in str(shown)
