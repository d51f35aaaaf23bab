"""Built-in storage backends: ``local`` (filesystem) and ``s3`` (S3-compatible), imported
on first use (``LazyImpl``)."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl


@hookimpl
def htdy_register_storage_backends() -> Iterable[LazyImpl]:
    return [LazyImpl("local", "htdy.storage_backends.local:LocalStorage"),
            LazyImpl("s3", "htdy.storage_backends.s3:S3Storage")]
