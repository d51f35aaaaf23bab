"""Templates in the CV's language: month names (CLDR via Babel), "present", section titles
and labels follow ``meta.language`` or the ``lang`` option, in every template and engine;
Arabic is laid out right to left."""
from __future__ import annotations

import html as _html
import json
import re
import unicodedata
from typing import Any

import pytest

from htdy.renderers import i18n

from .test_templates import BUILTIN_TEMPLATES, pdf_fonts, pdf_text, render

# the 16 languages the parser reads
PARSER_LANGS = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "cs", "sv", "tr", "ru", "ar", "zh", "ja", "ko")

# words each language must show: titles of the sections below, a month, "present", the
# page label of the PDF footer. Arabic words with a lam-alef ligature are left out of the
# PDF checks: PDF text extraction returns that ligature's letters in another order; and
# Arabic words are checked one by one, as extraction may give a line's words in visual order.
EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {"both": ("Berufserfahrung", "Ausbildung", "Kenntnisse", "Nov. 2021 – heute", "Okt. 2015 – Juli 2019"),
           "pdf": ("Seite 1 von 1",)},
    "ja": {"both": ("職歴", "学歴", "スキル", "2021年11月 – 現在", "2015年10月 – 2019年7月"),
           "pdf": ("ページ 1 / 1",)},
    "ar": {"both": ("الخبرة", "العملية", "التعليم", "المهارات", "نوفمبر 2021", "أكتوبر 2015 – يوليو 2019"),
           "html": ("حتى الآن",), "pdf": ("صفحة 1 من 1",)},
}
ENGLISH = ("Experience", "Education", "Present", "Nov 2021")


def cv(lang: str) -> dict[str, Any]:
    return {"meta": {"language": lang},
            "basics": {"name": "Test Person", "email": "test@example.org"},
            "work": [{"name": "ACME", "position": "Developer", "startDate": "2021-11"}],
            "education": [{"institution": "Uni", "area": "CS", "startDate": "2015-10", "endDate": "2019-07"}],
            "skills": [{"name": "Python"}]}


def squash(text: str) -> str:
    """Compare text as read, not as laid out: NFKC (Arabic presentation forms → letters),
    case-folded (templates upper-case titles), no whitespace (letter-spacing and
    Typst's CJK spacing come out as spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def html_text(raw: bytes) -> str:
    body = raw.decode().split("<body", 1)[1]
    return _html.unescape(re.sub(r"<[^>]+>", " ", body))


ENGINES = [("html", t, "html") for t in BUILTIN_TEMPLATES] + [("pdf", t, "pdf") for t in BUILTIN_TEMPLATES] + [
    ("typst", t, "pdf") for t in ("classic", "compact", "modern")]


def output_text(regs: Any, engine: str, template: str, resume: dict[str, Any], fmt: str, **opts: Any) -> str:
    # month names are the point here: compact's default date format is numeric (11/2021)
    out = render(regs, engine, template, resume, fmt, **{"date_format": "month_year", **opts})
    return html_text(out.content) if fmt == "html" else pdf_text(out.content)


def test_every_parser_language_has_every_label_and_cldr_months() -> None:
    english = i18n.titles("en")
    for lang in PARSER_LANGS:
        own = json.loads(i18n.LABELS_FILE.read_text(encoding="utf-8"))[lang]
        assert set(own) == set(english), lang
        if lang != "en":
            assert i18n.title("work", lang) != english["work"], lang
            assert i18n.present(lang) != english["present"], lang
        assert i18n._locale(lang).language == lang  # Babel knows it: no silent English months


@pytest.mark.parametrize(("lang", "expected"), [
    ("de", "Nov. 2021 – heute"), ("en", "Nov 2021 – Present"), ("fr", "nov. 2021 – aujourd'hui"),
    ("ja", "2021年11月 – 現在"), ("ko", "2021년 11월 – 현재"), ("tr", "Kas 2021 – halen"),
    ("pt-BR", "nov. de 2021 – atual"), ("xx", "Nov 2021 – Present"),
])
def test_date_range_in_the_language(lang: str, expected: str) -> None:
    assert i18n.date_range("2021-11", None, lang, "month_year") == expected


def test_date_formats() -> None:
    assert i18n.format_date("2021-11-03", "de", "long") == "November 2021"
    assert i18n.format_date("2021-11", "de", "numeric") == "11/2021"
    assert i18n.format_date("2021", "de") == "2021"
    assert i18n.format_date("Sommer 2021", "de") == "Sommer 2021"  # human text is kept
    assert i18n.date_range("2015-10", "2019-07", "cs", "long") == "říjen 2015 – červenec 2019"


@pytest.mark.parametrize("lang", sorted(EXPECTED))
@pytest.mark.parametrize(("engine", "template", "fmt"), ENGINES)
def test_templates_speak_the_cv_language(regs: Any, engine: str, template: str, fmt: str, lang: str) -> None:
    text = squash(output_text(regs, engine, template, cv(lang), fmt))
    words = EXPECTED[lang]["both"] + EXPECTED[lang].get("html" if fmt == "html" else "pdf", ())
    missing = [w for w in words if squash(w) not in text]
    assert not missing, (engine, template, lang, missing)
    assert not [w for w in ENGLISH if squash(w) in text]


@pytest.mark.parametrize(("engine", "template", "fmt"), ENGINES)
def test_lang_option_overrides_meta_language(regs: Any, engine: str, template: str, fmt: str) -> None:
    text = squash(output_text(regs, engine, template, cv("de"), fmt, lang="ja"))
    assert squash("2021年11月 – 現在") in text and squash("職歴") in text
    assert squash("Berufserfahrung") not in text and squash("heute") not in text


@pytest.mark.parametrize("engine", ["html", "pdf", "typst"])
def test_numeric_dates_still_say_present_in_the_language(regs: Any, engine: str) -> None:
    fmt = "html" if engine == "html" else "pdf"
    text = squash(output_text(regs, engine, "compact", cv("de"), fmt, date_format="numeric"))
    assert squash("11/2021 – heute") in text and squash("10/2015 – 07/2019") in text


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES)
def test_arabic_is_right_to_left_with_an_arabic_font(regs: Any, template: str) -> None:
    page = render(regs, "html", template, cv("ar"), "html").content.decode()
    assert re.search(r'<html lang="ar" dir="rtl">', page)
    assert "htdy-arabic" in page  # the inlined Noto Sans Arabic
    assert 'dir="ltr"' in render(regs, "html", template, cv("de"), "html").content.decode()
    assert "htdy-arabic" not in render(regs, "html", template, cv("de"), "html").content.decode()
    fonts = pdf_fonts(render(regs, "pdf", template, cv("ar"), "pdf").content)
    assert any("htdy-arabic" in f for f in fonts), fonts  # WeasyPrint names it by its CSS family


def test_typst_arabic_uses_the_arabic_font(regs: Any) -> None:
    for template in ("classic", "compact", "modern"):
        fonts = pdf_fonts(render(regs, "typst", template, cv("ar"), "pdf").content)
        assert any("NotoSansArabic" in f for f in fonts), (template, fonts)


LONG_URL = "https://example.org/a-very-long-path/without-spaces/that-runs-on-and-on/index.html"
LONG_MAIL = "firstname.middlename.lastname.department@subdomain.example-university.org"


def char_boxes(pdf: bytes, needle: str) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each character of ``needle`` on page 1, found in the
    page's text with line breaks and hyphens the layout added ignored."""
    import pypdfium2

    page = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    # pdfium reports a hyphen that ends a line as U+FFFE
    chars = [(page.get_text_range(i, 1).replace("\ufffe", "-"), i) for i in range(page.count_chars())]
    kept = [(c, i) for c, i in chars if c.strip()]
    flat = "".join(c for c, _ in kept)
    start = flat.find(needle)
    assert start >= 0, (needle, flat[:400])
    return [page.get_charbox(i) for _, i in kept[start:start + len(needle)]]


