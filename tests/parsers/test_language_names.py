"""Language names come from CLDR in the 22 languages CVs are written in; a list of them among the
head's contact items is the CV's languages."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser
from htdy.parsers.extract.language_names import NAMES_FILE, cldr_language_names
from htdy.parsers.extract.vocab import NATURAL_LANGUAGES, fold

from .cvfixtures import render_pdf


def test_the_shipped_list_is_what_the_installed_cldr_gives():
    shipped = set(NAMES_FILE.read_text(encoding="utf-8").split("\n")) - {""}
    assert shipped == set(cldr_language_names(fold)), "run python -m htdy.parsers.extract.language_names"


@pytest.mark.parametrize("name", ["Italiaans", "Tsjechisch", "Koreaans", "Çince", "Japonština", "Engelska",
                                  "Английский", "중국어", "スペイン語", "Portugalski"])
def test_language_names_in_many_languages(name):
    assert fold(name) in NATURAL_LANGUAGES


@pytest.mark.parametrize("place", ["Korea", "Japan", "Italia", "Deutschland", "Lets"])
def test_places_and_words_are_no_language(place):
    assert fold(place) not in NATURAL_LANGUAGES


@pytest.mark.parametrize("line", ["Nederlands, Engels, Italiaans", "Languages: English (C2), German (B1)",
                                  "Sprachen: Deutsch"])
def test_languages_among_the_head_contacts(line):
    html = ("<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1>"
            f"<p>jane@example.com · {line}</p><h2>Experience</h2>"
            "<p><b>Analyst</b>, Initech, 2019 – 2022</p></body></html>")
    resume = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume
    want = [w.strip().split(" (")[0] for w in line.split(":")[-1].split(",")]
    assert [lang["language"] for lang in resume["languages"]] == want


def test_a_place_line_in_the_head_is_no_language_list():
    html = ("<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1>"
            "<p>jane@example.com · Berlin, Germany</p><h2>Experience</h2>"
            "<p><b>Analyst</b>, Initech, 2019 – 2022</p></body></html>")
    assert "languages" not in PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume
