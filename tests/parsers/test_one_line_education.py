"""One-line education entries of a plain-text CV (issue 8: 'BSc Computer Science, MIT, 2015 -
2019' was silently dropped): degree, field and school on one line, with or without a school word."""
from __future__ import annotations

from htdy.parsers.base import TextParser

CV = b"""John Smith
john@example.com | +1 555 123 4567 | Boston, MA

Education
BSc Computer Science, MIT, 2015 - 2019
MSc Data Science, Stanford University, 2019 - 2021
Laurea magistrale Amministrazione, Finanza e Controllo, 2012 - 2014

Experience
Software Engineer, Google, 2021 - Present
- Built search features
"""


def test_degree_field_school_on_one_line():
    res = TextParser(TextParser.Options()).parse(CV, filename="cv.txt").resume
    got = [(e.get("institution"), e.get("studyType"), e.get("area"), e.get("startDate"), e.get("endDate"))
           for e in res["education"]]
    assert got[:2] == [("MIT", "BSc", "Computer Science", "2015", "2019"),
                       ("Stanford University", "MSc", "Data Science", "2019", "2021")]
    # a field with a comma and no school named stays one field, never a school
    assert all(e.get("institution") != "Finanza e Controllo" for e in res["education"])


UNDATED = b"""Eda Kaya
eda.kaya@example.com.tr | +90 532 123 45 67 | Ankara

Egitim
Doktora - Muhasebe ve Finans, Bursa Universitesi
MBA - Hemsirelik, Orta Dogu Teknik Universitesi
3.12
Psychologie, MSc, Technische Universiteit Delft
Lisans, Bogazici Universitesi
"""


def test_undated_one_line_degrees_are_entries_each():
    """No dates and no bold to split by: each line that names a degree and its school is an
    entry, in whatever order its field, degree and school are listed."""
    res = TextParser(TextParser.Options()).parse(UNDATED, filename="cv.txt").resume
    assert [(e.get("institution"), e.get("studyType"), e.get("area")) for e in res["education"]] == [
        ("Bursa Universitesi", "Doktora", "Muhasebe ve Finans"),
        ("Orta Dogu Teknik Universitesi", "MBA", "Hemsirelik"),
        ("Technische Universiteit Delft", "MSc", "Psychologie"),
        ("Bogazici Universitesi", "Lisans", None)]


def test_undated_cjk_school_and_degree_lines_stay_apart():
    """CJK text wraps at any character, so a short line under the school is no wrapped tail of
    it: the degree line under an undated school is read as the degree, not glued to the school."""
    parser = TextParser(TextParser.Options())
    cases = [("教育背景", "上海大学", "心理学(学士)", ("上海大学", "学士", "心理学")),
             ("学歴", "東京工業大学", "会計学（学士（経済学））", ("東京工業大学", "学士(経済学)", "会計学")),
             ("학력", "고려대학교", "산업공학전공 공학석사", ("고려대학교", "공학석사", "산업공학"))]
    for heading, school, degree, want in cases:
        cv = f"钟娜\nzhong.na@example.com\n\n{heading}\n{school}\n{degree}\n\nSkills\nExcel\n".encode()
        ed = parser.parse(cv, filename="cv.txt").resume["education"]
        assert [(e.get("institution"), e.get("studyType"), e.get("area")) for e in ed] == [want]


