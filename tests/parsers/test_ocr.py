"""The ``ocr_pdf`` parser: scanned CVs (image-only PDFs) read by tesseract into the same layout as a
text layer; without it, or without tesseract, an image-only PDF stays ``no_text_layer``.

Tests that run tesseract skip when it is not installed (fail under ``HTDY_REQUIRE_SERVICES=1``:
CI installs Debian's ``tesseract-ocr``, which brings the ``eng`` and ``osd`` packs)."""
from __future__ import annotations

import io
import shutil
import stat
from pathlib import Path

import cvfixtures
import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError, ParseError
from htdy.core.host.plugin_checks import check_config
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.host.testing import skip_or_fail
from htdy.core.services.parsing.pipeline import parse_document
from htdy.parsers.layout import ocr_backend as ob
from htdy.parsers.layout.ocr_layout import snap_sizes
from htdy.parsers.ocr import latin_packs
from htdy.parsers.training.ocr_set import image_pdf

OCR = {"parsing": {"parsers": {"pdf": "ocr_pdf", "docx": "docx", "text": "text"}}}


@pytest.fixture(scope="module")
def env():
    pm = get_plugin_manager(load_entrypoints=False)
    return pm, build_registries(pm)


def parse(env, data: bytes, settings: dict | None = None):
    pm, regs = env
    return parse_document(data, "cv.pdf", settings_from_dict(settings or {}, environ={}), regs, pm)


@pytest.fixture(scope="module")
def tesseract() -> str:
    path = shutil.which("tesseract")
    if path is None:
        skip_or_fail("tesseract is not installed (Debian: apt-get install tesseract-ocr)")
    return str(path)


@pytest.fixture(scope="module")
def text_pdf() -> bytes:
    return cvfixtures.render_pdf(cvfixtures.single_column_html(cvfixtures.CV_EN))


@pytest.fixture(scope="module")
def scanned(text_pdf) -> bytes:
    """The test CV printed and scanned: one grey 200-dpi image per page, no text layer."""
    return image_pdf(text_pdf, dpi=200)


def test_scanned_pdf_without_ocr_has_no_text_layer(env, scanned):
    with pytest.raises(ParseError) as exc:
        parse(env, scanned)
    assert exc.value.code == "no_text_layer"


def test_scanned_pdf_read_by_ocr(env, tesseract, scanned):
    r = parse(env, scanned, OCR)
    cv = cvfixtures.CV_EN
    assert r.resume["basics"]["name"] == cv["name"]
    assert r.resume["basics"]["email"] == cv["email"]
    assert "Northwind Logistics Ltd" in [w.get("name") for w in r.resume.get("work", [])]
    assert r.extras["backend"] == "tesseract"
    assert any("read by OCR (eng)" in w for w in r.extras["warnings"])


def test_text_layer_is_used_when_present(env, tesseract, text_pdf):
    """``ocr = "auto"``: a PDF with a text layer is parsed as the ``pdf`` parser does, no OCR."""
    assert parse(env, text_pdf, OCR).resume == parse(env, text_pdf).resume
    assert parse(env, text_pdf, OCR).extras["backend"] == "pdfium"


def test_only_pages_without_text_are_read(env, tesseract, text_pdf, scanned):
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(text_pdf), [0])
    mixed.import_pages(pdfium.PdfDocument(scanned), [0])
    buf = io.BytesIO()
    mixed.save(buf)
    r = parse(env, buf.getvalue(), OCR)
    assert r.extras["backend"] == "pdfium+tesseract"
    assert r.extras["page_count"] == 2
    assert any("1 page(s) read by OCR" in w for w in r.extras["warnings"])


def test_a_page_scanned_on_its_side_is_turned(env, tesseract, text_pdf):
    import pypdfium2 as pdfium

    if "osd" not in ob.installed_languages(tesseract):
        skip_or_fail("tesseract's osd pack is not installed (Debian: tesseract-ocr-osd)")
    page = pdfium.PdfDocument(text_pdf)[0]
    image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L").rotate(90, expand=True)
    buf = io.BytesIO()
    image.save(buf, "PDF", resolution=200.0)
    r = parse(env, buf.getvalue(), OCR)
    assert r.resume["basics"]["email"] == cvfixtures.CV_EN["email"]
    assert "Northwind Logistics Ltd" in [w.get("name") for w in r.resume.get("work", [])]


