"""API models of sharing and discovery: shares, search, public profiles."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from htdy.core.http.api.schemas_base import Strict

__all__ = ["ShareOut", "ShareList", "SearchQuery", "SearchReasons", "SearchItem", "FacetValue", "SearchOut", "ProfileOut", "ProfileListQuery", "ProfileListItem", "ProfileList"]


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
    language: str | None = Field(None, description=(
        "the CV's language: `meta.language`, else the one the parser detected; `null` when unknown"))
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
