"""One contract, every storage backend: local files and S3 (moto_server as the stand-in)."""
from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from htdy.core.host.errors import NotFound, ValidationFailed
from htdy.core.host.interfaces import StorageBackend
from htdy.storage_backends.local import LocalStorage
from htdy.storage_backends.s3 import S3Storage


@pytest.fixture(params=["local", "s3"])
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[StorageBackend]:
    backend: StorageBackend
    if request.param == "local":
        backend = LocalStorage(LocalStorage.Options(root=str(tmp_path / "files")))
    else:
        url = request.getfixturevalue("moto_url")
        backend = S3Storage(S3Storage.Options.model_validate({
            "endpoint_url": url, "bucket": f"htdy-{uuid.uuid4().hex[:10]}", "region": "eu-central-1",
            "access_key_id": "test", "secret_access_key": "test", "prefix": "blobs",
            "create_bucket": True}))
    await backend.start()
    try:
        yield backend
    finally:
        await backend.close()


async def test_put_get_roundtrip(storage: StorageBackend) -> None:
    data = os.urandom(70_000) + b"\x00end"
    await storage.put("sha256/ab/abcdef0123", data, content_type="application/pdf")
    assert await storage.get("sha256/ab/abcdef0123") == data
    assert await storage.exists("sha256/ab/abcdef0123")


async def test_missing_key_raises_not_found(storage: StorageBackend) -> None:
    with pytest.raises(NotFound):
        await storage.get("nope/missing")
    assert not await storage.exists("nope/missing")


async def test_overwrite_replaces_content(storage: StorageBackend) -> None:
    await storage.put("k1", b"first version, longer")
    await storage.put("k1", b"second")
    assert await storage.get("k1") == b"second"


async def test_delete_is_idempotent(storage: StorageBackend) -> None:
    await storage.put("gone", b"x")
    await storage.delete("gone")
    assert not await storage.exists("gone")
    await storage.delete("gone")
    await storage.delete("never-existed")


async def test_empty_blob(storage: StorageBackend) -> None:
    await storage.put("empty", b"")
    assert await storage.get("empty") == b""
    assert await storage.exists("empty")


UNSAFE_KEYS = ["", "/etc/passwd", "../escape", "a/../../b", "a//b", "./a", "a\\b", "a/\x00", ".hidden", "a/b/"]


async def test_unsafe_keys_rejected(storage: StorageBackend) -> None:
    for key in UNSAFE_KEYS:
        with pytest.raises(ValidationFailed):
            await storage.put(key, b"x")
        with pytest.raises(ValidationFailed):
            await storage.get(key)
        with pytest.raises(ValidationFailed):
            await storage.exists(key)


async def test_concurrent_writers(storage: StorageBackend) -> None:
    await asyncio.gather(*(storage.put(f"c/{i}", str(i).encode() * 100) for i in range(20)))
    got = await asyncio.gather(*(storage.get(f"c/{i}") for i in range(20)))
    assert got == [str(i).encode() * 100 for i in range(20)]


async def test_check_passes(storage: StorageBackend) -> None:
    await storage.check()


# ----------------------------------------------------------------- backend-specific
async def test_local_fans_out_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = LocalStorage(LocalStorage.Options(root=str(tmp_path)))
    await store.start()
    for i in range(30):
        await store.put(f"blob-{i}", b"data")
    top = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(top) > 5, "blobs should spread over hashed fan-out directories"
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 30
    assert not [p for p in files if p.name.startswith(".tmp-")]
    path = store.path_for("blob-0")
    assert path.relative_to(tmp_path.resolve()).parts[2] == "blob-0"


async def test_local_failed_write_keeps_old_blob(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = LocalStorage(LocalStorage.Options(root=str(tmp_path)))
    await store.put("doc", b"old")

    def crash(src: str, dst: str) -> None:  # the process "dies" between write and rename
        raise OSError("simulated crash before rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        await store.put("doc", b"new content")
    monkeypatch.undo()
    assert await store.get("doc") == b"old"
    assert not [p for p in tmp_path.rglob(".tmp-*")]


async def test_s3_check_fails_for_missing_bucket(moto_url: str) -> None:
    from htdy.core.host.errors import ServiceUnavailable

    store = S3Storage(S3Storage.Options.model_validate({
        "endpoint_url": moto_url, "bucket": "does-not-exist-here", "access_key_id": "test",
        "secret_access_key": "test"}))
    await store.start()
    try:
        with pytest.raises(ServiceUnavailable):
            await store.check()
    finally:
        await store.close()


async def test_list_keys_by_prefix(storage: StorageBackend) -> None:
    for key in ("snap/b/manifest.json", "snap/a/x", "objects/ab/abc", "snapshot-not-a-folder"):
        await storage.put(key, b"x")
    assert await storage.list_keys("snap/") == ["snap/a/x", "snap/b/manifest.json"]
    assert await storage.list_keys("snap") == ["snap/a/x", "snap/b/manifest.json", "snapshot-not-a-folder"]
    assert await storage.list_keys("", limit=2) == ["objects/ab/abc", "snap/a/x"]
    await storage.delete("snap/a/x")
    assert await storage.list_keys("snap/") == ["snap/b/manifest.json"]
    assert await storage.list_keys("nothing/") == []


def test_s3_opens_backup_urls() -> None:
    base = {"endpoint_url": "http://minio:9000", "bucket": "htdy", "prefix": "files", "region": "eu-west-1"}
    opts = S3Storage.options_for_url("s3://backups/nightly/htdy/", base)
    assert opts == {**base, "bucket": "backups", "prefix": "nightly/htdy"}
    assert "s3" in S3Storage.url_schemes and LocalStorage.url_schemes == ()


async def test_scan_lists_keys_under_a_prefix(storage: StorageBackend) -> None:
    """``htdy storage gc`` lists blobs through ``scan``: every key under the prefix, with its
    size and modification time, and nothing else (no temporary files, no other prefix)."""
    import time

    await storage.put("cv-files/aaa", b"12345")
    await storage.put("cv-files/bbb", b"1")
    await storage.put("other/ccc", b"xyz")
    found = {key: (size, modified) async for key, size, modified in storage.scan("cv-files/")}
    assert sorted(found) == ["cv-files/aaa", "cv-files/bbb"]
    assert found["cv-files/aaa"][0] == 5 and abs(found["cv-files/aaa"][1] - time.time()) < 600
    assert sorted([k async for k, _, _ in storage.scan()]) == ["cv-files/aaa", "cv-files/bbb", "other/ccc"]
    await storage.delete("cv-files/aaa")
    assert [k async for k, _, _ in storage.scan("cv-files/")] == ["cv-files/bbb"]
