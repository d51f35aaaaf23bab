"""Built-in parsers, registered through the same hook as third-party plugins."""
from __future__ import annotations

from htdy import hookimpl
from htdy.parsers.base import DocxParser, PdfParser, TextParser


@hookimpl
def htdy_register_parsers() -> list[type]:
    return [PdfParser, DocxParser, TextParser]
