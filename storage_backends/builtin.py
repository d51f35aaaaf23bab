"""Built-in storage backends: ``local`` (filesystem) and ``s3`` (S3-compatible)."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.interfaces import StorageBackend
from htdy.storage_backends.local import LocalStorage
from htdy.storage_backends.s3 import S3Storage


@hookimpl
def htdy_register_storage_backends() -> Iterable[type[StorageBackend]]:
    return [LocalStorage, S3Storage]
