"""A renderer node is ready once its render pool is warm; a dead render worker makes it unready
(503 ``renderer_unavailable``) while the pool is replaced, and ready again without a render
having to come in first (an unready node gets none). ``/livez`` never looks at dependencies."""
from __future__ import annotations

import asyncio
import os
import signal
from typing import Any

from htdy.core.host.testing import make_settings
from htdy.core.http import appkeys
from htdy.core.http.app import create_app


async def poll_ready(client: Any, timeout: float = 90.0) -> list[tuple[int, str | None]]:
    """Every (status, error code) seen until /readyz answers 200."""
    seen: list[tuple[int, str | None]] = []
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        resp = await client.get("/readyz")
        body = await resp.json()
        seen.append((resp.status, (body.get("error") or {}).get("code")))
        if resp.status == 200:
            return seen
        await asyncio.sleep(0.1)
    raise AssertionError(f"not ready within {timeout} s: {seen[-3:]}")


async def test_renderer_node_ready_when_warm_and_again_after_a_worker_dies(tmp_path, aiohttp_client):
    s = make_settings(tmp_path, node={"roles": ["renderer"], "warm_pools": True})
    client = await aiohttp_client(create_app(s))
    seen = await poll_ready(client)
    assert all(code == "renderer_unavailable" for status, code in seen if status != 200)
    body = await (await client.get("/readyz?verbose")).json()
    assert body["checks"]["render_pool"]["required"] is True
    assert body["checks"]["render_pool"]["detail"]["workers"] == s.rendering.workers
    assert body["checks"]["database"]["required"] is False  # a renderer does not need it to render
    assert (await client.get("/livez")).status == 200

    render = client.app[appkeys.services].render
    for proc in list(render.pool._pool._processes.values()):
        os.kill(proc.pid, signal.SIGKILL)
    await asyncio.sleep(0.5)
    resp = await client.get("/readyz")
    assert resp.status == 503 and (await resp.json())["error"]["code"] == "renderer_unavailable"
    assert (await client.get("/livez")).status == 200  # alive: restarting the pod would not help
    await poll_ready(client)
    out = await render.render({"basics": {"name": "Back Again"}}, fmt="pdf")
    assert out.content.startswith(b"%PDF")
