"""List marks beyond the round bullet: arrows, ornaments, Word's Symbol-font code points and
numbered lists all give highlights without their marks."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

ITEMS = ("Delivered the regional programme with measurable savings across three teams",
         "Introduced weekly planning reviews that cut the backlog by half in six months",
         "Mentored four analysts who went on to lead their own projects")


def _cv(marks: list[str]) -> str:
    items = "".join(f"<p style='margin:0 0 0 12pt;text-indent:-10pt'>{m}&nbsp;&nbsp;{t}</p>"
                    for m, t in zip(marks, ITEMS, strict=True))
    return (f"<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1><p>jane.roe@example.com</p>"
            f"<h2>Experience</h2><p><b>Analyst</b>, Acme Ltd, 2019 – 2022</p>{items}"
            f"<h2>Education</h2><p>BSc Mathematics, University of Leeds, 2015 – 2018</p></body></html>")


@pytest.mark.parametrize("marks", [["→"] * 3, ["➤"] * 3, ["❖"] * 3, ["»"] * 3, ["1.", "2.", "3."], ["a)", "b)", "c)"]],
                         ids=["arrow", "arrowhead", "ornament", "guillemet", "numbered", "lettered"])
def test_marks_are_not_part_of_the_highlight(marks):
    work = PdfParser(PdfParser.Options()).parse(render_pdf(_cv(marks)), filename="cv.pdf").resume["work"]
    assert work[0]["highlights"] == list(ITEMS)


def test_a_list_that_merely_starts_with_numbers_keeps_them():
    from htdy.parsers.extract.fields import _unnumbered
    items = ["3 products launched in the first year", "12 markets opened"]
    assert _unnumbered(items) == items
    assert _unnumbered(["1. one thing", "3. another"]) == ["1. one thing", "3. another"]


def test_skills_run_on_with_list_marks_between_them():
    """Skill 'pills' on one line with a mark before each ('▪ Jira (하) ▪ Notion (중)'): the marks
    separate the items and a level in parentheses (Korean 상/중/하 included) is no skill."""
    from htdy.parsers.base import TextParser

    cv = ("Kim Minsu\nkim.minsu@example.com\n\n역량\n▪ Jira (하) ▪ Notion (중)\n▪ Zendesk (중상) ■ QuickBooks (상)\n"
          "\nSkills\n◆ Lean ◆ PRINCE2 ✓ OKR\n").encode()
    skills = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume["skills"]
    assert [k for g in skills for k in g["keywords"]] == ["Jira", "Notion", "Zendesk", "QuickBooks", "Lean",
                                                           "PRINCE2", "OKR"]


@pytest.mark.parametrize("levels", [("Avanzato", "Esperto", "Base"), ("Experto", "Básico", "Medio"),
                                    ("Confirmé", "Débutant", "Notions"), ("Gevorderd", "Goed", "Basiskennis")])
def test_skill_levels_in_other_languages_are_no_skills(levels):
    from htdy.parsers.base import TextParser

    a, b, c = levels
    cv = f"Anna Rossi\nanna.rossi@example.it\n\nSkills\n▪ Kafka ({a}) ▪ SQL ({b})\n▪ Power BI ({c})\n".encode()
    skills = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume["skills"]
    assert [k for g in skills for k in g["keywords"]] == ["Kafka", "SQL", "Power BI"]


def test_icon_font_glyphs_in_a_run_are_list_marks():
    """moderncv's U+E000 arrows before each item (a wrapped item indented under its text) become
    bullets; a graduation-cap icon before each degree, with the school under it, stays an icon."""
    from htdy.parsers.extract.resume import icon_bullets
    from htdy.parsers.layout.model import Line, Span

    def line(top: float, text: str, x: float = 164) -> Line:
        return Line(spans=[Span(text, x, top, x + 5 * len(text), top + 10, "", 10)])

    items = [line(214, "\ue000 Led a team of 8 people"), line(226, "\ue000 Moved reporting from Django to Kotlin, which cut"),
             line(238, "the monthly processing time by 69%", x=175), line(250, "\ue000 Automated regression tests")]
    degrees = [line(400, "\uf19d Bachelor of Science"), line(412, "University of Leeds"),
               line(430, "\uf19d Master of Science"), line(442, "University of York")]
    icon_bullets(items + degrees)
    assert [ln.text[:1] for ln in items] == ["•", "•", "t", "•"]
    assert [ln.text[:1] for ln in degrees] == ["\uf19d", "U", "\uf19d", "U"]
