"""word-real-pdf: the word-real documents exported to PDF by headless LibreOffice Writer (what a
Word user's "Save as PDF" or Google Docs' "Download as PDF" gives of the same document)."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from htdy.parsers.training.families import _docx_common as dc
from htdy.parsers.training.families import _libreoffice as lo
from htdy.parsers.training.families import word_real

NAME = "word-real-pdf"


def templates() -> list[str]:
    return word_real.templates()


def supports(template: str, lang: str) -> bool:
    return word_real.supports(template, lang) and lo.soffice_bin() is not None


def render(view: dict[str, Any], template: str, out_stem: Path) -> Path:
    out = Path(out_stem).with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="htdy-word-real-pdf-") as tmp:
        src = word_real.save(view, template, Path(tmp) / "cv.docx")
        return lo.to_pdf(src, out)


def setup() -> None:
    dc.ensure_tools(("soffice",))
