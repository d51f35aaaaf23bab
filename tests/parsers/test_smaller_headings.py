"""A known section name set smaller than the document's headings: a section of its own when the
section model reads its content as that section ("Languages" over a list of languages, set like
an entry title), a sub-heading inside the entry otherwise."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

H2 = "font-size:20pt;font-weight:bold;margin:14pt 0 4pt"
H3 = "font-size:13pt;font-weight:bold;margin:8pt 0 2pt"


def _parse(body: str) -> tuple[dict, dict]:
    html = (f"<html><body style='font-family:sans-serif;font-size:10pt'><div style='font-size:26pt'>Jane Roe</div>"
            f"<p>jane.roe@example.com</p>{body}</body></html>")
    res = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf")
    return res.resume, res.extras


WORK = (f"<div style='{H2}'>Experience</div><div style='{H3}'>Initech</div><p>Software Engineer · 2019 – 2022</p>"
        "<ul><li>Built payment services in Go</li></ul>"
        f"<div style='{H2}'>Education</div><div style='{H3}'>TU Berlin</div><p>MSc Computer Science · 2015 – 2018</p>")


def test_a_languages_heading_set_like_an_entry_title_is_a_section():
    resume, extras = _parse(WORK + f"<div style='{H3}'>Languages</div><p>German</p><p>- Native</p>"
                                   "<p>English</p><p>- C1</p><p>Spanish</p><p>- B1</p>")
    assert [lang["language"] for lang in resume["languages"]] == ["German", "English", "Spanish"]
    assert "Languages" in extras["sections"]


def test_a_smaller_projects_heading_inside_an_entry_stays_in_it():
    body = (f"<div style='{H2}'>Experience</div><div style='{H3}'>Initech</div><p>Software Engineer · 2019 – 2022</p>"
            f"<ul><li>Built payment services in Go</li></ul><div style='{H3}'>Projects</div>"
            "<ul><li>Rewrote the ledger in Rust</li></ul>"
            f"<div style='{H2}'>Education</div><div style='{H3}'>TU Berlin</div><p>MSc Computer Science · 2015 – 2018</p>")
    resume, extras = _parse(body)
    assert "Projects" not in extras["sections"]
    assert [w["name"] for w in resume["work"]] == ["Initech"]
