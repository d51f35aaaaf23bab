"""Renderer families of the corpus factory (see ../CONTRACT.md): family name -> module path."""
from __future__ import annotations

FAMILIES: dict[str, str] = {
    "html-designer": "htdy.parsers.training.families.html_designer",
    "html-canvas": "htdy.parsers.training.families.html_canvas",
    "word-docx": "htdy.parsers.training.families.word_docx",
    "word-pdf": "htdy.parsers.training.families.word_pdf",
    "word-real": "htdy.parsers.training.families.word_real",
    "word-real-pdf": "htdy.parsers.training.families.word_real_pdf",
    "pandoc": "htdy.parsers.training.families.pandoc_docx",
    "jsonresume": "htdy.parsers.training.families.jsonresume_npm",
    "htdy": "htdy.parsers.training.families.htdy_templates",
    "latex": "htdy.parsers.training.families.latex",
    "latex-long": "htdy.parsers.training.families.latex_long",
    "typst": "htdy.parsers.training.families.typst_cv",
}