def test_enabling_ocr_without_tesseract_fails_at_start_up(env):
    _pm, regs = env
    settings = settings_from_dict({**OCR, "plugins": {"parsers": {"ocr_pdf": {"tesseract": "no-such-tesseract"}}}},
                                  "htdy.toml", environ={})
    with pytest.raises(ConfigError, match=r"htdy.toml: \[plugins.parsers.ocr_pdf\] OCR needs tesseract.*no-such-tesseract"):
        check_config(regs, settings, parsers_only=True)
    check_config(regs, settings_from_dict({}, environ={}), parsers_only=True)  # the default needs no tesseract


def test_a_language_pack_not_installed_fails_at_start_up(env, tesseract):
    _pm, regs = env
    settings = settings_from_dict({**OCR, "plugins": {"parsers": {"ocr_pdf": {"languages": ["eng", "xx_nope"]}}}},
                                  environ={})
    with pytest.raises(ConfigError, match="language pack.*xx_nope"):
        check_config(regs, settings, parsers_only=True)


def test_page_timeout(env, tmp_path: Path, scanned):
    slow = tmp_path / "slow-tesseract"
    slow.write_text('#!/bin/sh\nif [ "$1" = "--list-langs" ]; then printf "List of\\neng\\n"; exit 0; fi\n'
                    "sleep 10\n")
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    settings = {**OCR, "plugins": {"parsers": {"ocr_pdf": {"tesseract": str(slow), "page_timeout_s": 0.5}}}}
    with pytest.raises(ParseError) as exc:
        parse(env, scanned, settings)
    assert exc.value.code == "timeout"
    assert "page 1" in exc.value.message


# --------------------------------------------------------------------------- without tesseract
HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 2480 3508'>
<p class='ocr_par' lang='eng'>
<span class='ocr_line' title="bbox 300 400 1500 442; baseline 0 -8; x_size 42">
<span class='ocrx_word' title='bbox 300 420 310 430; x_wconf 40'>«</span>
<span class='ocrx_word' title='bbox 340 404 560 434; x_wconf 95'>Software</span>
<span class='ocrx_word' title='bbox 575 404 760 442; x_wconf 95'>develop-</span>
</span>
<span class='ocr_line' title="bbox 300 460 900 502; baseline 0 -8; x_size 42; x_descenders 8; x_ascenders 10">
<span class='ocrx_word' title='bbox 300 464 420 494; x_wconf 93'>ment</span>
<span class='ocrx_word' title='bbox 435 464 560 494; x_wconf 93'>team</span>
</span>
<span class='ocr_line' title="bbox 300 600 340 640; baseline 0 0; x_size 40; x_descenders 0; x_ascenders 0">
<span class='ocrx_word' title='bbox 300 600 340 640; x_wconf 45'>©</span>
</span>
<span class='ocr_line' title="bbox 300 700 900 740; baseline 0 0; x_size 40; x_descenders 0; x_ascenders 0">
<span class='ocrx_word' title='bbox 300 700 900 740; x_wconf 12'>~~=-</span>
</span>
</p></div></body></html>"""


def test_hocr_words_bullets_icons_and_hyphens():
    hocr = ob.parse_hocr(HOCR)
    lines = hocr.lines
    texts = [[w.text for w in ln.words] for ln in lines]
    assert texts[0] == ["•", "Software", "develop\ufffe"]  # a blob before the line is a bullet
    assert texts[1] == ["ment", "team"]  # … and "develop-" / "ment" a word broken at the line end
    assert texts[2] == ["\ue000"]  # a lone odd glyph is an icon
    assert len(lines) == 3 and hocr.noise == [((300, 700, 900, 740), 4)]  # a line of noise is dropped
    assert hocr.langs == {"eng": 30}


def test_sizes_snap_to_the_body_size():
    sizes = snap_sizes([(9.9, 500), (10.1, 400), (10.3, 20), (14.2, 30), (13.8, 12), (26.0, 10)])
    assert sizes[9.9] == sizes[10.1] == sizes[10.3] == 10.0
    assert sizes[14.2] == sizes[13.8] == 14.0
    assert sizes[26.0] == 26.0


@pytest.mark.parametrize("text,packs", [
    ("Work experience at Acme and the university", ["eng"]),
    ("Berufserfahrung bei der Firma und die Ausbildung seit 2019", ["deu"]),
    ("Doswiadczenie zawodowe oraz wyksztalcenie w firmie jako programista", ["pol"]),
    ("Pracovni zkusenosti a vzdelani, jazyky a dovednosti pro firmu", ["ces"]),
    ("2019 2020 Python", []),
])
def test_latin_language_picks_the_packs(text, packs):
    assert latin_packs(text) == packs
