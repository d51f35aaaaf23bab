"""word-pdf: the word-docx documents exported to PDF by headless LibreOffice Writer, the way a
Word or Google Docs user's "Save as PDF" / "Download as PDF" produces them (text boxes, tables,
tab stops, header and footer as laid out by a word processor's own PDF export)."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from htdy.parsers.training.families import _docx_common as dc
from htdy.parsers.training.families import _libreoffice as lo
from htdy.parsers.training.families import word_docx

NAME = "word-pdf"


def templates() -> list[str]:
    return word_docx.templates()


def supports(template: str, lang: str) -> bool:
    return word_docx.supports(template, lang)


def render(view: dict[str, Any], template: str, out_stem: Path) -> Path:
    out = Path(out_stem).with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="htdy-word-pdf-") as tmp:
        src = word_docx.save(view, template, Path(tmp) / "cv.docx")
        return lo.to_pdf(src, out)


def setup() -> None:
    dc.ensure_tools(("soffice",))