def test_field_first_degrees_in_parentheses_each_an_entry_and_at_words():
    """'Informatica (Propedeuse), Hogeschool van Utrecht': the field, its degree in parentheses,
    the school; header lines that each name a degree and its school are an entry each; the word
    for 'at' between a title and its employer in Dutch, Italian and Swedish."""
    cv = ("Kick Rubben\nkick@example.nl\n\nOpleiding\nMaster, Hogeschool Tilburg\n"
          "Informatica (Propedeuse), Hogeschool van Utrecht\nInformatica (BSc), Universiteit Utrecht, 2016 - 2019\n\n"
          "Werkervaring\nKlantenservicemedewerker bij Koninklijke Rouwhorst   juli 2021 – november 2022\n"
          "Sviluppatore presso Solari SPA   2018 – 2021\nUtvecklare på Spotify AB   2015 – 2018\n").encode()
    res = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume
    assert [(e.get("institution"), e.get("studyType"), e.get("area")) for e in res["education"]] == [
        ("Hogeschool Tilburg", "Master", None), ("Hogeschool van Utrecht", "Propedeuse", "Informatica"),
        ("Universiteit Utrecht", "BSc", "Informatica")]
    assert [(w.get("position"), w.get("name")) for w in res["work"]] == [
        ("Klantenservicemedewerker", "Koninklijke Rouwhorst"), ("Sviluppatore", "Solari SPA"), ("Utvecklare", "Spotify AB")]


def test_czech_and_polish_at_words_before_a_name_only():
    """'v'/'w' before a capitalised employer set it apart; 'Učitel v mateřské škole' is one title and
    Turkish 've' ('and') inside an employer's name splits nothing."""
    cv = ("Jana Nová\njana@example.cz\n\nPraxe\nFrontend vývojářka v Navrátilová k.s.   2016 – 2020\n"
          "Analityk w Google Polska   2014 – 2016\nUčitel v mateřské škole, Kolářová s.r.o.   2012 – 2014\n"
          "Ürün Yöneticisi, Teknosa İç ve Dış Ticaret   2010 – 2012\n").encode()
    work = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume["work"]
    assert [(w.get("position"), w.get("name")) for w in work] == [
        ("Frontend vývojářka", "Navrátilová k.s."), ("Analityk", "Google Polska"),
        ("Učitel v mateřské škole", "Kolářová s.r.o."), ("Ürün Yöneticisi", "Teknosa İç ve Dış Ticaret")]


def test_japanese_field_degree_school_lines_with_an_ideographic_comma():
    """'看護学(専門士)、神戸外国語大学' / '看護学(学士)、東京工業大学 2008 ~ 2011': two entries, each the
    field, its degree (専門士, a vocational degree, included) and the school after the '、'."""
    cv = "田中 陽一\nasuka@example.jp\n\n学歴\n看護学(専門士)、神戸外国語大学\n看護学(学士)、東京工業大学  2008 ~ 2011\n".encode()
    ed = TextParser(TextParser.Options()).parse(cv, filename="cv.txt").resume["education"]
    assert [(e.get("institution"), e.get("studyType"), e.get("area"), e.get("startDate")) for e in ed] == [
        ("神戸外国語大学", "専門士", "看護学", None), ("東京工業大学", "学士", "看護学", "2008")]


STACKED = b"""Ana Costa
ana.costa@example.com | Lisbon

Education
University of Oxford
MSc Computer Science, 2015 - 2016
BA Mathematics, 2012 - 2015
"""


def test_degrees_stacked_under_one_school_each_name_it():
    res = TextParser(TextParser.Options()).parse(STACKED, filename="cv.txt").resume
    got = [(e.get("institution"), e.get("studyType"), e.get("area"), e.get("endDate")) for e in res["education"]]
    assert got == [("University of Oxford", "MSc", "Computer Science", "2016"),
                   ("University of Oxford", "BA", "Mathematics", "2015")]


def test_a_section_that_cannot_be_read_costs_only_itself(monkeypatch):
    from htdy.parsers.extract import resume

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(resume, "_work_entries", broken)
    res = TextParser(TextParser.Options()).parse(CV, filename="cv.txt")
    assert "work" not in res.resume and res.resume["education"][0]["institution"] == "MIT"
    assert any("could not be read" in w and "Experience" in w for w in res.extras["warnings"])
    # the section's text is still offered to the user
    assert any("Built search features" in u["text"] for u in res.extras["unassigned"])
