"""Degree and field however the degree line is written: honours and abbreviations in parentheses
stay with the degree, a field in parentheses leaves it, a degree's own qualifier that
holds a school word ("Máster Universitario") is not a school, Swedish "i" and a Russian field in
the genitive."""
from __future__ import annotations

from htdy.parsers.base import PdfParser

from .cvfixtures import render_pdf

CASES = [  # degree line -> (studyType, area)
    ("B.Sc. (Hons) Computer Science", ("B.Sc. (Hons)", "Computer Science")),
    ("Bachelor of Arts (Honours), Psychology", ("Bachelor of Arts (Honours)", "Psychology")),
    ("Bachelor of Science (B.Sc.) Wirtschaftsinformatik", ("Bachelor of Science (B.Sc.)", "Wirtschaftsinformatik")),
    # an English class of degree stays in the field, as JSON Resume data usually has it
    ("MSc in Artificial Intelligence (Distinction)", ("MSc", "Artificial Intelligence (Distinction)")),
    ("Diplom-Kaufmann (Betriebswirtschaftslehre)", ("Diplom-Kaufmann", "Betriebswirtschaftslehre")),
    ("Master of Engineering (Electrical Engineering)", ("Master of Engineering", "Electrical Engineering")),
    ("Máster Universitario en Ingeniería Informática", ("Máster Universitario", "Ingeniería Informática")),
    ("Master 2 Recherche Informatique", ("Master 2 Recherche", "Informatique")),
    ("Kandidatexamen i datavetenskap", ("Kandidatexamen", "datavetenskap")),
    ("Магистр прикладной математики", ("Магистр", "прикладной математики")),
    ("Бакалавр по направлению «Электроэнергетика»", ("Бакалавр", "«Электроэнергетика»")),
]


def test_degree_and_field_apart():
    rows = "".join(f"<p style='margin:6pt 0 0 0'><b>{deg}</b><span style='float:right'>{1990 + i} – {1993 + i}</span>"
                   f"</p><p style='margin:0'><i>Example University {i}</i></p>" for i, (deg, _) in enumerate(CASES))
    html = (f"<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1><p>jane.roe@example.com</p>"
            f"<h2>Education</h2>{rows}</body></html>")
    edu = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["education"]
    got = {int(e["startDate"]) - 1990: (e.get("studyType"), e.get("area")) for e in edu}
    assert [got.get(i) for i in range(len(CASES))] == [want for _, want in CASES]
