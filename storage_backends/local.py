"""``local``: blobs as files under a root directory.

Writes are atomic (temporary file in the target directory, ``fsync``, ``os.replace``),
so a reader sees the old blob or the new one, never half of one. Files fan out over
two directory levels taken from a hash of the key (``ab/cd/<key>``) so no directory
grows to millions of entries. Blocking file I/O runs in a thread.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from htdy.core.host.errors import NotFound, ServiceUnavailable, ValidationFailed
from htdy.core.host.interfaces import ConfigPath, PluginOptions, StorageBackend, config_path
from htdy.storage_backends.keys import check_key


class LocalOptions(PluginOptions):
    root: ConfigPath = config_path("var/files")  # relative: to the configuration file's folder
    fsync: bool = True


class LocalStorage(StorageBackend):
    name = "local"
    description = "Files under a local directory (atomic writes, fan-out directories)."
    Options = LocalOptions
    options: LocalOptions

    @property
    def root(self) -> Path:
        return Path(self.options.root).resolve()

    def path_for(self, key: str) -> Path:
        check_key(key)
        digest = hashlib.sha256(key.encode()).hexdigest()
        root = self.root
        path = (root / digest[:2] / digest[2:4] / key).resolve()
        if root not in path.parents:  # belt and braces: check_key already forbids escapes
            raise ValidationFailed(f"invalid storage key {key!r}", code="bad_key")
        return path

    async def start(self) -> None:
        await asyncio.to_thread(self.root.mkdir, parents=True, exist_ok=True)

    async def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> None:
        await asyncio.to_thread(self._put, self.path_for(key), bytes(data))

    def _put(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                if self.options.fsync:
                    fh.flush()
                    os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    async def get(self, key: str) -> bytes:
        path = self.path_for(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            raise NotFound(f"blob {key!r} not found") from None

    async def delete(self, key: str) -> None:
        path = self.path_for(key)
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            await asyncio.to_thread(path.unlink)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path_for(key).is_file)

    async def scan(self, prefix: str = "") -> AsyncIterator[tuple[str, int, float]]:
        """Keys are the paths below the two fan-out levels (``ab/cd/<key>``); temporary
        files of writes in progress are skipped."""
        def listing() -> list[tuple[str, int, float]]:
            root = self.root
            out = []
            for path in root.glob("*/*/**/*"):
                rel = path.relative_to(root).parts
                if len(rel) < 3 or path.name.startswith(".") or not path.is_file():
                    continue
                key = "/".join(rel[2:])
                if key.startswith(prefix):
                    st = path.stat()
                    out.append((key, st.st_size, st.st_mtime))
            return out

        for item in await asyncio.to_thread(listing):
            yield item

    async def list_keys(self, prefix: str = "", *, limit: int | None = None) -> list[str]:
        """Sorted keys under ``prefix`` (backups and restore's empty-target check), from ``scan``."""
        return sorted([key async for key, _size, _mtime in self.scan(prefix)])[:limit]

    async def check(self) -> None:
        def probe() -> None:
            root = self.root
            root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=root, prefix=".readyz-")
            os.close(fd)
            os.unlink(tmp)

        try:
            await asyncio.to_thread(probe)
        except OSError as exc:
            raise ServiceUnavailable(f"local storage {self.options.root!r} is not writable: {exc}") from exc
