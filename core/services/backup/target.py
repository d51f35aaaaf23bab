"""Where backups live: a local directory, or any storage backend that opens a URL
(``s3://bucket/prefix`` → the backend whose ``url_schemes`` names ``s3``, with its
``[plugins.<name>]`` options for endpoint and credentials). The core names no backend.

Layout under the target (keys are ``/``-separated)::

    objects/<sha[:2]>/<sha256>              stored files, content-addressed, shared by snapshots
    snapshots/<id>/database.sqlite3|.pgdump the engine's own dump (optional)
    snapshots/<id>/tables/<table>.jsonl.gz  every row, engine-neutral
    snapshots/<id>/manifest.json            written last: a snapshot without it is incomplete
"""
from __future__ import annotations

import abc
import asyncio
import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from htdy.core.host.errors import ConfigError, HtdyError, NotFound


class Target(abc.ABC):
    """The few operations a backup needs; every ``put`` is atomic (whole or absent)."""

    where: str = ""

    async def open(self) -> None:  # noqa: B027 - optional: most targets need no set-up
        """Create the directory, or start the backend's client."""

    async def close(self) -> None:  # noqa: B027
        """Release what ``open`` took."""

    @abc.abstractmethod
    async def put(self, key: str, data: bytes) -> None: ...

    @abc.abstractmethod
    async def get(self, key: str) -> bytes: ...

    @abc.abstractmethod
    async def delete(self, key: str) -> None: ...

    @abc.abstractmethod
    async def list_keys(self, prefix: str) -> list[str]: ...

    async def put_file(self, key: str, path: Path) -> None:
        await self.put(key, await asyncio.to_thread(path.read_bytes))

    async def sweep(self, older_than_s: float) -> int:
        """Remove what interrupted writes left behind (nothing on targets whose writes are
        atomic by themselves); returns how many."""
        return 0

    async def get_file(self, key: str, path: Path) -> None:
        data = await self.get(key)
        await asyncio.to_thread(path.write_bytes, data)


class DirTarget(Target):
    """A directory (local disk, NFS, a mounted volume)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser().resolve()
        self.where = str(self.root)

    async def open(self) -> None:
        try:
            await asyncio.to_thread(self.root.mkdir, parents=True, exist_ok=True)
        except OSError as exc:
            raise HtdyError(f"{self.root}: cannot create the backup directory: {exc}") from None

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root not in path.parents:
            raise HtdyError(f"invalid backup key {key!r}")
        return path

    def _write(self, path: Path, write: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(key), lambda fh: fh.write(data))

    async def put_file(self, key: str, path: Path) -> None:
        def copy(fh: Any) -> None:
            with open(path, "rb") as src:
                while chunk := src.read(1 << 20):
                    fh.write(chunk)

        await asyncio.to_thread(self._write, self._path(key), copy)

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except (FileNotFoundError, NotADirectoryError):
            raise NotFound(f"{self.where}: {key} is missing") from None

    async def get_file(self, key: str, path: Path) -> None:
        import shutil
        try:
            await asyncio.to_thread(shutil.copyfile, self._path(key), path)
        except (FileNotFoundError, NotADirectoryError):
            raise NotFound(f"{self.where}: {key} is missing") from None

    async def delete(self, key: str) -> None:
        def unlink(path: Path) -> None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            for parent in path.parents:  # folders the key leaves empty go too
                if parent == self.root or not parent.is_relative_to(self.root):
                    break
                try:
                    parent.rmdir()
                except OSError:  # not empty
                    break

        await asyncio.to_thread(unlink, self._path(key))

    async def sweep(self, older_than_s: float) -> int:
        """Temporary files of writes killed half-way (never of a write still running: those
        are younger than ``older_than_s``)."""
        import time

        def sweep() -> int:
            cutoff, n = time.time() - older_than_s, 0
            for p in self.root.rglob(".tmp-*.part"):
                with contextlib.suppress(FileNotFoundError):
                    if p.stat().st_mtime < cutoff:
                        p.unlink()
                        n += 1
            return n

        return await asyncio.to_thread(sweep)

    async def list_keys(self, prefix: str) -> list[str]:
        def walk() -> list[str]:
            base = self._path(prefix.rsplit("/", 1)[0]) if "/" in prefix else self.root
            if not base.is_dir():
                return []
            keys = (p.relative_to(self.root).as_posix() for p in base.rglob("*")
                    if p.is_file() and not p.name.startswith(".tmp-"))
            return sorted(k for k in keys if k.startswith(prefix))

        return await asyncio.to_thread(walk)


class StorageTarget(Target):
    """A storage backend instance (its own bucket/prefix, not the instance's files)."""

    def __init__(self, backend: Any, where: str) -> None:
        self.backend = backend
        self.where = where

    async def open(self) -> None:
        await self.backend.start()

    async def close(self) -> None:
        await self.backend.close()

    async def put(self, key: str, data: bytes) -> None:
        await self.backend.put(key, data)

    async def get(self, key: str) -> bytes:
        try:
            data: bytes = await self.backend.get(key)
        except NotFound:
            raise NotFound(f"{self.where}: {key} is missing") from None
        return data

    async def delete(self, key: str) -> None:
        await self.backend.delete(key)

    async def list_keys(self, prefix: str) -> list[str]:
        keys: list[str] = await self.backend.list_keys(prefix)
        return keys


def open_target(location: str, settings: Any, registries: Any) -> Target:
    """``location`` is a directory or ``SCHEME://…`` served by a storage backend."""
    if "://" not in location:
        return DirTarget(location)
    scheme = location.split("://", 1)[0].lower()
    if scheme == "file":
        return DirTarget(location.split("://", 1)[1])
    from htdy.core.host.plugin_checks import validate_options

    known: list[str] = []
    for name, cls in registries.storage_backends.items():
        schemes = tuple(getattr(cls, "url_schemes", ()))
        known += schemes
        if scheme in schemes:
            data = cls.options_for_url(location, settings.plugin_options("storage_backends", name))
            options = validate_options(cls, "storage_backends", name, data, settings.source)
            return StorageTarget(cls(options), location)
    raise ConfigError(f"{location!r}: no storage backend opens {scheme}:// URLs "
                      f"(known: {', '.join(sorted(known)) or 'none'}, or a directory) — is the plugin installed?")
