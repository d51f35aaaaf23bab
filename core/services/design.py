"""A CV's design: the template, its options and the entries left out, saved with the CV
and used by every render of it (editor preview, downloads, share pages, the public
profile's PDF).

``{"template": "modern" | null, "options": {"accent": "#0f766e", ...},
"hidden_items": ["work.1", "projects.0"]}`` — ``null`` is the configured default template;
options are checked against the template's option specs (``GET /api/v1/templates``);
``hidden_items`` name list entries by section and position. A render names a template
of its own (``?template=``) or options (``?option.x=``) on top: the design's options the
other template does not have are left out, the request's win.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from tortoise.expressions import F

from htdy.core.host.errors import ValidationFailed
from htdy.core.models import CV
from htdy.core.services import Services, cvs, utcnow
from htdy.core.services.validation import pydantic_details

HIDEABLE = ("work", "volunteer", "education", "awards", "certificates", "publications", "skills",
            "languages", "interests", "references", "projects")
ITEM_RE = r"^(?:" + "|".join(HIDEABLE) + r")\.\d{1,4}$"
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_WORD = re.compile(r"^[\w-]{0,64}$")


class Design(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template: str | None = Field(None, max_length=64, description="template id; null: the configured default")
    options: dict[str, Any] = Field(default_factory=dict, description=(
        "template options (accent, fonts, font_size, page_size, margins, section_order, hide, "
        "photo, date_format, lang); each checked against the template's option specs"))
    hidden_items: list[str] = Field(default_factory=list, max_length=500, description=(
        "list entries not to print, as `section.index` (`work.1` is the second work entry)"))


def _bad(name: str, value: Any, why: str) -> ValidationFailed:
    return ValidationFailed(f"option {name}: {why}", code="invalid_option", details={"option": name, "value": value})


def check_option(name: str, spec: dict[str, Any], value: Any) -> Any:
    """One option value against its spec (types ``color``, ``choice``, ``list``, ``bool``,
    ``string``); returns it in its stored form or raises ``invalid_option``."""
    kind = spec.get("type", "string")
    choices = spec.get("choices") or []
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise _bad(name, value, "expected true or false")
    if kind == "list":
        items = [v.strip() for v in value.split(",")] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise _bad(name, value, "expected a list of names")
        items = [v for v in items if v]
        unknown = [v for v in items if choices and v not in choices]
        if unknown:
            raise _bad(name, value, f"unknown {', '.join(unknown)}; known: {', '.join(choices)}")
        return list(dict.fromkeys(items))
    if not isinstance(value, str):
        raise _bad(name, value, "expected a string")
    if kind == "color":
        if not _COLOR.match(value):
            raise _bad(name, value, "expected a colour as #rgb or #rrggbb")
        return value.lower()
    if kind == "choice":
        if value.lower() not in choices:
            raise _bad(name, value, f"expected one of {', '.join(choices)}")
        return value.lower()
    if not _WORD.match(value):
        raise _bad(name, value, "expected letters, digits, '-' or '_' (at most 64)")
    return value


def validate(svc: Services, raw: Any) -> dict[str, Any]:
    """A design as sent by a client → its stored form (422 naming what is wrong)."""
    return check(svc.registries.templates, svc.settings.rendering.default_template, raw)


def check(regs: Any, default_template: str, raw: Any) -> dict[str, Any]:
    """``validate`` against a template registry (also for ``htdy render --design``)."""
    try:
        d = Design.model_validate(raw)
    except ValidationError as exc:
        raise ValidationFailed("the design is invalid", details=pydantic_details(exc)) from None
    tid = d.template or default_template
    if tid not in regs:
        raise ValidationFailed(f"unknown template {tid!r}; known: {', '.join(regs.names())}",
                               code="unknown_template")
    specs = regs.get(tid).options
    options = {}
    for name, value in d.options.items():
        if name not in specs:
            raise ValidationFailed(f"template {tid} has no option {name!r}; supported: {', '.join(sorted(specs))}",
                                   code="invalid_option", details={"option": name})
        options[name] = check_option(name, specs[name], value)
    bad = [p for p in d.hidden_items if not re.match(ITEM_RE, p)]
    if bad:
        raise ValidationFailed(f"hidden_items: expected section.index (e.g. work.1), got {', '.join(bad[:5])}",
                               code="invalid_design", details={"invalid": bad[:20], "sections": list(HIDEABLE)})
    return {"template": d.template, "options": options, "hidden_items": sorted(set(d.hidden_items))}


def stored(e: dict[str, Any]) -> dict[str, Any]:
    """The design of a CV cache entry (``{}`` before one was saved)."""
    d = e["cv"].get("design")
    return d if isinstance(d, dict) else {}


async def save(svc: Services, user_id: str, cv_id: str, raw: Any) -> dict[str, Any]:
    """Store the design (owners and editors); not a new version, but a new revision."""
    await cvs.get_for(svc, user_id, cv_id, need="edit")
    design = validate(svc, raw)
    cid = cvs.parse_uuid(cv_id)
    await CV.filter(id=cid).update(design=design, revision=F("revision") + 1, updated_at=utcnow())
    await cvs.after_commit(svc, [cid], {})
    return design


def render_choice(design: dict[str, Any], template: str | None, options: dict[str, Any] | None,
                  specs_of: Any) -> tuple[str | None, dict[str, Any] | None]:
    """(template id, options) for a render: the request's template or the design's, the
    design's options the template has, then the request's options on top."""
    tid = template or design.get("template")
    raw = design.get("options")
    saved: dict[str, Any] = raw if isinstance(raw, dict) else {}
    specs = specs_of(tid)
    merged = {k: v for k, v in saved.items() if k in specs}
    merged.update(options or {})
    return tid, merged or None


def without_hidden(resume: dict[str, Any], design: dict[str, Any]) -> dict[str, Any]:
    """The resume without the entries the design hides (the stored resume is not changed)."""
    hidden: dict[str, set[int]] = {}
    for path in design.get("hidden_items") or ():
        section, _, index = str(path).partition(".")
        if index.isdigit():
            hidden.setdefault(section, set()).add(int(index))
    if not hidden:
        return resume
    out = copy.copy(resume)
    for section, drop in hidden.items():
        items = resume.get(section)
        if isinstance(items, list):
            out[section] = [item for i, item in enumerate(items) if i not in drop]
    return out