@pytest.mark.parametrize("engine", ["pdf", "typst"])
def test_long_url_and_address_stay_left_of_the_main_column_in_the_pdf(regs: Any, engine: str) -> None:
    resume = cv("en")
    resume["basics"].update(url=LONG_URL, email=LONG_MAIL)
    resume["work"][0]["summary"] = "Main column text " * 20
    pdf = render(regs, engine, "modern", resume, "pdf").content
    main_left = min(b[0] for b in char_boxes(pdf, "Maincolumntext"))
    assert "\u200b" not in pdf_text(pdf)  # the address copies out whole
    for needle in (LONG_URL.removeprefix("https://"), LONG_MAIL):
        boxes = char_boxes(pdf, needle)
        assert len({round(b[1]) for b in boxes}) >= 2, "expected the string to wrap onto several lines"
        assert max(b[2] for b in boxes) < main_left, (needle, max(b[2] for b in boxes), main_left)


def layout_boxes(regs: Any, resume: dict[str, Any]) -> Any:
    """WeasyPrint's laid-out page 1 of the modern template, exactly as the PDF engine builds it."""
    from htdy.renderers import assets
    from htdy.renderers import pdf as pdf_engine
    from htdy.renderers.html import build_document

    template = regs.templates.get("modern")
    doc, view, opts = build_document(resume, template, None, inline_assets=False)
    sheets = pdf_engine.stylesheets(template, opts, view["lang"], view["cjk"], view["arabic"])
    source = pdf_engine.html_class()(string=doc, url_fetcher=assets.make_fetcher(template.path, frozenset()))
    return source.render(stylesheets=sheets, font_config=pdf_engine._font_config()).pages[0]._page_box


def descendants(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from descendants(child)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_long_url_and_address_wrap_inside_the_modern_sidebar_box(regs: Any, lang: str) -> None:
    resume = cv(lang)
    resume["basics"].update(url=LONG_URL, email=LONG_MAIL)
    page = layout_boxes(regs, resume)
    side = next(b for b in descendants(page) if getattr(b, "element_tag", None) == "aside")
    main = next(b for b in descendants(page) if getattr(b, "element_tag", None) == "main")
    left, right = side.border_box_x(), side.border_box_x() + side.border_width()
    texts = [b for b in descendants(side) if type(b).__name__ == "TextBox"]
    for needle in ("example.org", "example-university"):
        lines = [b for b in texts if needle in b.text or needle[:6] in b.text]
        assert lines, needle
    assert len([b for b in texts if "example" in b.text or "-" in b.text]) >= 4  # both wrapped
    for b in texts:
        assert left - 0.5 <= b.position_x and b.position_x + b.width <= right + 0.5, (b.text, left, right)
    main_text = [b for b in descendants(main) if type(b).__name__ == "TextBox"]
    if lang == "en":
        assert right < min(b.position_x for b in main_text)
    else:  # right to left: the sidebar is mirrored to the right of main
        assert left > max(b.position_x + b.width for b in main_text)
