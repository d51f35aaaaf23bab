"""Word-processor families (word-docx, word-pdf, pandoc): documents render from example_view.json and
python-docx / pdfium read the name and the employers back (text boxes and headers included)."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from docx.oxml.ns import qn

from htdy.parsers.training.families import FAMILIES, pandoc_docx, word_docx, word_pdf

EXAMPLE = Path(__file__).parents[2] / "parsers" / "training" / "example_view.json"
VIEW = json.loads(EXAMPLE.read_text("utf-8"))
NAME, COMPANY = "Johanna Weißmüller", "Nordlicht Logistik GmbH"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc")


def _paragraphs(paras: list, tables: list) -> list[str]:
    out = [p.text for p in paras]
    for t in tables:
        for row in t.rows:
            for cell in row.cells:
                out += _paragraphs(cell.paragraphs, cell.tables)
    return out


def docx_text(path: Path) -> tuple[str, str]:
    """(body, header/footer and table text as python-docx reads it; text box text)."""
    d = docx.Document(str(path))
    parts = _paragraphs(d.paragraphs, d.tables)
    for s in d.sections:
        parts += _paragraphs(s.header.paragraphs, s.header.tables) + _paragraphs(s.footer.paragraphs, [])
    boxes = ["".join(t.text or "" for t in box.iter(qn("w:t")))
             for box in d.element.body.iter(qn("w:txbxContent"))]
    return "\n".join(parts), "\n".join(boxes)


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def test_registry() -> None:
    for mod in (word_docx, word_pdf, pandoc_docx):
        assert FAMILIES[mod.NAME] == mod.__name__
        ids = mod.templates()
        assert len(set(ids)) == len(ids)
    assert len(word_docx.templates()) >= 12 and len(pandoc_docx.templates()) >= 6
    assert word_pdf.templates() == word_docx.templates()
    plain = [t for t in word_docx.templates() if not t.startswith("lo-")]  # lo-*: re-saved by LibreOffice
    assert all(word_docx.supports(t, lang) for t in plain for lang in ("en", "zh", "ar"))


@pytest.mark.parametrize("template", ["textbox-sidebar", "header-footer"])
def test_word_docx(template: str, tmp_path: Path) -> None:
    path = word_docx.render(VIEW, template, tmp_path / "cv")
    assert path == tmp_path / "cv.docx"
    body, boxes = docx_text(path)
    assert NAME in body and COMPANY in body
    if template == "textbox-sidebar":  # the sidebar lives in a floating text box
        assert VIEW["email"] in boxes and "Kubernetes" in boxes and VIEW["email"] not in body
    else:  # contact details in the page header
        assert VIEW["phone"] in body
    again = word_docx.render(VIEW, template, tmp_path / "again")
    assert again.read_bytes() == path.read_bytes()  # deterministic bytes


def test_word_docx_cjk_and_rtl(tmp_path: Path) -> None:
    zh = copy.deepcopy(VIEW) | {"lang": "zh", "name": "王晓明"}
    path = word_docx.render(zh, "europass", tmp_path / "zh")
    styles = docx.Document(str(path)).styles.element
    assert any(f.get(qn("w:eastAsia")) == "Noto Sans CJK SC" for f in styles.iter(qn("w:rFonts")))
    assert "王晓明" in docx_text(path)[0]
    ar = copy.deepcopy(VIEW) | {"lang": "ar", "dir": "rtl", "name": "ليلى حسن"}
    path = word_docx.render(ar, "table-two-column", tmp_path / "ar")
    d = docx.Document(str(path))
    assert all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in d.paragraphs)
    assert next(d.element.body.iter(qn("w:bidiVisual")), None) is not None


@needs_soffice
def test_word_pdf(tmp_path: Path) -> None:
    path = word_pdf.render(VIEW, "textbox-sidebar", tmp_path / "cv")
    assert path.suffix == ".pdf"
    text = pdf_text(path)
    assert NAME in text and COMPANY in text and VIEW["email"] in text


@needs_pandoc
@pytest.mark.parametrize("template", ["deflist-serif", "table-compact"])
def test_pandoc_docx(template: str, tmp_path: Path) -> None:
    path = pandoc_docx.render(VIEW, template, tmp_path / "cv")
    assert path.suffix == ".docx"
    body, _ = docx_text(path)
    assert NAME in body and COMPANY in body and "Einführung von Code-Reviews" in body
    assert "\\" not in body  # Markdown escapes do not leak


@needs_pandoc
@needs_soffice
def test_pandoc_pdf(tmp_path: Path) -> None:
    path = pandoc_docx.render(VIEW, "h3-calibri-pdf", tmp_path / "cv")
    text = pdf_text(path)
    assert path.suffix == ".pdf" and NAME in text and COMPANY in text
