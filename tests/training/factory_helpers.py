"""What the corpus factory's family tests share: the example person and a PDF's text."""
from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium

VIEW = json.loads((Path(__file__).parents[2] / "parsers" / "training" / "example_view.json").read_text("utf-8"))


def pdf_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
