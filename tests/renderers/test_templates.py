"""Every built-in template renders every format for a full and a sparse CV."""
from __future__ import annotations

import html as _html
import re
from typing import Any

import pypdfium2
import pytest

BUILTIN_TEMPLATES = ("academic", "bold", "classic", "compact", "modern")

PAPER = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}


def render(regs: Any, engine: str, template_id: str, cv: dict[str, Any], fmt: str, **options: Any) -> Any:
    renderer = regs.renderers.get(engine)()
    return renderer.render(cv, template=regs.templates.get(template_id), fmt=fmt, options=options or None)


def pdf_text(pdf: bytes) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    return "\n".join(p.get_textpage().get_text_range() for p in doc)


def pdf_catalog_and_uris(pdf: bytes) -> tuple[dict[str, Any], set[str]]:
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    uris = set()
    for page in PDFPage.create_pages(doc):
        for annot in resolve1(page.annots) or []:
            action = resolve1(resolve1(annot).get("A")) or {}
            if action.get("URI"):
                uris.add(resolve1(action["URI"]).decode())
    return {k: resolve1(v) for k, v in doc.catalog.items()}, uris


def pdf_fonts(pdf: bytes) -> dict[str, bool]:
    """BaseFont name -> whether its font program is embedded."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    fonts: dict[str, bool] = {}
    for page in PDFPage.create_pages(doc):
        for font in (resolve1(page.resources.get("Font")) or {}).values():
            font = resolve1(font)
            desc_font = resolve1((resolve1(font.get("DescendantFonts")) or [font])[0])
            desc = resolve1(desc_font.get("FontDescriptor")) or {}
            name = resolve1(font.get("BaseFont")).name
            fonts[name] = any(k in desc for k in ("FontFile", "FontFile2", "FontFile3"))
    return fonts


def headings(html: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", html)


def test_hook_htdy_register_renderers_and_templates_builtin(regs: Any) -> None:
    ids = set(regs.templates.names())
    assert set(BUILTIN_TEMPLATES) <= ids
    for tid in BUILTIN_TEMPLATES:
        t = regs.templates.get(tid)
        assert t.version and t.name and t.description and t.preview
        assert {"accent", "fonts", "page_size", "section_order", "hide", "photo", "date_format"} <= set(t.options)
        assert {"html", "pdf", "md", "txt"} <= set(t.engines)
    assert sum("typst" in regs.templates.get(t).engines for t in BUILTIN_TEMPLATES) >= 2
    assert {"html", "pdf", "typst", "md", "txt"} <= set(regs.renderers.names())


@pytest.mark.parametrize("tid", BUILTIN_TEMPLATES)
def test_html_full_and_sparse(regs: Any, tid: str, full_cv: dict, sparse_cv: dict) -> None:
    html = render(regs, "html", tid, full_cv, "html").content.decode()
    assert html.startswith("<!DOCTYPE html>") and 'lang="en"' in html
    for title in ("Experience", "Education", "Skills", "Publications", "Talks", "Grants", "References"):
        assert f"<h2>{title}</h2>" in html
    for value in ("Maintainer", "Mention très bien", "Distributed systems; Compilers", "Expert", "bouldering",
                  "proudest of", "cncf.io/certification/cka", "Code Club Lyon", "EuroSys Workshop on Data Systems",
                  "Cloud Native Computing Foundation", "doi.example.org/10.1000/xyz123", "Professional",
                  "Région Auvergne-Rhône-Alpes", "PyCon France", "github.com/anovak/pgstream", "Lyon"):
        assert _html.escape(value, quote=True) in html, value  # every JSON Resume field that has a place
    assert "@font-face" in html and "data:font/" in html  # standalone: fonts inlined
    assert "htdy-asset:" not in html and "http://" not in html.split("<body")[0]
    sparse = render(regs, "html", tid, sparse_cv, "html").content.decode()
    assert [h for h in headings(sparse) if h != "Contact"] == ["Experience"]  # nothing for empty sections
    assert "<ul class=\"e-hl\"></ul>" not in sparse and "<ul></ul>" not in sparse
    assert not re.search(r"<(p|span|li|h3)[^>]*>\s*</\1>", sparse.split("<body", 1)[1])
    assert "·  </" not in sparse


@pytest.mark.parametrize("tid", BUILTIN_TEMPLATES)
def test_pdf_full_sparse_sizes_metadata_links_fonts(regs: Any, tid: str, full_cv: dict, sparse_cv: dict) -> None:
    for size in ("a4", "letter"):
        out = render(regs, "pdf", tid, full_cv, "pdf", page_size=size)
        doc = pypdfium2.PdfDocument(out.content)
        assert len(doc) == out.pages >= 1
        w, h = doc[0].get_size()
        assert (round(w, 1), round(h, 1)) == pytest.approx(PAPER[size], abs=1)
    meta = doc.get_metadata_dict()
    assert meta["Title"] == "Amélie Novak-Fernández – CV"
    assert meta["Author"] == "Amélie Novak-Fernández"
    raw = out.content
    catalog, uris = pdf_catalog_and_uris(raw)
    assert catalog["Lang"] == b"en"
    assert {"https://github.com/anovak", "mailto:amelie.novak@example.org", "tel:+33612345678"} <= uris
    fonts = pdf_fonts(raw)
    assert fonts and all(fonts.values()), fonts  # every font embedded (subset)
    assert all(re.match(r"[A-Z]{6}\+htdy-(sans|serif|inter)", f) for f in fonts), fonts
    text = pdf_text(raw)
    for needle in ("Amélie Novak-Fernández", "Staff Software Engineer", "Quantix Analytics",
                   "Ελληνικά", "русский", "Université Claude Bernard Lyon 1"):
        assert needle in text
    sparse = render(regs, "pdf", tid, sparse_cv, "pdf")
    stext = pdf_text(sparse.content).lower()
    assert "experience" in stext and "education" not in stext and "skills" not in stext


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_markdown_and_text(regs: Any, fmt: str, full_cv: dict, sparse_cv: dict) -> None:
    full_cv["basics"]["label"] = "Engineer *not bold* [x](javascript:alert(1))"
    out = render(regs, fmt, "classic", full_cv, fmt).content.decode()
    assert "Amélie Novak-Fernández" in out and "Quantix Analytics" in out
    if fmt == "md":
        assert out.startswith("# Amélie") and "## Experience" in out
        assert r"\*not bold\*" in out and r"\[x\](javascript:alert(1))" in out  # no link, no emphasis
        assert " · +33 6 12 34 56 78 · " in out and "(Ελληνικά, русский)" in out
    sparse = render(regs, fmt, "classic", sparse_cv, fmt).content.decode()
    assert "Education" not in sparse and "EDUCATION" not in sparse and "Skills" not in sparse


def test_options_order_hide_dates_language_fonts(regs: Any, full_cv: dict) -> None:
    html = render(regs, "html", "classic", full_cv, "html", section_order="skills,education",
                  hide="references,interests", date_format="long", accent="#ff0066", fonts="inter").content.decode()
    hs = headings(html)
    assert hs[:2] == ["Skills", "Education"] and "References" not in hs and "Interests" not in hs
    assert "March 2021" in html and "color:#ff0066" in html and "htdy-inter" in html
    full_cv["meta"] = {"language": "fr"}
    fr = render(regs, "html", "classic", full_cv, "html").content.decode()
    assert "<h2>Expérience professionnelle</h2>" in fr and "mars 2021 – aujourd'hui" in fr
    de = render(regs, "html", "classic", full_cv, "html", lang="de", date_format="long").content.decode()
    assert "März 2021 – heute" in de and 'lang="de"' in de
    num = render(regs, "txt", "classic", full_cv, "txt", date_format="numeric").content.decode()
    assert "03/2021" in num


def test_bad_options_rejected(regs: Any, full_cv: dict) -> None:
    from htdy.core.host.errors import RenderError

    for opts in ({"accent": "red;}body{background:url(http://x)}"}, {"page_size": "a3"}, {"nope": "1"},
                 {"section_order": "work,<script>"}, {"lang": "en\"><script>"}):
        with pytest.raises(RenderError) as exc:
            render(regs, "html", "classic", full_cv, "html", **opts)
        assert exc.value.code == "invalid_option"


def test_photo_only_small_data_images(regs: Any, full_cv: dict) -> None:
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "#3366aa").save(buf, "PNG")
    full_cv["basics"]["image"] = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
    html = render(regs, "html", "modern", full_cv, "html", photo="true").content.decode()
    assert 'class="photo" src="data:image/png;base64,' in html
    pdf = render(regs, "pdf", "modern", full_cv, "pdf", photo="true").content
    assert b"/Subtype /Image" in pdf
    off = render(regs, "html", "modern", full_cv, "html", photo="false").content.decode()
    assert 'class="photo"' not in off
    for bad in ("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "data:image/png;base64,bm90IGEgcG5n",
                "data:image/png;base64," + "A" * 800_000, "https://example.org/me.png", "file:///etc/passwd"):
        full_cv["basics"]["image"] = bad
        html = render(regs, "html", "modern", full_cv, "html", photo="true").content.decode()
        assert 'class="photo"' not in html


def test_cjk_fallback_only_when_needed(regs: Any, full_cv: dict) -> None:
    plain = render(regs, "html", "classic", full_cv, "html").content.decode()
    assert "htdy-cjk" not in plain
    full_cv["basics"]["name"] = "山田 太郎"
    pdf = render(regs, "pdf", "classic", full_cv, "pdf").content
    assert "山田 太郎" in pdf_text(pdf)
    assert any("htdy-cjk" in f for f in pdf_fonts(pdf))


@pytest.mark.parametrize("tid", BUILTIN_TEMPLATES)
def test_compiled_mustache_matches_chevron(regs: Any, tid: str, full_cv: dict, sparse_cv: dict) -> None:
    """The compiled renderer is an optimisation of chevron, not a different language."""
    import chevron

    from htdy.renderers import context
    from htdy.renderers.html import compiled
    from htdy.renderers.manifest import resolve_options

    t = regs.templates.get(tid)
    render_fn, _css, source = compiled(t)
    full_cv["basics"]["summary"] = '<b>x</b> & "quotes" {{t.contact}}'
    for cv in (full_cv, sparse_cv):
        view = context.build_view(cv, resolve_options(t, {"photo": "true"}),
                                  sidebar=tuple(t.manifest.get("sidebar", ())),
                                  separators=t.manifest.get("separators"))
        view["template_id"] = tid
        assert render_fn(view) == chevron.render(source, view)


@pytest.mark.parametrize("tid,engine", [(t, "pdf") for t in BUILTIN_TEMPLATES] + [("classic", "typst"),
                                                                               ("compact", "typst")])
def test_headings_never_end_a_page(regs: Any, tid: str, engine: str) -> None:
    """A job's heading and dates stay with its first lines; section titles with content."""
    import json
    from pathlib import Path

    ref = Path(__file__).resolve().parents[3] / "shared" / "perf-reference" / "cv_5page.json"
    if not ref.exists():
        pytest.skip("shared/perf-reference not available")
    cv = json.loads(ref.read_text())
    out = render(regs, engine, tid, cv, "pdf")
    doc = pypdfium2.PdfDocument(out.content)
    assert len(doc) >= 2
    starts = tuple(w["position"] for w in cv["work"]) + tuple(e["institution"] for e in cv["education"])
    titles = {"experience", "education", "skills", "languages", "profile"}
    for i in range(len(doc) - 1):
        lines = [ln.strip() for ln in doc[i].get_textpage().get_text_range().splitlines() if ln.strip()]
        lines = [ln for ln in lines if not re.match(r"^Page \d+ of \d+$", ln)]
        last = lines[-1]
        assert not last.startswith(starts), (i, last)
        assert last.lower() not in titles, (i, last)
        assert not re.match(r"^[\w ]*\d{4}( – (\d{4}|Present))?( · [\w ]+)?$", last), (i, last)


