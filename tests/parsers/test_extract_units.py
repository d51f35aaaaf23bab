"""Units of field extraction: dates, headings in eight languages, contacts."""
from __future__ import annotations

import pytest

from htdy.parsers.extract.contacts import find_emails, find_phones, location_from, profile_of
from htdy.parsers.extract.dates import find_range
from htdy.parsers.extract.vocab import heading_key


@pytest.mark.parametrize("text,start,end,current", [
    ("03/2019", "2019-03", "2019-03", False),
    ("März 2019 – heute", "2019-03", None, True),
    ("Mar 2019 – Present", "2019-03", None, True),
    ("2019–heute", "2019", None, True),
    ("since 2019", "2019", None, True),
    ("seit 2020", "2020", None, True),
    ("Nov 2016 – Sept 2018", "2016-11", "2018-09", False),
    ("janvier 2020 - aujourd'hui", "2020-01", None, True),
    ("Okt. 2013 – März 2015", "2013-10", "2015-03", False),
    ("2019-04 – 2021-12", "2019-04", "2021-12", False),
    ("wrzesień 2018 – obecnie", "2018-09", None, True),
    ("maggio 2017 - giugno 2019", "2017-05", "2019-06", False),
    ("15.09.2015 - 15.12.2015", "2015-09", "2015-12", False),
    ("2024-08 –", "2024-08", None, True),
    ("mrt 2019 – okt 2020", "2019-03", "2020-10", False),
    ("Jan, 2024 - Jan, 20251 year", "2024-01", "2025-01", False),  # a duration run glued to the year
    ("gen 2019 - mar 20212 anni 2 mesi", "2019-01", "2021-03", False),
    ("– Sep 2022", None, "2022-09", False),  # the start left empty
    ("• - 2019", None, "2019", False),
    ("MARÇO DE 2021 - ATUAL", "2021-03", None, True),            # month "de" year (pt, es)
    ("enero del 2019 – actualidad", "2019-01", None, True),
    ("ENERO DE 2019 – ACTUAL", "2019-01", None, True),
    ("JULHO DE 2018 - DEZEMBRO DE 2020", "2018-07", "2020-12", False),
    ("2021-Nov - Present", "2021-11", None, True),                # year, then month name
    ("2019/Mar – 2020/Apr", "2019-03", "2020-04", False),
    ("2016 - Mar 2019", "2016", "2019-03", False),
    ("2019 Google Inc", "2019", "2019", False),                   # a word after a year is no month
    ("منذ 2017 · عجمان", "2017", None, True),                     # "since" in Arabic, Hebrew, Norwegian
    ("מאז 2020", "2020", None, True),
    ("siden 2019", "2019", None, True),
])
def test_date_ranges(text, start, end, current):
    r = find_range(text)
    assert r is not None
    assert (r.start, r.end, r.current) == (start, end, current)


def test_a_dash_after_a_word_is_no_open_start():
    r = find_range("Freelance - 2019")
    assert r is not None and (r.start, r.end) == ("2019", "2019")


def test_job_title_words_in_eight_languages():
    from htdy.parsers.extract.vocab import TITLE_WORDS, has_word
    assert has_word("Softwarearchitekt", TITLE_WORDS) and has_word("Architektin", TITLE_WORDS)


def test_year_in_a_sentence_is_not_a_month():
    r = find_range("Version 2019 of the tool")
    assert r is not None and r.start == "2019"
    assert find_range("no dates here") is None


@pytest.mark.parametrize("text,key", [
    ("Work Experience", "work"), ("Berufserfahrung", "work"), ("Expérience professionnelle", "work"),
    ("Experiencia laboral", "work"), ("Experiência Profissional", "work"), ("Esperienze lavorative", "work"),
    ("Werkervaring", "work"), ("Doświadczenie zawodowe", "work"),
    ("EDUCATION", "education"), ("Ausbildung", "education"), ("Formation", "education"),
    ("Formación académica", "education"), ("Formação", "education"), ("Istruzione", "education"),
    ("Opleiding", "education"), ("Wykształcenie", "education"),
    ("Skills:", "skills"), ("Kenntnisse", "skills"), ("Compétences", "skills"), ("Umiejętności", "skills"),
    ("Languages", "languages"), ("Sprachen", "languages"), ("Idiomas", "languages"), ("Języki", "languages"),
    ("Projects", "projects"), ("Certifications", "certificates"), ("Awards", "awards"),
    ("Publications", "publications"), ("Volunteering", "volunteer"), ("Interests", "interests"),
    ("Profil", "summary"), ("References", "references"),
])
def test_headings_in_eight_languages(text, key):
    assert heading_key(text) == key


