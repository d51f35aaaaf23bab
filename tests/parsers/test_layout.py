"""The extraction seam: both PDF backends, DOCX and text produce lines with fonts,
positions and links; reading order handles sidebars and page furniture."""
from __future__ import annotations

import pytest

from htdy.parsers.layout import extract_layout
from htdy.parsers.layout.reading import order


def _texts(layout) -> list[str]:
    return [ln.text for ln in order(layout)]


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_pdf_lines_fonts_and_links(docs, backend):
    lay = extract_layout(docs["en_single.pdf"], "pdf", backend=backend)
    assert lay.backend == backend
    lines = lay.lines()
    name = next(ln for ln in lines if ln.text == "Maria Kowalczyk-Stone")
    body = [ln for ln in lines if "Northwind" in ln.text][0]
    assert name.size > body.size * 1.8  # typography survives extraction
    assert any(s.bold for s in body.spans) and not all(s.bold for s in body.spans)
    # company row: title on the left, dates right-aligned in their own cell
    assert body.cell_texts()[-1] == "Mar 2021 – Present"
    urls = {lk.url for lk in lay.links}
    assert "https://github.com/mariaks" in urls and "mailto:maria.ks@example.org" in urls


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_glyphs_without_unicode(backend):
    """Both backends read a glyph nothing maps to Unicode the same way, as the character of its
    one-byte code (pdfminer says "(cid:1)"; pdfium "\\x01", and the T1 en dash arrives as "\\x15")."""
    import cvfixtures
    lay = extract_layout(cvfixtures.unmapped_glyphs_pdf(), "pdf", backend=backend)
    assert [ln.text for ln in lay.lines()] == ["Team {Lead", "\x01Icon"]


def test_backends_agree_on_text(docs):
    a = [t for t in _texts(extract_layout(docs["en_single.pdf"], "pdf", backend="pdfium"))]
    b = [t for t in _texts(extract_layout(docs["en_single.pdf"], "pdf", backend="pdfminer"))]
    assert len(a) == len(b)
    same = sum(1 for x, y in zip(a, b, strict=True) if x == y)
    assert same >= 0.9 * len(a)


def test_repeated_header_footer_removed(docs):
    lay = extract_layout(docs["en_single.pdf"], "pdf")
    assert lay.page_count >= 2
    texts = _texts(lay)
    assert not any(t.startswith("Page ") for t in texts)
    # a running header is read once, where it first stands (it may hold the name and contacts)
    assert texts.count("Curriculum Vitae") == 1 and texts.index("Curriculum Vitae") < 3
    assert any("repeated page header" in w for w in lay.warnings)


def test_sidebar_reading_order(docs):
    lay = extract_layout(docs["de_sidebar.pdf"], "pdf")
    texts = _texts(lay)
    assert any("two columns" in w for w in lay.warnings)
    # the sidebar is read as one block, not interleaved line by line with the main column
    assert texts.index("Kenntnisse") < texts.index("Kubernetes") < texts.index("Berufserfahrung")
    assert texts.index("Berufserfahrung") < texts.index("Rheinwerk Digital AG") < texts.index("Datenhaus GmbH")
    assert not any("Kubernetes" in t and "Rheinwerk" in t for t in texts)


def test_docx_tables_links_headers_bold(docs):
    lay = extract_layout(docs["en.docx"], "docx")
    assert not lay.has_geometry
    lines = lay.lines()
    texts = [ln.text for ln in lines]
    assert texts[0] == "Maria Kowalczyk-Stone – CV" and lines[0].source == "header"
    assert lines[-1].text == "Confidential" and lines[-1].source == "footer"
    row = next(ln for ln in lines if "Northwind" in ln.text)
    assert row.cell_texts() == ["Senior Backend Engineer, Northwind Logistics Ltd", "Mar 2021 – Present"]
    assert row.spans[0].bold and not row.spans[1].bold
    assert "https://www.linkedin.com/in/mariaks" in {lk.url for lk in lay.links}
    bullets = [ln for ln in lines if ln.text.startswith("•")]
    assert len(bullets) == 3


def test_plain_text_backend():
    lay = extract_layout(b"Ada Lovelace\n\nExperience\n\tAnalyst\t1843\n", "text")
    assert [ln.text for ln in lay.lines()] == ["Ada Lovelace", "Experience", "Analyst 1843"]
    assert lay.lines()[2].cell_texts() == ["Analyst", "1843"]
