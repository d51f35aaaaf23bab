"""Validation helpers shared by services and the API."""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from htdy.core.host.errors import ValidationFailed


def validate_resume_or_raise(resume: Any) -> None:
    """Raise ``ValidationFailed`` (code ``invalid_resume``) unless ``resume`` is valid JSON Resume."""
    from htdy.core.schema import validate_resume

    if not isinstance(resume, dict):
        raise ValidationFailed("resume must be a JSON object", code="invalid_resume")
    errors = validate_resume(resume)
    if errors:
        raise ValidationFailed(f"resume is not valid JSON Resume ({len(errors)} problem(s))",
                               code="invalid_resume", details=errors[:50])


def pydantic_details(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic errors as JSON-safe ``{loc, msg, type}`` dicts (no input echo)."""
    return [{"loc": ".".join(str(p) for p in e["loc"]) or "<body>", "msg": e["msg"], "type": e["type"]}
            for e in exc.errors(include_url=False, include_input=False)]
