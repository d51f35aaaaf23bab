"""``s3``: blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …).

Uses aiobotocore (native asyncio, one pooled client per process) with ``s3v4``
signatures. Install with ``pip install 'htdy[s3]'``; the class registers either way and
``start()`` explains what is missing. Credentials come from the options (use
``{"$env" = "NAME"}`` in htdy.toml) or from the usual AWS environment/instance chain.
"""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any, Literal

from pydantic import SecretStr

from htdy.core.host.errors import ConfigError, NotFound, ServiceUnavailable
from htdy.core.host.interfaces import PluginOptions, StorageBackend
from htdy.storage_backends.keys import check_key


class S3Options(PluginOptions):
    bucket: str = "htdy"
    endpoint_url: str | None = None
    region: str = "us-east-1"
    access_key_id: str | None = None
    secret_access_key: SecretStr | None = None
    prefix: str = ""
    addressing_style: Literal["auto", "path", "virtual"] = "path"
    create_bucket: bool = False
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0
    max_attempts: int = 3
    max_pool_connections: int = 20


def _status(exc: Exception) -> int | None:
    response: Any = getattr(exc, "response", None) or {}
    meta = response.get("ResponseMetadata", {})
    code = meta.get("HTTPStatusCode")
    return int(code) if code is not None else None


def _code(exc: Exception) -> str:
    response: Any = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


class S3Storage(StorageBackend):
    name = "s3"
    description = "S3-compatible object storage (aiobotocore, s3v4 signatures)."
    url_schemes = ("s3",)
    Options = S3Options
    options: S3Options

    def __init__(self, options: PluginOptions | None = None) -> None:
        super().__init__(options)
        self._stack: contextlib.AsyncExitStack | None = None
        self._client: Any = None

    def object_key(self, key: str) -> str:
        check_key(key)
        prefix = self.options.prefix.strip("/")
        return f"{prefix}/{key}" if prefix else key

    @property
    def client(self) -> Any:
        if self._client is None:
            raise ServiceUnavailable("s3 storage is not started")
        return self._client

    async def start(self) -> None:
        if self._client is not None:
            return
        try:
            from aiobotocore.config import AioConfig
            from aiobotocore.session import get_session
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ConfigError("storage backend 's3' needs aiobotocore: pip install 'htdy[s3]'") from exc
        o = self.options
        config = AioConfig(
            signature_version="s3v4",
            s3={"addressing_style": o.addressing_style},
            connect_timeout=o.connect_timeout_s,
            read_timeout=o.read_timeout_s,
            retries={"max_attempts": o.max_attempts, "mode": "standard"},
            max_pool_connections=o.max_pool_connections,
        )
        kwargs: dict[str, Any] = {"region_name": o.region, "config": config}
        if o.endpoint_url:
            kwargs["endpoint_url"] = o.endpoint_url
        if o.access_key_id:
            kwargs["aws_access_key_id"] = o.access_key_id
        if o.secret_access_key is not None:
            kwargs["aws_secret_access_key"] = o.secret_access_key.get_secret_value()
        stack = contextlib.AsyncExitStack()
        self._client = await stack.enter_async_context(get_session().create_client("s3", **kwargs))
        self._stack = stack
        if o.create_bucket:
            await self._ensure_bucket()

    async def _ensure_bucket(self) -> None:
        try:
            await self.client.head_bucket(Bucket=self.options.bucket)
        except Exception as exc:
            if _status(exc) not in (404, 403) and _code(exc) not in ("404", "NoSuchBucket"):
                raise
            kwargs: dict[str, Any] = {"Bucket": self.options.bucket}
            if self.options.region != "us-east-1":
                kwargs["CreateBucketConfiguration"] = {"LocationConstraint": self.options.region}
            try:
                await self.client.create_bucket(**kwargs)
            except Exception as exc2:  # another node created it between our HEAD and CREATE
                if _code(exc2) != "BucketAlreadyOwnedByYou":
                    raise

    async def close(self) -> None:
        stack, self._stack, self._client = self._stack, None, None
        if stack is not None:
            await stack.aclose()

    async def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream") -> None:
        await self.client.put_object(Bucket=self.options.bucket, Key=self.object_key(key),
                                     Body=bytes(data), ContentType=content_type)

    async def get(self, key: str) -> bytes:
        try:
            response = await self.client.get_object(Bucket=self.options.bucket, Key=self.object_key(key))
        except Exception as exc:
            if _status(exc) == 404 or _code(exc) in ("NoSuchKey", "404"):
                raise NotFound(f"blob {key!r} not found") from None
            raise
        async with response["Body"] as body:
            data: bytes = await body.read()
        return data

    async def delete(self, key: str) -> None:
        await self.client.delete_object(Bucket=self.options.bucket, Key=self.object_key(key))

    async def exists(self, key: str) -> bool:
        try:
            await self.client.head_object(Bucket=self.options.bucket, Key=self.object_key(key))
        except Exception as exc:
            if _status(exc) == 404 or _code(exc) in ("NoSuchKey", "404", "NotFound"):
                return False
            raise
        return True

    async def scan(self, prefix: str = "") -> AsyncIterator[tuple[str, int, float]]:
        base = self.options.prefix.strip("/")
        strip = f"{base}/" if base else ""
        paginator = self.client.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket=self.options.bucket, Prefix=strip + prefix):
            for obj in page.get("Contents", []):
                yield obj["Key"][len(strip):], int(obj["Size"]), obj["LastModified"].timestamp()

    async def list_keys(self, prefix: str = "", *, limit: int | None = None) -> list[str]:
        """Sorted keys under ``prefix`` (backups and restore's empty-target check), from ``scan``."""
        return sorted([key async for key, _size, _mtime in self.scan(prefix)])[:limit]

    @classmethod
    def options_for_url(cls, url: str, base: dict[str, Any]) -> dict[str, Any]:
        """``s3://bucket/prefix``: the bucket and prefix from the URL, the rest (endpoint,
        region, credentials) from ``[plugins.storage_backends.s3]``."""
        rest = url.split("://", 1)[1]
        bucket, _, prefix = rest.partition("/")
        if not bucket:
            raise ConfigError(f"{url!r}: no bucket (use s3://BUCKET/PREFIX)")
        return {**base, "bucket": bucket, "prefix": prefix.strip("/")}

    async def check(self) -> None:
        try:
            await self.client.head_bucket(Bucket=self.options.bucket)
        except ServiceUnavailable:
            raise
        except Exception as exc:
            raise ServiceUnavailable(f"s3 bucket {self.options.bucket!r} unavailable: {exc}") from exc