def test_letter_spaced_headings():
    assert heading_key("E X P E R I E N C E") == "work"
    assert heading_key("S K I L L S") == "skills"


def test_sentences_are_not_headings():
    assert heading_key("I have experience with many languages and tools in production") is None


def test_contacts():
    assert find_emails("mail: jane.doe+cv@mail.example.com.")[0][0] == "jane.doe+cv@mail.example.com"
    assert find_phones("Tel. +49 151 23456789")[0][0] == "+49 151 23456789"
    assert find_phones("2015 - 2019") == []
    assert profile_of("https://www.linkedin.com/in/jane-doe/") == {
        "network": "LinkedIn", "username": "jane-doe", "url": "https://www.linkedin.com/in/jane-doe/"}
    assert profile_of("github.com/jdoe")["network"] == "GitHub"
    assert profile_of("https://www.xing.com/profile/Max_Mustermann/cv")["username"] == "Max_Mustermann"
    assert location_from("Somerville, Massachusetts, US") == {
        "city": "Somerville", "region": "Massachusetts", "countryCode": "US"}
    assert location_from("10115 Berlin")["city"] == "Berlin"
    assert location_from("jane@example.com") is None


@pytest.mark.parametrize("text, city", [
    ("中国 武汉", "武汉"), ("日本京都", "京都"), ("广东省广州市", "广州"), ("北京市海淀区", "北京"),
    ("東京都渋谷区", "東京"), ("서울특별시 강남구", "서울"), ("광주", "광주"), ("أبوظبي، الإمارات", "أبوظبي"),
    ("תל אביב", "תל אביב"), ("Москва, Россия", "Москва"),
    ("京都大学", None), ("札幌大学", None), ("中国", None), ("机械设计工程师", None),
])
def test_places_in_other_scripts(text, city):
    """Cities under their native names (GeoNames alternate names of cities ≥ 100k); the rest of
    the text must be a country or an administrative part, so a university is no place."""
    loc = location_from(text)
    assert (loc or {}).get("city") == city


@pytest.mark.parametrize("text, degree, area", [
    ("计算机科学与技术专业 大专", "大专", "计算机科学与技术"), ("法学 学士", "学士", "法学"),
    ("法学学士", "学士", "法学"),                      # xeCJK dropped the space
    ("컴퓨터공학 전공 학사", "학사", "컴퓨터공학"), ("学士・経済学", "学士", "経済学"),
    ("经济学（硕士）", "硕士", "经济学"), ("機械工学 学士（工学）", "学士（工学）", "機械工学"),
    ("경영학 (석사)", "석사", "경영학"),
])
def test_cjk_degree_and_field(text, degree, area):
    from htdy.parsers.extract.degrees_cjk import split_cjk_degree

    assert split_cjk_degree(text) == (degree, area)


@pytest.mark.parametrize("text", ["清华大学", "Computer Science BSc", "学士", "博士"])
def test_cjk_degree_split_needs_both(text):
    from htdy.parsers.extract.degrees_cjk import split_cjk_degree

    assert split_cjk_degree(text) is None


@pytest.mark.parametrize("text, cells, expected", [
    ("Befattning Marknadskoordinator", ["Befattning", "Marknadskoordinator"], ("position", "Marknadskoordinator")),
    ("Arbetsgivare Lindkvist AB", ["Arbetsgivare", "Lindkvist AB"], ("employer", "Lindkvist AB")),
    ("职位：产品经理", None, ("position", "产品经理")),
    ("Company: Acme GmbH", None, ("employer", "Acme GmbH")),
    ("Period jul 2023 — Nu", ["Period", "jul 2023 — Nu"], ("dates", "jul 2023 — Nu")),
    # running text that starts with a label word is no row
    ("Company culture improved by a new onboarding", None, None),
    ("Role models for junior staff", ["Role models for junior staff"], None),
    ("Period of growth: 40 % a year", None, None),
])
def test_short_row_labels_only_as_a_cell_or_before_a_colon(text, cells, expected):
    from htdy.parsers.extract.row_labels import row_label

    assert row_label(text, cells) == expected


@pytest.mark.parametrize("text, n", [("Civilingenjörsexamen", 20), ("Masterstudium Informatik", 13),
                                      ("Maskinteknik", 0), ("Examinations office", 0)])
def test_degree_compounds(text, n):
    from htdy.parsers.extract.vocab import degree_len

    assert degree_len(text) == n


