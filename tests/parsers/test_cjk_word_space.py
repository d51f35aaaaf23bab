"""A space between CJK words ("鈴木 健一") survives though a CJK font's space is narrower than a
Latin word gap and a browser's PDF holds no space glyph; evenly tracked CJK text is not cut."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser
from htdy.parsers.training.families._chromium_print import print_pdf

from .cvfixtures import render_pdf


@pytest.fixture(params=["weasyprint", "chromium"])
def engine(request, monkeypatch, tmp_path):
    """WeasyPrint writes a space glyph; Chromium's PDF holds none (pdfium makes one up)."""
    if request.param == "weasyprint":
        return render_pdf
    monkeypatch.setenv("HTDY_CHROMIUM_CLI", "1")  # one Chromium process, no event loop left behind

    def chromium(html: str) -> bytes:
        print_pdf(html, tmp_path / "cv.pdf")
        return (tmp_path / "cv.pdf").read_bytes()
    return chromium

BODY = "<h2>職歴</h2><p>株式会社サンプル 営業 2019年4月 – 2022年3月</p><h2>学歴</h2><p>東京大学 経済学部 2015年 – 2019年</p>"


def _resume(head: str, render=render_pdf) -> dict:
    html = (f"<html><body style='font-family:\"Noto Sans CJK JP\",sans-serif;font-size:10pt'>{head}"
            f"<p>suzuki.kenichi@example.jp</p>{BODY}</body></html>")
    return PdfParser(PdfParser.Options()).parse(render(html), filename="cv.pdf").resume


@pytest.mark.parametrize("size", ["14pt", "36pt"])
@pytest.mark.parametrize("spacing", ["normal", "-0.06em"])  # -0.06em: a CJK face with a narrow space glyph
def test_a_japanese_name_keeps_its_space(size, spacing, engine):
    head = f"<div style='font-size:{size};word-spacing:{spacing}'>鈴木 健一</div>"
    assert _resume(head, engine)["basics"]["name"] == "鈴木 健一"


def test_an_unspaced_name_stays_unspaced(engine):
    assert _resume("<div style='font-size:30pt'>鈴木健一</div>", engine)["basics"]["name"] == "鈴木健一"


def test_evenly_tracked_cjk_is_not_cut_into_words(engine):
    resume = _resume("<div style='font-size:30pt;letter-spacing:0.15em'>鈴木健一</div>", engine)
    assert resume["basics"]["name"] == "鈴木健一"
