"""Built-in parsers, registered through the same hook as third-party plugins.

The hook returns ``LazyImpl`` references: the parsers' module (layout extraction, field
rules, pdfium) is imported when a parser is first used, not when the registry is built."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl


@hookimpl
def htdy_register_parsers() -> Iterable[LazyImpl]:
    return [LazyImpl("pdf", "htdy.parsers.base:PdfParser"),
            LazyImpl("docx", "htdy.parsers.base:DocxParser"),
            LazyImpl("text", "htdy.parsers.base:TextParser"),
            LazyImpl("ocr_pdf", "htdy.parsers.ocr:OcrPdfParser")]