@pytest.mark.parametrize("text, expected", [
    ("Русский родной · Английский — продвинутый", [("Русский", "родной"), ("Английский", "продвинутый")]),
    ("中文（母语），英语（B1）", [("中文", "母语"), ("英语", "B1")]),
    ("中文 母语 英语 流利", [("中文", "母语"), ("英语", "流利")]),
    ("Español Nativo", [("Español", "Nativo")]),
    ("English (native), German (B2)", [("English", "native"), ("German", "B2")]),
    ("English, German and French", [("English", None), ("German", None), ("French", None)]),
    ("العربية: اللغة الأم, الإنجليزية: بطلاقة", [("العربية", "اللغة الأم"), ("الإنجليزية", "بطلاقة")]),
    ("한국어 원어민 · 영어 — B2", [("한국어", "원어민"), ("영어", "B2")]),
])
def test_language_lists_are_split_at_each_language_name(text, expected):
    from htdy.parsers.extract.lists import _segment_languages

    got = _segment_languages(text)
    assert [(i["language"], i.get("fluency")) for i in got] == expected


def test_a_sentence_about_languages_is_left_to_the_other_rules():
    from htdy.parsers.extract.lists import _segment_languages

    assert _segment_languages("Fluent in English and Gujarati.") is None


@pytest.mark.parametrize("text, key", [("Yrkeserfar enhet", "work"), ("Berufs erfahrung", "work"),
                                        ("Work Exper ience", "work"), ("Kenya Airways", None),
                                        ("Project Manager", None)])
def test_headings_broken_by_letter_spacing(text, key):
    from htdy.parsers.extract.vocab import heading_key

    assert heading_key(text) == key


def test_a_place_in_another_script_beside_a_work_header_is_its_location():
    from htdy.parsers.extract.header_pieces import piece_place as _loc

    assert _loc({"text": "대한민국 울산"}) == {"city": "울산"}
    assert _loc({"text": "中国 武汉"}) == {"city": "武汉"}
    assert _loc({"text": "기계 설계 엔지니어"}) is None


@pytest.mark.parametrize("text", ["(주) 글로벌소프트", "(유) 인포우리코스메틱", "㈜다올", "주식회사 한빛", "株式会社ABC",
                                  "Otto GmbH & Co KG"])
def test_legal_forms_before_or_after_the_name(text):
    from htdy.parsers.extract.header_pieces import legal_end as _legal_end

    assert _legal_end(text)


def test_a_native_place_after_the_employers_comma_is_split_off():
    from htdy.parsers.extract.header_pieces import place_split as _place_split

    parts = _place_split({"text": "(유) 인포우리코스메틱, 대한민국 부산"})
    assert [p["text"] for p in parts] == ["(유) 인포우리코스메틱", "대한민국 부산"] and parts[1].get("place")


@pytest.mark.parametrize("text, degree, area", [
    ("بكالوريوس في علوم الحاسب", "بكالوريوس", "علوم الحاسب"), ("بكالوريوس علوم الحاسب", "بكالوريوس", "علوم الحاسب"),
    ("Бакалавр по направлению Информатика", "Бакалавр", "Информатика"),
])
def test_degree_and_field_joined_in_arabic_and_russian(text, degree, area):
    from htdy.parsers.extract.degrees import split_degree

    assert split_degree(text) == (degree, area)


def test_education_school_over_a_degree_naming_a_school_word():
    """"(MÁSTER UNIVERSITARIO)" has a school word's stem: the line that names no degree is the school."""
    from htdy.parsers.extract.fields import education_entry
    from htdy.parsers.extract.structure import Entry
    from htdy.parsers.layout.model import Line, Span

    lines = [Line(spans=[Span(t, 10, y, 200, y + 9, size=9, bold=b)], page=0) for t, y, b in (
        ("JUN. 2001 - JUN. 2003", 0, False), ("INGENIERÍA MECÁNICA (MÁSTER UNIVERSITARIO)", 12, True),
        ("Universidad de Granada", 24, False))]
    ed = education_entry(Entry(header=lines, body=[]))
    assert (ed["institution"], ed["studyType"], ed["area"]) == (
        "Universidad de Granada", "MÁSTER UNIVERSITARIO", "INGENIERÍA MECÁNICA")


