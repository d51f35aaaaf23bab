"""The split topology's S3 bucket exists after the first start: every role's deploy config sets
``create_bucket = true``, and nodes starting together all come up (moto_server as the S3 stand-in)."""
from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest

from htdy.core.host.config import load_settings
from htdy.core.host.plugin_checks import plugin_options
from htdy.core.host.plugins import build_registries, get_plugin_manager

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("nodes", [1, 3])
async def test_role_configs_create_the_bucket_at_start(moto_url: str, nodes: int) -> None:
    env = {"HTDY_SECRET_KEY": "3f9c1e7a0b5d42c8a6e1f0d9b7c35a2e4d8f6b1c", "HTDY_PUBLIC_URL": "https://x.example",
           "HTDY_DATABASE_URL": "postgres://h@db/h", "HTDY_DATABASE_REPLICA_URL": "postgres://h@ro/h",
           "HTDY_REDIS_URL": "redis://r:6379/0", "HTDY_S3_ENDPOINT": moto_url, "HTDY_S3_ACCESS_KEY_ID": "test",
           "HTDY_S3_SECRET_ACCESS_KEY": "test", "HTDY_OPENSEARCH_URL": "http://os:9200", "HTDY_OPS_TOKEN": "t0k"}
    regs = build_registries(get_plugin_manager(load_entrypoints=False), ["storage_backends"])
    bucket = f"htdy-files-{uuid.uuid4().hex[:8]}"  # the config's bucket, renamed: moto is shared by the session
    backends = []
    for role in ("api", "parser", "renderer")[:nodes]:
        settings = load_settings(DEPLOY / "config" / f"{role}.toml", environ=env)
        opts = plugin_options(settings, regs.storage_backends, settings.storage.backend)
        assert opts.create_bucket is True and opts.region != "us-east-1"
        backends.append(regs.storage_backends.get(settings.storage.backend)(opts.model_copy(update={"bucket": bucket})))
    try:
        await asyncio.gather(*(b.start() for b in backends))  # all at once: a race on CreateBucket
        await backends[0].put("probe", b"first start")
        assert await backends[-1].get("probe") == b"first start"
        again = type(backends[0])(backends[0].options)  # a restart finds the bucket and keeps it
        await again.start()
        assert await again.get("probe") == b"first start"
        await again.close()
    finally:
        for b in backends:
            await b.close()
