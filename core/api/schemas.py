"""Pydantic models of request bodies, query strings and responses (for validation and
the OpenAPI document). Request models reject unknown keys."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from htdy.core.services.cvs import CVChanges, CVCreate  # noqa: F401  (re-exported for the docs)
from htdy.core.services.shares import ShareCreate  # noqa: F401

# the database's integer columns (PostgreSQL int4): larger numbers are refused, not sent
MAX_INT32 = 2**31 - 1
# no @, whitespace or control character in either part; spelled so that Python's `re` (the
# server) and ECMA-262 (the JSON schema's dialect, clients) read it alike: their \s differ on
# U+0085, U+001C-U+001F and U+FEFF, which the explicit ranges settle
_ADDR = r"[^@\s\x00-\x1f\x7f-\x9f\ufeff]+"
EMAIL_PATTERN = rf"^{_ADDR}@{_ADDR}\.{_ADDR}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- accounts
class SignupIn(Strict):
    email: str = Field(max_length=320, pattern=EMAIL_PATTERN)
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
    open_to_work: bool = Field(False, description="set by the owner; recruiters can filter on it")
    slug: str | None
    current_version: int
    created_at: str
    updated_at: str
    resume: dict[str, Any]
    extras: Extras = Field(description="the current version's parse extras")
    access: Literal["owner", "edit", "view"]
    versions: list[dict[str, Any]] | None = None
    shares: list[dict[str, Any]] | None = None


class CVFieldsOut(BaseModel):
    """A CV with ``?fields=``: only the fields asked for (each as in ``CVOut``)."""

    model_config = ConfigDict(json_schema_extra={"description": "only the fields named in `fields`"})

    id: str | None = None
    title: str | None = None
    owner: Owner | None = None
    discoverable: bool | None = None
    open_to_work: bool | None = None
    slug: str | None = None
    current_version: int | None = None
    created_at: str | None = None
    updated_at: str | None = None
    resume: dict[str, Any] | None = None
    extras: Extras | None = None
    access: Literal["owner", "edit", "view"] | None = None
    versions: list[dict[str, Any]] | None = None
    shares: list[dict[str, Any]] | None = None


class CVList(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None
    total: int


def _csv_pattern(names: list[str]) -> str:
    one = "(?:" + "|".join(sorted(names)) + ")"
    return f"^ *{one} *(?:, *{one} *)*$"


CV_FIELD_NAMES = sorted(set(CVOut.model_fields) - {"versions", "shares"})
CV_FIELDS_PATTERN = _csv_pattern(CV_FIELD_NAMES)


class ListQuery(Strict):
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]*$", max_length=400,
                               description="`next_cursor` of the previous page (opaque; another value is "
                                           "422 invalid_cursor)")
    fields: str | None = Field(None, pattern=CV_FIELDS_PATTERN,
                               description="comma-separated top-level fields to return: " + ", ".join(CV_FIELD_NAMES))


class CVQuery(Strict):
    fields: str | None = Field(None, pattern=CV_FIELDS_PATTERN,
                               description="comma-separated top-level fields to return: " + ", ".join(CV_FIELD_NAMES))
    include: str | None = Field(None, pattern=_csv_pattern(["versions", "shares"]), description="versions,shares")


class BatchItem(Strict):
    id: str = Field(pattern=UUID_PATTERN, description="the CV's id")
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


class StatsQuery(Strict):
    days: int = Field(30, ge=1, le=90, description="how many days (UTC, today included) the series covers")


class StatsDay(BaseModel):
    date: str
    view: int
    unique_visitors: int = Field(description="distinct visitors that day (salted daily hashes; none for DNT/GPC)")
    download: int
    search_appearance: int
    search_click: int
    share_open: int


class ShareOpens(BaseModel):
    share_id: str
    opens: int
    removed: bool
    created_at: str | None


class Stats(BaseModel):
    view: int = Field(description="all-time counts, like the other kinds")
    download: int
    search_appearance: int
    search_click: int
    share_open: int
    days: int
    unique_visitors: int = Field(description="sum of the daily unique visitors over `days`")
    series: list[StatsDay]
    shares: list[ShareOpens] = Field(description="opens per link share (also removed ones)")


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
    q: str = Field("", max_length=500, description=(
        "Free text; every word must match (as a prefix). Skills it names are put onto the "
        "vocabulary: `k8s` finds Kubernetes, `C#` finds C# and not C."))
    skill: str | None = Field(None, max_length=500, description=(
        "Comma-separated skills a CV must all have (matched on the skills vocabulary: "
        "`JS` = `JavaScript`, case and accents ignored)."))
    location: str | None = Field(None, max_length=200, description="Words of the location text, in order.")
    city: str | None = Field(None, max_length=200, description="Exact city (case and accents ignored).")
    country: str | None = Field(None, max_length=100, description="Country code as in the CV (`DE`).")
    language: str | None = Field(None, max_length=100, description=(
        "A spoken language, in English or its own name (`German`, `Deutsch`)."))
    title: str | None = Field(None, max_length=200, description="Words of the current job title.")
    min_years: float | None = Field(None, ge=0, le=80, description="At least this many years of work.")
    max_years: float | None = Field(None, ge=0, le=80, description="At most this many years of work.")
    open_to_work: bool | None = Field(None, description="Only CVs whose owner is (or is not) open to work.")
    facets: bool = Field(False, description="Also count skills, cities, countries, languages, "
                                            "experience bands and open-to-work over every match.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)

    def filters(self) -> dict[str, str]:
        out = {k: getattr(self, k) for k in ("skill", "location", "city", "country", "language", "title",
                                              "min_years", "max_years", "open_to_work")}
        return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in out.items() if v is not None}


class SearchReasons(BaseModel):
    skills: list[str] = Field(description="the CV's skills the query or the skill filter asked for")
    title: str | None = Field(description="the current title or headline the words matched")
    text: list[str] = Field(description="other fields the words were found in (summary, keywords, …)")


class SearchItem(BaseModel):
    cv_id: str
    slug: str | None
    name: str | None
    label: str | None
    title: str | None
    location: str | None
    city: str | None
    country: str | None
    skills: list[str] = Field(description="canonical skill names (the vocabulary's), not group names")
    languages: list[str]
    years: float | None = Field(description="years of work experience (overlaps counted once)")
    open_to_work: bool
    score: float
    highlights: dict[str, list[str]]
    reasons: SearchReasons


class FacetValue(BaseModel):
    value: str = Field(description="what to pass to the filter of the same name")
    label: str
    count: int


class SearchOut(BaseModel):
    total: int
    items: list[SearchItem]
    facets: dict[str, list[FacetValue]] | None = Field(None, description=(
        "with `facets=true`: skill, city, country, language, years, open_to_work"))


class ProfileOut(BaseModel):
    slug: str
    cv_id: str
    name: str | None
    resume: dict[str, Any]
    updated_at: str
    open_to_work: bool = False
    revision: int = Field(description="bumped on every change of the CV (what the ETag follows)")
    links: dict[str, str]


class ProfileListQuery(Strict):
    after: str | None = Field(None, max_length=64, description="the `next` of the previous page")
    limit: int = Field(1000, ge=1, le=5000)


class ProfileListItem(BaseModel):
    slug: str
    updated_at: str


class ProfileList(BaseModel):
    items: list[ProfileListItem]
    next: str | None


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None
    request_id: str


class ErrorOut(BaseModel):
    error: ErrorDetail
