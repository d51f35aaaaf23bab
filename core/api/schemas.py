"""Pydantic models of request bodies, query strings and responses (for validation and
the OpenAPI document). Request models reject unknown keys."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from htdy.core.services.cvs import CVChanges, CVCreate  # noqa: F401  (re-exported for the docs)
from htdy.core.services.shares import ShareCreate  # noqa: F401

# the database's integer columns (PostgreSQL int4): larger numbers are refused, not sent
MAX_INT32 = 2**31 - 1


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- accounts
class SignupIn(Strict):
    email: str = Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(min_length=8, max_length=1024)
    name: str = Field(min_length=1, max_length=200)
    invite: str | None = Field(None, max_length=200, description=(
        "The secret of a share invitation to this address (from the invitation mail): the CVs "
        "shared with the address become readable at once."))


class LoginIn(Strict):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)
    otp: str | None = Field(None, max_length=32, description="Two-factor code (or a recovery code) when it is on")


class UserOut(BaseModel):
    id: str
    email: str
    name: str


class AuthOut(BaseModel):
    user: UserOut
    token: str | None = Field(description="A bearer token; null when the address waits for confirmation")
    verification_required: bool = False


class VerifyIn(Strict):
    token: str = Field(min_length=10, max_length=200)


class VerifyOut(BaseModel):
    verified: bool
    shared_cvs: int = Field(description="CVs shared with the address that became readable")


class TokenIn(Strict):
    name: str = Field(min_length=1, max_length=100)
    expires_at: AwareDatetime | None = Field(None, description="When the token stops working (default: never).")


class TokenOut(BaseModel):
    id: str
    name: str
    kind: Literal["api", "login"] = Field("api", description=(
        "`login`: minted by sign-up/log-in (ended by log-out-everywhere and a password change); "
        "`api`: made here"))
    token: str | None = Field(None, description="The secret, shown only when the token is created")
    created_at: str | None = None
    last_used_at: str | None = Field(None, description="Last request with it (to the minute)")
    expires_at: str | None = None


class PasswordChangeIn(Strict):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=8, max_length=1024)


class PasswordChangeOut(BaseModel):
    ended_sessions: int = Field(description="Other sessions and login tokens that were ended")


class ResetRequestIn(Strict):
    email: str = Field(min_length=3, max_length=320)


class ResetRequestOut(BaseModel):
    status: Literal["accepted"]
    message: str


class ResetConfirmIn(Strict):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=8, max_length=1024)


class TwoFactorOut(BaseModel):
    enabled: bool
    recovery_codes_left: int


class TwoFactorSetupIn(Strict):
    password: str = Field(min_length=1, max_length=1024)


class TwoFactorSetupOut(BaseModel):
    secret: str = Field(description="Base32 secret to type into an authenticator app")
    otpauth_uri: str = Field(description="The same as an otpauth:// URI (what a QR code holds)")


class TwoFactorCodeIn(Strict):
    code: str = Field(min_length=6, max_length=32)


class RecoveryCodesOut(BaseModel):
    recovery_codes: list[str] = Field(description="Ten one-time codes, shown only now")


class TwoFactorDisableIn(Strict):
    password: str = Field(min_length=1, max_length=1024)
    code: str = Field(min_length=6, max_length=32)


class AccountDeleteIn(Strict):
    password: str = Field(min_length=1, max_length=1024)


class TokenList(BaseModel):
    items: list[TokenOut]


# ---------------------------------------------------------------- CVs
class Owner(BaseModel):
    id: str
    name: str


class UnassignedLine(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str
    page: int | None = Field(None, description="1-based page of the source document")
    x: float | None = Field(None, description="left edge on the page, in PDF points")
    y: float | None = Field(None, description="top edge on the page, in PDF points")


class Extras(BaseModel):
    """What the parser (and plugins' ``htdy_cv_parsed``) returned beside the JSON Resume
    data. Every key may be absent: versions created before a key existed, versions not
    made from a file (``POST /cvs``, imports) — read a missing key as empty. Other keys
    (``spans``, ``language``, ``kind``, ``parser``, …) are listed in ``docs/parsing.md``."""

    model_config = ConfigDict(extra="allow")
    confidence: dict[str, float] = Field(default_factory=dict, description=(
        "Per field path (`basics.email`, `work[0].position`), 0–1: how sure the parser is."))
    low_confidence: list[str] = Field(default_factory=list, description=(
        "Field paths read with confidence < 0.5; the web editor marks them for checking."))
    unassigned: list[UnassignedLine] = Field(default_factory=list, description=(
        "Lines of the document that ended up in no field, with their page and position."))
    warnings: list[str] = Field(default_factory=list)
    carried_from: int | None = Field(None, description=(
        "On a version written by an edit: the parsed version these review keys (`confidence`, "
        "`low_confidence`, `unassigned`) come from; only the hints that still hold are kept "
        "(unchanged fields, lines whose words are still missing from the CV)."))
    restored_from: int | None = Field(None, description="On a restored version: the version it restores.")


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
    extras: Extras = Field(description="the current version's parse extras")
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
    extras: Extras | None = None


class VersionList(BaseModel):
    items: list[VersionOut]


class RenderQuery(Strict):
    template: str | None = None
    format: Literal["html", "pdf", "md", "txt", "png", "svg"] = "html"
    version: int | None = Field(None, ge=1, le=MAX_INT32)


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
    user: dict[str, Any] | None = Field(None, description=(
        "A user share's `{email}`: the same for an account and for an invitation to an address "
        "without one (whether an address has an account is not told)"))
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
