"""Request and response models of the job-ad matching API (``core/http/api/matching.py``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from htdy.core.http.api.schemas import Strict
from htdy.core.services.job_ads import MAX_CHARS, MIN_CHARS

_FILTERS = ("Filters as in `GET /api/v1/search` (`location`, `city`, `country`, `language`, `title`, "
            "`min_years`, `max_years`, `open_to_work`, `skill`): only candidates that pass them.")


class MatchIn(Strict):
    text: str = Field(min_length=MIN_CHARS, max_length=MAX_CHARS, description=(
        f"The job ad as text, {MIN_CHARS} to {MAX_CHARS} characters (at least {MIN_CHARS} once spaces are "
        "trimmed: 422 `bad_job_ad`). Its title, required and nice-to-have skills (on the skills vocabulary), "
        "years asked for and language are read from it (docs/matching.md)."))
    matcher: str | None = Field(None, max_length=64, description="A matcher by name (`GET /api/v1/matchers`); "
                                                                  "default: `[matching] default`.")
    limit: int = Field(20, ge=1, le=100)
    filters: dict[str, str] = Field(default_factory=dict, description=_FILTERS)


class JobAdOut(BaseModel):
    title: str = Field(description="the title read from the ad (\"\" when none was found)")
    required: list[str] = Field(description="required skills, canonical names")
    preferred: list[str] = Field(description="nice-to-have skills")
    min_years: float | None = Field(description="years of experience the ad asks for")
    language: str = Field(description="the ad's language (ISO 639-1), \"\" if unsure")


class MatchItem(BaseModel):
    cv_id: str
    slug: str | None
    name: str | None
    label: str | None
    title: str | None
    location: str | None
    skills: list[str]
    years: float | None
    open_to_work: bool
    score: float = Field(description="0-1, orders the list")
    fit: float = Field(description="0-1, how well the CV fits the ad on its own")
    matched_skills: list[str] = Field(description="required skills the CV has")
    missing_skills: list[str] = Field(description="required skills the CV lacks")
    preferred_skills: list[str] = Field(description="nice-to-have skills the CV has")
    title_similarity: float = Field(description="0-1, the ad's title against the CV's titles")
    relevant_years: float | None = Field(description="years in jobs like the ad's")
    reasons: list[str] = Field(description="why, in sentences a recruiter reads")


class MatchOut(BaseModel):
    matcher: str
    ad: JobAdOut
    items: list[MatchItem]


class MatcherInfo(BaseModel):
    name: str
    description: str
    default: bool


class MatcherList(BaseModel):
    items: list[MatcherInfo]


class SavedSearchIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=MIN_CHARS, max_length=MAX_CHARS, description=(
        f"the job ad, {MIN_CHARS} to {MAX_CHARS} characters (as in `POST /api/v1/match`)"))
    matcher: str = Field("", max_length=64, description="\"\": `[matching] default`")
    filters: dict[str, str] = Field(default_factory=dict, description=_FILTERS)
    notify: Literal["email", "in_app"] = Field("email", description=(
        "`email`: each new match is mailed to you (and listed); `in_app`: listed only"))


class SavedSearchOut(BaseModel):
    id: str
    name: str
    text: str
    matcher: str | None
    filters: dict[str, str]
    notify: str
    created_at: str
    new_alerts: int = Field(description="alerts not yet seen")


class SavedSearchList(BaseModel):
    items: list[SavedSearchOut]


class AlertOut(BaseModel):
    cv_id: str
    slug: str | None = Field(description="null when the profile is no longer public")
    title: str
    fit: float
    seen: bool
    created_at: str


class AlertList(BaseModel):
    items: list[AlertOut]
