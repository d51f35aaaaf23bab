"""The WeasyPrint engine's per-render savings change cost, not output: lean user-agent
stylesheet, expat for XHTML templates, level-6 deflate, text bullets, WOFF2 for HTML.
Every PDF still has a copyable text layer and embedded, subset fonts."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from htdy.renderers import assets
from htdy.renderers import pdf as pdf_engine
from htdy.renderers.html import build_document, compiled

from .test_templates import BUILTIN_TEMPLATES, pdf_fonts, pdf_text, render

PERF_REF = Path(__file__).resolve().parents[3] / "shared" / "perf-reference"


def _cvs(full_cv: dict[str, Any], sparse_cv: dict[str, Any]) -> dict[str, Any]:
    out = {"full": full_cv, "sparse": sparse_cv}
    for n in ("2page", "5page"):
        if (PERF_REF / f"cv_{n}.json").exists():
            out[n] = json.loads((PERF_REF / f"cv_{n}.json").read_text(encoding="utf-8"))
    return out


def test_lean_user_agent_stylesheet_drops_universal_pseudo_rules() -> None:
    from weasyprint import html as wp_html

    lean = pdf_engine.lean_ua_css(wp_html.UA)
    assert lean is not None and not re.search(r"^::", lean, re.M)
    assert "::footnote-call" in wp_html.UA and "::footnote-call" not in lean
    assert re.search(r"^li::marker \{ font-variant-numeric: tabular-nums; white-space: pre; text-transform: none \}",
                     lean, re.M)
    removed = set(wp_html.UA.splitlines()) - set(lean.splitlines())
    added = set(lean.splitlines()) - set(wp_html.UA.splitlines())
    assert len(removed) == 6 and all(line.startswith("::") for line in removed)  # nothing else changes
    assert added == {"li::marker { font-variant-numeric: tabular-nums; white-space: pre; text-transform: none }"}
    assert pdf_engine.lean_ua_css("p { color: red }") is None  # not WeasyPrint's sheet: leave it alone
    cls = pdf_engine.html_class()
    assert cls.__name__ == "LeanHTML" and callable(cls.from_tree)


def test_native_list_markers_still_drawn(regs: Any, full_cv: dict) -> None:
    """modern and bold keep coloured ::marker bullets ("bullet": ""): li::marker survives
    the lean user-agent stylesheet."""
    html = render(regs, "html", "modern", full_cv, "html").content.decode()
    assert '<ul class="e-hl"><li>' in html and "\u2022" not in html.split("<body")[1]
    text = pdf_text(render(regs, "pdf", "modern", full_cv, "pdf").content)
    bullets = [ln for ln in text.splitlines() if ln.lstrip().startswith("\u2022")]
    assert len(bullets) >= sum(len(w.get("highlights") or []) for w in full_cv["work"])


@pytest.mark.parametrize("tid", ["classic", "compact", "academic"])
def test_text_bullets_hang_and_reach_the_text_layer(regs: Any, full_cv: dict, tid: str) -> None:
    html = render(regs, "html", tid, full_cv, "html").content.decode()
    first = full_cv["work"][0]["highlights"][0]
    assert f'<ul class="e-hl e-hl-text"><li>\u2022\u00a0{first}' in html
    assert re.search(r"\.e-hl-text li\{list-style:none;text-indent:-0\.\d+em\}", html)
    text = pdf_text(render(regs, "pdf", tid, full_cv, "pdf").content)
    assert re.search(r"^\s*\u2022\s+" + re.escape(first[:30]), text, re.M)


def test_bullet_hang_is_the_bullet_advance() -> None:
    """The hanging indent equals the advance of "•" + no-break space in each body font,
    so wrapped lines of a highlight align with its first word."""
    from fontTools.ttLib import TTFont

    for family in {body for _, body in assets.PAIRS.values()}:
        font = TTFont(assets.FONTS_DIR / assets.FAMILIES[family][("400", "normal")])
        cmap, upm = font.getBestCmap(), font["head"].unitsPerEm
        advance = sum(font["hmtx"][cmap[ord(c)]][0] for c in "\u2022\u00a0") / upm
        assert assets.BULLET_HANG_EM[family] == pytest.approx(advance, abs=0.001), family
    assert assets.bullet_hang("inter") == "-0.844em" and assets.bullet_hang("mixed") == "-0.636em"


def test_compiled_layout_has_no_whitespace_only_lines(regs: Any) -> None:
    for tid in BUILTIN_TEMPLATES:
        body = compiled(regs.templates.get(tid))[2]
        assert "\n" not in body, tid


@pytest.mark.parametrize("tid", BUILTIN_TEMPLATES)
def test_xhtml_fast_path_builds_the_html5_tree_and_the_same_pdf(regs: Any, full_cv: dict, sparse_cv: dict,
                                                                tid: str) -> None:
    """Built-in templates declare "xhtml": expat's tree equals the HTML5 parser's for
    every CV, and the PDF is byte-for-byte the one the HTML5 parser's tree gives."""
    import tinyhtml5

    template = regs.templates.get(tid)
    assert template.manifest.get("xhtml") is True

    def canon(e: Any) -> Any:
        return (e.tag, sorted(e.attrib.items()), e.text or "", [canon(c) for c in e], e.tail or "")

    for name, cv in _cvs(full_cv, sparse_cv).items():
        doc, view, opts = build_document(cv, template, {"photo": "true"} if "photo" in template.options else None,
                                         inline_assets=False)
        root = pdf_engine.parse_xhtml(doc)
        assert root is not None, (tid, name)
        assert canon(root) == canon(tinyhtml5.parse(doc, namespace_html_elements=False)), (tid, name)
    sheets = pdf_engine.stylesheets(template, opts, view["lang"], view["cjk"])
    fast = pdf_engine.weasy_render(doc, template.path, "", 20, sheets, xhtml=True)
    slow = pdf_engine.weasy_render(doc, template.path, "", 20, sheets, xhtml=False)
    assert fast == slow


