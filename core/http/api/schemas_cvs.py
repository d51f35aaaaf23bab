"""API models of CVs: the CV and its versions, lists and batches, render and stats queries, uploads and jobs."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from htdy.core.http.api.schemas_base import MAX_INT32, UUID_PATTERN, Strict

__all__ = ["Owner", "UnassignedLine", "Extras", "CVOut", "CVFieldsOut", "CVList", "ListQuery", "CVQuery", "BatchItem", "BatchIn", "BatchOut", "VersionOut", "VersionList", "RenderQuery", "TemplateQuery", "StatsQuery", "StatsDay", "ShareOpens", "Stats", "JobError", "JobOut", "JobRef", "UploadOut"]


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
    design: dict[str, Any] = Field(default_factory=dict, description=(
        "the saved design (`PUT /api/v1/cvs/{id}/design`): template, options, hidden_items; "
        "`{}` until one is saved"))
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
    design: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None
    resume: dict[str, Any] | None = None
    extras: Extras | None = None
    access: Literal["owner", "edit", "view"] | None = None
    versions: list[dict[str, Any]] | None = None
    shares: list[dict[str, Any]] | None = None


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
