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
    ("mgr Mechanika i Budowa Maszyn", ("mgr", "Mechanika i Budowa Maszyn")),  # (Polish "i" is "and")
    ("Магистр прикладной математики", ("Магистр", "прикладной математики")),
    ("Бакалавр по направлению «Электроэнергетика»", ("Бакалавр", "«Электроэнергетика»")),
    ("Betriebswirtschaftslehre (Promotion)", ("Promotion", "Betriebswirtschaftslehre")),
    ("Mestrado Integrado em Design Gráfico", ("Mestrado Integrado", "Design Gráfico")),
    ("Master di primo livello in Informatica", ("Master di primo livello", "Informatica")),
]


def test_degree_and_field_apart():
    rows = "".join(f"<p style='margin:6pt 0 0 0'><b>{deg}</b><span style='float:right'>{1990 + i} – {1993 + i}</span>"
                   f"</p><p style='margin:0'><i>Example University {i}</i></p>" for i, (deg, _) in enumerate(CASES))
    html = (f"<html><body style='font-family:sans-serif;font-size:10pt'><h1>Jane Roe</h1><p>jane.roe@example.com</p>"
            f"<h2>Education</h2>{rows}</body></html>")
    edu = PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume["education"]
    got = {int(e["startDate"]) - 1990: (e.get("studyType"), e.get("area")) for e in edu}
    assert [got.get(i) for i in range(len(CASES))] == [want for _, want in CASES]


def test_the_degree_repeated_in_its_field_is_dropped():
    from htdy.parsers.extract.degrees import drop_repeated_degree
    for area, deg, want in (("Psychologia (lic.)", "lic.", "Psychologia"), ("Doctoraal Informatica", "Doctoraal",
                            "Informatica"), ("Endüstri Mühendisliği Yüksek Lisans", "Yüksek Lisans", "Endüstri Mühendisliği"),
                            ("Informatica", "Doctoraal", "Informatica"), ("Lisans", "Lisans", None)):
        res = {"area": area, "studyType": deg}
        drop_repeated_degree(res)
        assert res.get("area") == want


def test_cjk_field_and_degree_before_the_school():
    from htdy.parsers.base import TextParser
    text = "张伟\nzhangwei@example.com\n\n教育背景\n计算机科学与技术专业 本科, 深圳工业大学    2010 – 2014\n"
    e = TextParser(TextParser.Options()).parse(text.encode(), filename="cv.txt").resume["education"][0]
    assert (e["studyType"], e["area"], e["institution"]) == ("本科", "计算机科学与技术", "深圳工业大学")


def test_cjk_degree_with_its_discipline_glued_to_the_field():
    from htdy.parsers.extract.degrees_cjk import split_cjk_degree
    assert split_cjk_degree("経営学学士(工学)") == ("学士(工学)", "経営学")
    assert split_cjk_degree("数学学士（経済学）") == ("学士（経済学）", "数学")
    assert split_cjk_degree("공학석사 in 간호학") == ("공학석사", "간호학")  # a theme's English joiner
    assert split_cjk_degree("전기공학공학석사") == ("공학석사", "전기공학")
