"""The editor's models: drafts, their previews, shared-link renders and version diffs."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from htdy.core.http.api.schemas_base import MAX_INT32, Strict

__all__ = ["DraftIn", "DraftOut", "SharedRenderQuery", "DraftRenderQuery", "DiffQuery", "Change", "DiffOut"]


class DraftIn(Strict):
    resume: dict[str, Any] = Field(description="the editor's JSON Resume data as typed (not validated until Save)")
    title: str | None = Field(None, max_length=200)


class DraftOut(BaseModel):
    title: str | None
    resume: dict[str, Any]
    base_version: int = Field(description="the version the draft started from")
    updated_at: str
    stale: bool = Field(description="a newer version was saved after the draft began")


class SharedRenderQuery(Strict):
    template: str | None = None
    format: Literal["html", "pdf", "md", "txt", "png", "svg"] = "pdf"


class DraftRenderQuery(Strict):
    template: str | None = None
    format: Literal["html", "pdf"] = "html"


class DiffQuery(Strict):
    older: int = Field(ge=1, le=MAX_INT32, description="one version (shown as the old side)")
    newer: int | None = Field(None, ge=1, le=MAX_INT32, description="the other version (default: the current one)")


class Change(BaseModel):
    path: str = Field(description="`work[0].highlights[1]`, `basics.location.city`")
    kind: Literal["added", "removed", "changed"]
    old: Any
    new: Any


class DiffOut(BaseModel):
    older: int
    newer: int
    counts: dict[str, int] = Field(description="how many changes of each kind: added, removed, changed")
    changes: list[Change]
    truncated: bool