def font_tables(font: Any) -> dict[str, bytes]:
    """Every table of a fontTools font, compiled (``head`` without the fields a WOFF2
    container rewrites: checksum adjustment and the "transformed" flag)."""
    out = {}
    for tag in font.keys():
        if tag == "GlyphOrder":
            continue
        if tag == "head":
            head = font["head"]
            out[tag] = repr(sorted((k, v) for k, v in vars(head).items()
                                   if k not in ("checkSumAdjustment", "flags", "tableTag"))).encode()
        else:
            out[tag] = font[tag].compile(font)
    return out


def test_preview_and_pdf_use_the_same_font_files(regs: Any, full_cv: dict) -> None:
    """The HTML preview inlines the packaged fonts the PDF engine loads, as WOFF2: the
    same tables, about a third of the bytes."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    from htdy.renderers.assets import FONTS_DIR, faces_for

    html = render(regs, "html", "modern", full_cv, "html", fonts="mixed").content.decode()
    assert not re.search(r"data:font/(?:ttf|otf);", html)
    inlined = [base64.b64decode(m) for m in re.findall(r'data:font/woff2;base64,([A-Za-z0-9+/=]+)"\) format\("woff2"\)',
                                                       html)]
    files = sorted({f for _, _, _, f in faces_for("mixed", cjk=False)})
    assert len(inlined) == len(files) == 4  # sans regular, bold, italic; serif bold (headings)
    assert sum(map(len, inlined)) < 0.45 * sum((FONTS_DIR / f).stat().st_size for f in files)
    by_name = {TTFont(io.BytesIO(w))["name"].getDebugName(4): w for w in inlined}
    for f in files:
        source = TTFont(FONTS_DIR / f)
        woff = TTFont(io.BytesIO(by_name[source["name"].getDebugName(4)]))
        assert woff.flavor == "woff2" and woff.getGlyphOrder() == source.getGlyphOrder(), f
        assert woff.getBestCmap() == source.getBestCmap() and woff["hmtx"].metrics == source["hmtx"].metrics, f
        if f in ("NotoSans-Regular.ttf", "NotoSerif-Bold.ttf"):  # every table (slow: ~1.5 s a font)
            assert font_tables(woff) == font_tables(source), f
    pdf_fonts_used = pdf_fonts(render(regs, "pdf", "modern", full_cv, "pdf", fonts="mixed").content)
    assert {re.match(r"[A-Z]{6}\+(htdy-[a-z]+)", f).group(1) for f in pdf_fonts_used} == {"htdy-serif", "htdy-sans"}


def test_compact_is_one_page_first(regs: Any, full_cv: dict) -> None:
    """The sample CV has every section; compact still fits it on one page (both engines)."""
    assert render(regs, "pdf", "compact", full_cv, "pdf").pages == 1
    assert render(regs, "typst", "compact", full_cv, "pdf").pages == 1
    assert render(regs, "pdf", "classic", full_cv, "pdf").pages == 2
