"""Text extraction seam: every backend returns a :class:`~htdy.parsers.layout.model.Layout`."""
from __future__ import annotations

from htdy.core.host.errors import ParseError
from htdy.parsers.layout.limits import Limits
from htdy.parsers.layout.model import Layout, Line, Link, Page, Span
from htdy.parsers.layout.sanitize import sanitize_layout

PDF_BACKENDS = ("pdfium", "pdfminer")


def extract_layout(data: bytes, kind: str, *, backend: str = "pdfium", limits: Limits | None = None) -> Layout:
    """Run the extraction backend for ``kind`` (pdf / docx / text); its text made safe
    (:mod:`~htdy.parsers.layout.sanitize`: no lone UTF-16 surrogates, full-width forms as ASCII)."""
    return sanitize_layout(_extract(data, kind, backend, limits))


def _extract(data: bytes, kind: str, backend: str, limits: Limits | None) -> Layout:
    if kind == "pdf":
        if backend == "pdfminer":
            from htdy.parsers.layout import pdfminer_backend as mod
        elif backend == "pdfium":
            from htdy.parsers.layout import pdfium_backend as mod  # type: ignore[no-redef]
        else:
            raise ValueError(f"unknown PDF backend {backend!r}; known: {', '.join(PDF_BACKENDS)}")
        return mod.extract(data, limits)
    if kind == "docx":
        from htdy.parsers.layout import docx_backend
        return docx_backend.extract(data, limits)
    if kind == "text":
        from htdy.parsers.layout import text_backend
        return text_backend.extract(data, limits)
    raise ParseError(f"no extraction backend for {kind!r}", code="unsupported_type")


__all__ = ["Layout", "Limits", "Line", "Link", "Page", "Span", "extract_layout", "PDF_BACKENDS"]
