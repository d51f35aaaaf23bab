"""Errors that carry a stable code and an HTTP status.

Every error a user can cause is an ``HtdyError``; the API turns it into
``{"error": {"code", "message", "details"}}`` and the CLI into a one-line message.
"""
from __future__ import annotations

from typing import Any


class HtdyError(Exception):
    """An expected failure with a stable, machine-readable ``code``."""

    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class ConfigError(HtdyError):
    """The configuration file or environment is invalid (fails at start-up)."""

    code = "config_error"
    status = 500


class PluginNotFound(ConfigError):
    """``htdy.toml`` names an implementation no loaded plugin provides."""

    code = "plugin_not_found"


class NotFound(HtdyError):
    status = 404
    code = "not_found"


class Forbidden(HtdyError):
    status = 403
    code = "forbidden"


class Unauthorized(HtdyError):
    status = 401
    code = "unauthorized"


class Conflict(HtdyError):
    status = 409
    code = "conflict"


class ValidationFailed(HtdyError):
    status = 422
    code = "validation_failed"


class PayloadTooLarge(HtdyError):
    status = 413
    code = "too_large"


class ParseError(HtdyError):
    """A document could not be parsed. Stable codes: ``encrypted``, ``no_text_layer``,
    ``corrupt``, ``unsupported_type``, ``too_large``, ``too_many_pages``, ``timeout``, ``empty``."""

    status = 422
    code = "corrupt"


class RenderError(HtdyError):
    """A CV could not be rendered. Codes: ``render_failed``, ``timeout``, ``too_many_pages``,
    ``unsupported_format``, ``unknown_template``."""

    status = 422
    code = "render_failed"


class ServiceUnavailable(HtdyError):
    status = 503
    code = "service_unavailable"


class Unsupported(HtdyError):
    """A plugin does not offer an optional capability (a storage backend that cannot list)."""

    status = 501
    code = "unsupported"
