"""The base of the API models: request models reject unknown keys (``Strict``); integers are
bounded by the database's columns; the error envelope every failure answers with."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

# the database's integer columns (PostgreSQL int4): larger numbers are refused, not sent
MAX_INT32 = 2**31 - 1
# no @, whitespace or control character in either part; spelled so that the server's regex
# engine and ECMA-262 (the JSON schema's dialect, clients) read it alike: their \s differ on
# U+0085, U+001C-U+001F and U+FEFF, which the explicit ranges settle
_ADDR = r"[^@\s\x00-\x1f\x7f-\x9f\ufeff]+"
EMAIL_PATTERN = rf"^{_ADDR}@{_ADDR}\.{_ADDR}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None
    request_id: str


class ErrorOut(BaseModel):
    error: ErrorDetail
