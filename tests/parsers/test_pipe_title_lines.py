"""Word's résumé templates set an entry on one title line, its fields apart by pipes ("Degree |
School | Dates", "Degree | Date earned | School"), entries without dates among them: every line is
an education entry of its own, its school apart from its degree."""
from __future__ import annotations

from htdy.parsers.extract.degrees import split_degree
from htdy.parsers.extract.fields import education_entry
from htdy.parsers.extract.structure import split_entries
from htdy.parsers.layout.model import Line, Span


def _ln(text: str, top: float, bold: bool = True, size: float = 13.0) -> Line:
    return Line(spans=[Span(text, 56.8, top, 56.8 + 0.45 * size * len(text), top + size, "C", size, bold)], cells=[0])


def _education(lines: list[Line]) -> list[tuple]:
    out = []
    for e in split_entries(lines):
        r = education_entry(e)
        out.append((r.get("institution"), r.get("studyType"), r.get("area"), r.get("startDate"), r.get("endDate")))
    return out


def test_a_year_in_a_field_of_its_own_dates_the_line():
    lines = [_ln("Wiskunde (HBO-bachelor) | Hogeschool Delft | 2009", 250),
             _ln("Psychologie (HBO-bachelor) | Erasmus Universiteit Rotterdam | november 2000 - november 2004", 267)]
    assert _education(lines) == [("Hogeschool Delft", "HBO-bachelor", "Wiskunde", None, "2009"),
                                 ("Erasmus Universiteit Rotterdam", "HBO-bachelor", "Psychologie", "2000-11", "2004-11")]


def test_undated_degree_lines_around_a_dated_one():
    lines = [_ln("Finanzas y Contabilidad (Máster) | Universidad Politécnica de Málaga", 485),
             _ln("Ingeniería Eléctrica (Máster Universitario) | Universidad Politécnica de Barcelona |", 510),
             _ln("02/2014 — 02/2016", 528),
             _ln("Grado | Universidad de Madrid", 552)]
    assert [x[0] for x in _education(lines)] == ["Universidad Politécnica de Málaga",
                                                  "Universidad Politécnica de Barcelona", "Universidad de Madrid"]


def test_a_degree_line_under_a_dated_entry_without_a_degree_word():
    lines = [_ln("Marketing | 11/2008 — 11/2010 | London State University", 613),
             _ln("Associate Degree – Finance | Birmingham Community College", 638)]
    assert _education(lines) == [("London State University", None, "Marketing", "2008-11", "2010-11"),
                                 ("Birmingham Community College", "Associate Degree", "Finance", None, None)]


def test_degree_is_no_field():
    assert split_degree("Associate Degree") is None


def test_korean_degree_with_its_discipline_and_an_institute_of_science():
    """"공학사" (공 + 학사, bachelor of engineering) is a degree; "한국과학기술원" (an institute of
    science and technology, KAIST) a school."""
    assert _education([_ln("공학사 | 2003 | 한국과학기술원", 300)]) == [("한국과학기술원", "공학사", None, None, "2003")]
