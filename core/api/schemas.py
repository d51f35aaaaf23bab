"""Pydantic models of request bodies, query strings and responses (for validation and
the OpenAPI document). Request models reject unknown keys."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from htdy.core.services.cvs import CVChanges, CVCreate  # noqa: F401  (re-exported for the docs)
from htdy.core.services.shares import ShareCreate  # noqa: F401


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- accounts
class SignupIn(Strict):
    email: str = Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(min_length=8, max_length=1024)
    name: str = Field(min_length=1, max_length=200)


class LoginIn(Strict):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class UserOut(BaseModel):
    id: str
    email: str
    name: str


class AuthOut(BaseModel):
    user: UserOut
    token: str


class TokenIn(Strict):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(BaseModel):
    id: str
    name: str
    token: str | None = None
    created_at: str | None = None


class TokenList(BaseModel):
    items: list[TokenOut]


# ---------------------------------------------------------------- CVs
class Owner(BaseModel):
    id: str
    name: str


class CVOut(BaseModel):
    id: str
    title: str
    owner: Owner
    discoverable: bool
    slug: str | None
    current_version: int
    created_at: str
    updated_at: str
    resume: dict[str, Any]
    extras: dict[str, Any]
    access: Literal["owner", "edit", "view"]
    versions: list[dict[str, Any]] | None = None
    shares: list[dict[str, Any]] | None = None


class CVList(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None
    total: int


class ListQuery(Strict):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = None
    fields: str | None = None


class CVQuery(Strict):
    fields: str | None = Field(None, description="comma-separated top-level fields to return")
    include: str | None = Field(None, description="versions,shares")


class BatchItem(Strict):
    id: str
    changes: dict[str, Any]


class BatchIn(Strict):
    updates: list[BatchItem] = Field(min_length=1, max_length=100)


class BatchOut(BaseModel):
    results: list[CVOut]


class VersionOut(BaseModel):
    number: int
    created_at: str
    created_by: str | None
    source_file: str | None
    resume: dict[str, Any] | None = None
    extras: dict[str, Any] | None = None


class VersionList(BaseModel):
    items: list[VersionOut]


class RenderQuery(Strict):
    template: str | None = None
    format: Literal["html", "pdf", "md", "txt", "png", "svg"] = "html"
    version: int | None = Field(None, ge=1)


class TemplateQuery(Strict):
    template: str | None = None


class Stats(BaseModel):
    view: int
    download: int
    search_appearance: int


# ---------------------------------------------------------------- uploads, jobs
class JobError(BaseModel):
    code: str | None
    message: str | None


class JobOut(BaseModel):
    id: str
    kind: str
    status: Literal["queued", "running", "done", "failed"]
    attempts: int
    error: JobError | None
    result: dict[str, Any] | None
    created_at: str
    updated_at: str


class JobRef(BaseModel):
    id: str
    status: str
    kind: str


class UploadOut(BaseModel):
    job: JobRef
    links: dict[str, str]


# ---------------------------------------------------------------- shares
class ShareOut(BaseModel):
    id: str
    kind: Literal["user", "link"]
    access: Literal["view", "edit"]
    expires_at: str | None
    created_at: str
    user: dict[str, Any] | None = None
    url: str | None = Field(None, description=(
        "Absolute API address of the shared CV: for a user share the CV itself "
        "(`/api/v1/cvs/{id}`, read with the recipient's credentials); for a link "
        "`/api/v1/shared/{token}` — only in the create response (only the token's hash is "
        "stored), `null` in lists. Built from `[server] public_url`, else the request's "
        "scheme and host."))
    page_url: str | None = Field(None, description=(
        "Absolute address of the web page to send to people (`/s/{token}` for a link, "
        "`/app/cvs/{id}` for a user share); same rules as `url`; `null` when no web "
        "frontend is installed."))


class ShareList(BaseModel):
    items: list[ShareOut]


# ---------------------------------------------------------------- discovery
class SearchQuery(Strict):
    q: str = ""
    skill: str | None = None
    location: str | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class SearchItem(BaseModel):
    cv_id: str
    slug: str | None
    name: str | None
    label: str | None
    location: str | None
    skills: list[str]
    score: float
    highlights: dict[str, list[str]]


class SearchOut(BaseModel):
    total: int
    items: list[SearchItem]


class ProfileOut(BaseModel):
    slug: str
    cv_id: str
    name: str | None
    resume: dict[str, Any]
    updated_at: str
    links: dict[str, str]


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None
    request_id: str


class ErrorOut(BaseModel):
    error: ErrorDetail
