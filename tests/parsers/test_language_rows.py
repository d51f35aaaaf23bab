"""Languages where CVs put them besides a "Languages" list: rows of an "Additional information"
section, a line of languages under "Skills & Languages", a Europass self-assessment grid with its
headings and legend — only the languages come out, each once."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser
from htdy.parsers.extract.language_rows import cefr_legend, grid_header

from .cvfixtures import render_pdf

HEAD = ("<div style='font-size:24pt'>Jane Doe</div><p>jane.doe@example.com · +44 20 7946 0000 · London</p>"
        "<h3>Experience</h3><p><b>Data Analyst</b>, Acme Ltd, London, 2019 – present</p><ul><li>Built dashboards</li></ul>")
GRID = ("<h3>Language skills</h3><p>Mother tongue(s): Italian</p><p>Other language(s):</p><table>"
        "<tr><td></td><td>UNDERSTANDING</td><td></td><td>SPEAKING</td><td></td><td>WRITING</td></tr>"
        "<tr><td></td><td>Listening</td><td>Reading</td><td>Spoken interaction</td><td>Spoken production</td><td></td></tr>"
        "<tr><td>English</td><td>C1</td><td>C1</td><td>B2</td><td>B2</td><td>B2</td></tr>"
        "<tr><td>French</td><td>B1</td><td>B2</td><td>A2</td><td>A2</td><td>A2</td></tr></table>"
        "<p>Levels: A1 and A2: Basic user - B1 and B2: Independent user - C1 and C2: Proficient user</p>")
CASES = {
    "additional": ("<h3>Additional information</h3><p>Languages: English (native), Spanish (fluent)</p>"
                   "<p>Driving licence: B</p>", [("English", "native"), ("Spanish", "fluent")]),
    "skills-and-languages": ("<h3>Skills &amp; Languages</h3><p>SQL, Python, Tableau</p><p>English (C2), Italian (native)</p>",
                             [("English", "C2"), ("Italian", "native")]),
    "europass-grid": (GRID, [("Italian", None), ("English", "C1 C1 B2 B2 B2"), ("French", "B1 B2 A2 A2 A2")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_languages_where_cvs_put_them(case):
    html, want = CASES[case]
    resume = PdfParser(PdfParser.Options()).parse(
        render_pdf(f"<html><body style='font-family:sans-serif;font-size:10pt'>{HEAD}{html}</body></html>"),
        filename="cv.pdf").resume
    assert [(x["language"], x.get("fluency")) for x in resume.get("languages", [])] == want
    words = {k for s in resume.get("skills", []) for k in s.get("keywords") or []}
    assert not words & {"English", "Italian", "Spanish"}


def test_grid_rows_that_name_no_language():
    assert grid_header("UNDERSTANDING SPEAKING WRITING") and grid_header("Hören Lesen An Gesprächen teilnehmen")
    assert grid_header("Compréhension Expression orale Expression écrite")
    assert not grid_header("English") and not grid_header("Reading")  # (one word: an interest, a level's row)
    assert cefr_legend("Levels: A1/A2: Basic user - B1/B2: Independent user - C1/C2: Proficient user")
    assert cefr_legend("Common European Framework of Reference for Languages")
    assert not cefr_legend("English C1 C1 B2 B2 B2")
