"""The Typst engine: CV as data (never markup), packaged fonts only, previews."""
from __future__ import annotations

import re
from typing import Any

import pypdfium2
import pytest

TYPST_TEMPLATES = ("classic", "compact")


def text_of(pdf: bytes) -> str:
    return "\n".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf))


@pytest.mark.parametrize("tid", TYPST_TEMPLATES)
def test_typst_pdf_full_sparse_letter(regs: Any, tid: str, full_cv: dict, sparse_cv: dict) -> None:
    r = regs.renderers.get("typst")()
    t = regs.templates.get(tid)
    out = r.render(full_cv, template=t, fmt="pdf", options={"page_size": "letter"})
    doc = pypdfium2.PdfDocument(out.content)
    assert out.media_type == "application/pdf" and len(doc) == out.pages
    assert tuple(round(x) for x in doc[0].get_size()) == (612, 792)
    meta = doc.get_metadata_dict()
    assert meta["Title"] == "Amélie Novak-Fernández – CV" and meta["Author"] == "Amélie Novak-Fernández"
    assert b"/Lang(en)" in out.content and b"/URI(https://github.com/anovak)" in out.content  # clickable
    assert re.search(rb"/FontFile[23]?\b", out.content) and re.search(rb"/BaseFont/[A-Z]{6}\+(NotoSerif|Inter)", out.content)
    text = text_of(out.content)
    for needle in ("Amélie Novak-Fernández", "Quantix Analytics", "Ελληνικά", "русский"):
        assert needle in text
    sparse = text_of(r.render(sparse_cv, template=t, fmt="pdf").content).lower()
    assert "experience" in sparse and "education" not in sparse and "skills" not in sparse


def test_typst_injection_is_literal_text(regs: Any, full_cv: dict, tmp_path: Any) -> None:
    secret = tmp_path / "s.txt"
    secret.write_text("TOP-SECRET-typst")
    full_cv["basics"]["name"] = '#import "@preview/cetz:0.2.2": *'
    full_cv["basics"]["label"] = f'#read("{secret}") #panic("boom")'
    full_cv["basics"]["summary"] = '#let x = 1 $ sum_(i=0)^n i $ *bold* _em_ <lbl> @ref `raw` #include "/etc/passwd"'
    full_cv["work"][0]["highlights"] = ['#eval("1 + 1")', "\\ #sys.inputs", "] ) } #{"]
    r = regs.renderers.get("typst")()
    for tid in TYPST_TEMPLATES:
        out = r.render(full_cv, template=regs.templates.get(tid), fmt="pdf")
        text = text_of(out.content)
        assert '#import "@preview/cetz:0.2.2": *' in text
        assert f'#read("{secret}") #panic("boom")' in text
        assert "$ sum_(i=0)^n i $ *bold* _em_ <lbl> @ref `raw`" in text
        assert '#eval("1 + 1")' in text and "] ) } #{" in text
        assert "TOP-SECRET" not in text and b"TOP-SECRET" not in out.content


def test_typst_previews_png_svg(regs: Any, full_cv: dict) -> None:
    r = regs.renderers.get("typst")()
    t = regs.templates.get("classic")
    png = r.render(full_cv, template=t, fmt="png")
    assert png.content.startswith(b"\x89PNG") and png.pages >= 1
    svg = r.render(full_cv, template=t, fmt="svg")
    assert svg.content.lstrip().startswith(b"<svg") and svg.media_type == "image/svg+xml"


def test_typst_unsupported_template_and_limits(regs: Any, full_cv: dict) -> None:
    from htdy.core.host.errors import RenderError
    from htdy.renderers.typst_engine import TypstOptions, TypstRenderer

    with pytest.raises(RenderError) as exc:
        regs.renderers.get("typst")().render(full_cv, template=regs.templates.get("bold"), fmt="pdf")
    assert exc.value.code == "unsupported_format"
    with pytest.raises(RenderError) as exc:
        TypstRenderer(TypstOptions(max_pages=1)).render(full_cv, template=regs.templates.get("classic"), fmt="pdf")
    assert exc.value.code == "too_many_pages"
