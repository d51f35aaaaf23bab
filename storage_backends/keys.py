"""Key validation shared by the storage backends.

Keys are chosen by the core (content-addressed), but a backend never trusts them:
a key is a relative, ``/``-separated path of safe characters with no ``.``/``..``
segment, so it can never escape the storage root or bucket prefix."""
from __future__ import annotations

import re

from htdy.core.host.errors import ValidationFailed

MAX_KEY_LENGTH = 512
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._=+-]*$")


def check_key(key: str) -> str:
    """Return ``key`` if it is safe, else raise ``ValidationFailed`` (code ``bad_key``)."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(f"invalid storage key {key!r}", code="bad_key")
    if key.startswith("/") or "\\" in key or "\x00" in key:
        raise ValidationFailed(f"invalid storage key {key!r}: must be a relative path", code="bad_key")
    for segment in key.split("/"):
        if segment in ("", ".", "..") or not _SEGMENT.match(segment):
            raise ValidationFailed(f"invalid storage key {key!r}: bad segment {segment!r}", code="bad_key")
    return key