def test_xhtml_fallback_for_markup_expat_rejects(regs: Any) -> None:
    assert pdf_engine.parse_xhtml("<html><body><p>a&nbsp;b</p></body></html>") is None
    assert pdf_engine.parse_xhtml("<html><body><input disabled></body></html>") is None
    tree = pdf_engine.parse_xhtml('<html><head><meta charset="utf-8"></head><body><img src="x" alt=""><br></body></html>')
    assert isinstance(tree, ET.Element) and [e.tag for e in tree.iter()] == ["html", "head", "meta", "body", "img", "br"]
    template = regs.templates.get("classic")
    out, pages = pdf_engine.weasy_render("<html><body><p>caf&eacute;&nbsp;au lait</p></body></html>",
                                         template.path, "", 5, xhtml=True)
    assert pages == 1 and "café au lait" in pdf_text(out).replace("\u00a0", " ")


def test_release_removes_weasyprint_font_folder(regs: Any, sparse_cv: dict) -> None:
    """At exit (also a pool worker's) the font configuration is dropped while WeasyPrint
    can still delete the temporary folder it copied the @font-face files into."""
    render(regs, "pdf", "classic", sparse_cv, "pdf")
    folder = pdf_engine._STATE["fc"]._folder
    assert folder is not None and Path(folder).is_dir()
    pdf_engine.release()
    assert not Path(folder).exists() and "fc" not in pdf_engine._STATE
    assert render(regs, "pdf", "classic", sparse_cv, "pdf").pages == 1  # a later render starts afresh


def test_deflate_finisher_compresses_what_pydyf_would() -> None:
    import pydyf

    pdf = pydyf.PDF()
    content = pydyf.Stream([b"BT", b"/F1 12 Tf", b"(hello) Tj", b"ET"] * 50, compress=True)
    plain = pydyf.Stream([b"raw"], compress=False)
    jpeg = pydyf.Stream([b"\xff\xd8 not really"], {"Filter": "/DCTDecode"}, compress=True)
    for s in (content, plain, jpeg):
        pdf.add_object(s)
    pdf_engine.deflate_streams(None, pdf)
    assert content.extra["Filter"] == "/FlateDecode" and not content.compress
    assert zlib.decompress(content.stream[0]) == b"\n".join([b"BT", b"/F1 12 Tf", b"(hello) Tj", b"ET"] * 50)
    assert plain.stream == [b"raw"] and "Filter" not in plain.extra
    assert jpeg.extra["Filter"] == "/DCTDecode" and jpeg.compress  # already encoded: untouched


@pytest.mark.parametrize("tid", BUILTIN_TEMPLATES)
def test_pdf_keeps_text_layer_and_embedded_subset_fonts(regs: Any, full_cv: dict, tid: str) -> None:
    out = render(regs, "pdf", tid, full_cv, "pdf")
    raw = out.content
    assert raw.startswith(b"%PDF") and b"/FlateDecode" in raw
    text = pdf_text(raw)
    for value in (full_cv["basics"]["name"], full_cv["work"][0]["name"], full_cv["education"][0]["institution"]):
        assert value in text, (tid, value)
    fonts = pdf_fonts(raw)
    assert fonts and all(fonts.values()), fonts  # every font program embedded
    assert all(re.match(r"[A-Z]{6}\+htdy-", f) for f in fonts), fonts  # subset, packaged families only
    doc = pypdfium2.PdfDocument(raw)
    assert len(doc) == out.pages
    bitmap = doc[0].render(scale=0.5).to_pil()  # every stream decodes: the page draws
    assert bitmap.getextrema() != ((255, 255), (255, 255), (255, 255))


def test_woff2_copies_are_current() -> None:
    """Every packaged font has a pre-built WOFF2 copy made from exactly that file."""
    import hashlib

    sources = json.loads(assets.WOFF2_SOURCES.read_text(encoding="utf-8"))
    for name in assets.font_files():
        woff = assets.woff2_name(name)
        assert sources[woff]["source"] == name
        assert sources[woff]["sha256"] == hashlib.sha256((assets.FONTS_DIR / name).read_bytes()).hexdigest(), (
            f"{name} changed: run python -m htdy.renderers.assets")
        mime, data = assets.web_font(name)
        assert mime == "font/woff2" and data[:4] == b"wOF2" and data == (assets.FONTS_DIR / woff).read_bytes()


def test_web_font_falls_back_without_a_current_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "NotoSans-Regular.ttf"
    monkeypatch.setattr(assets, "_woff2_sources", lambda: {})  # as if the TTF had changed
    assets.web_font.cache_clear()
    try:
        monkeypatch.setattr(assets, "compress_woff2", lambda data: b"wOF2-made-now")
        assert assets.web_font(name) == ("font/woff2", b"wOF2-made-now")
        assets.web_font.cache_clear()
        monkeypatch.setattr(assets, "compress_woff2", lambda data: None)  # no brotli
        assert assets.web_font(name) == ("font/ttf", (assets.FONTS_DIR / name).read_bytes())
    finally:
        assets.web_font.cache_clear()