def test_contact_items_set_apart_by_wide_spaces():
    from htdy.parsers.extract.basics import _contact_cells
    from htdy.parsers.layout.model import Line, Span

    ln = Line(spans=[Span("jo@example.org", 55, 0, 154, 9, size=8.5), Span(" +34 984 78 03 37", 161, 0, 227, 9, size=8.5),
                     Span(" Valladolid", 234, 0, 271, 9, size=8.5)], page=0, cells=[0, 0, 0])
    assert _contact_cells(ln) == ["jo@example.org", "+34 984 78 03 37", "Valladolid"]
    icon = Line(spans=[Span("\ue000", 10, 0, 18, 9, size=9), Span(" München", 30, 0, 70, 9, size=9)], page=0,
                cells=[0, 0])
    assert _contact_cells(icon) == ["\ue000 München"]


def test_one_date_under_a_degree_is_its_end():
    """"BSc, 2018": the year it was awarded; "déc. 2022 – déc. 2022" keeps both ends."""
    from htdy.parsers.extract.fields import education_entry
    from htdy.parsers.extract.structure import Entry
    from htdy.parsers.layout.model import Line, Span

    def edu(*texts: str) -> dict:
        return education_entry(Entry(header=[Line(spans=[Span(t, 10, 12 * i, 200, 12 * i + 9, size=9)], page=0)
                                             for i, t in enumerate(texts)], body=[]))
    one = edu("University of Leeds", "BSc Mathematics", "2018")
    assert one.get("endDate") == "2018" and "startDate" not in one
    both = edu("Orsys", "Formation Docker", "déc. 2022 – déc. 2022")
    assert (both.get("startDate"), both.get("endDate")) == ("2022-12", "2022-12")


def test_a_cjk_date_in_two_fonts_is_one_date():
    """xeCJK slants the Latin digits of "2017 年 10 月" but not the CJK units: still one date."""
    from htdy.parsers.extract.fields import education_entry
    from htdy.parsers.extract.structure import Entry
    from htdy.parsers.layout.model import Line, Span

    date = Line(spans=[Span("2017", 10, 12, 30, 21, size=9, italic=True), Span(" 年 ", 31, 12, 42, 21, size=9),
                       Span("10", 43, 12, 52, 21, size=9, italic=True), Span(" 月", 53, 12, 62, 21, size=9)], page=0)
    school = Line(spans=[Span("東京工業大学", 10, 0, 80, 9, size=9, bold=True)], page=0)
    degree = Line(spans=[Span("数学（学士（工学））", 10, 24, 90, 33, size=9)], page=0)
    assert education_entry(Entry(header=[school, date, degree], body=[])).get("endDate") == "2017-10"


@pytest.mark.parametrize("text,start,end,current", [
    ("2022-05 → 2025-03", "2022-05", "2025-03", False), ("Jan 2019 -> Mar 2020", "2019-01", "2020-03", False),
    ("2019 → present", "2019", None, True), ("2019 →", "2019", None, True)])
def test_arrow_ranges(text, start, end, current):
    r = find_range(text)
    assert (r.start, r.end, r.current) == (start, end, current)


@pytest.mark.parametrize("text, key", [("02 Wykształcenie i kursy", "education"), ("01 Historia zatrudnienia", "work"),
                                        ("03 Skills", "skills"), ("2019 Google", None), ("12 Monate", None)])
def test_headings_numbered_with_a_space(text, key):
    """A design numbers its sections '01 …', '02 …' with only a space after the number."""
    from htdy.parsers.extract.vocab import heading_key

    assert heading_key(text) == key


def test_a_range_written_newest_first_runs_from_the_earlier_date():
    from htdy.parsers.extract.dates import find_range

    r = find_range("2014 – 2010")  # a right-to-left page read in visual order
    assert (r.start, r.end, r.current) == ("2010", "2014", False)
    r = find_range("06/2019 – 04/2014")
    assert (r.start, r.end) == ("2014-04", "2019-06")


def test_city_in_a_script_without_capitals_before_a_country_code():
    from htdy.parsers.extract.contacts import location_from

    assert location_from("الرياض, SA") == {"city": "الرياض", "countryCode": "SA"}
    assert location_from("berlin, DE") is None  # a lower-case word in a cased script is no city


def test_phone_digits_in_a_right_to_left_line():
    from htdy.parsers.layout.chars import _logical

    # laid out group by group right to left (its "+" last on the page) / kept in their own order
    assert "+966 55 123 4567" in _logical("SA ,ضايرلا · 4567 123 55 966+ · a@b.com", True)
    assert "+966 52 645 0568" in _logical("ةكم · a@b.com · +966 52 645 0568", True)
    assert "059 388 8120" in _logical(" a@b.com • 059 388 8120", True)
