"""The base of the API models: request models reject unknown keys (``Strict``); integers are
bounded by the database's columns; the error envelope every failure answers with."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

# the database's integer columns (PostgreSQL int4): larger numbers are refused, not sent
MAX_INT32 = 2**31 - 1


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None
    request_id: str


class ErrorOut(BaseModel):
    error: ErrorDetail
