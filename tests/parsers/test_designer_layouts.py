"""Designer-tool layouts and Japanese forms (sixth pass): three columns, section titles in a coloured
band beside their sections (wrapped, right-aligned, tracked CJK), an address wrapped in a narrow
column, and the 履歴書's 年 | 月 | event history table. Each on a small invented CV."""
from __future__ import annotations

import pytest

from htdy.parsers.base import PdfParser
from htdy.parsers.extract.vocab import bare_heading, heading_key
from htdy.parsers.layout.model import Line, Span

from .cvfixtures import render_pdf


def _parse(html: str) -> dict:
    return PdfParser(PdfParser.Options()).parse(render_pdf(html), filename="cv.pdf").resume


_BULLETS = "".join(f"<li>Delivered improvement number {i} across the regional offices</li>" for i in range(3))

THREE = f"""<html><head><style>@page {{ size: A4; margin: 10mm }}</style></head>
<body style='font-family:sans-serif;font-size:9pt;margin:0'>
<table style='width:100%;table-layout:fixed;border-collapse:collapse'><tr>
<td style='width:27%;vertical-align:top;padding:0 12pt'>
<h3>CONTACT</h3><div>nora.blake@example.org</div><div>+44 20 7946 0321</div><div>Leeds</div>
<h3>SKILLS</h3><div>Tableau</div><div>SQL</div><div>Python</div><div>Looker</div><div>Excel</div></td>
<td style='width:45%;vertical-align:top;padding:0 10pt'>
<div style='font-size:26pt'>Nora Blake</div><div>DATA ANALYST</div>
<h3>EXPERIENCE</h3>
<b>Data Analyst</b><br>Harlow Retail Group<br>2019 - 2023<ul style='margin:0'>{_BULLETS}</ul>
<b>Junior Analyst</b><br>Pennine Logistics<br>2016 - 2019<ul style='margin:0'>{_BULLETS}</ul></td>
<td style='vertical-align:top;padding:0 12pt'>
<h3>EDUCATION</h3><b>BSc Mathematics</b><br>University of Leeds<br>2013 - 2016
<h3>LANGUAGES</h3><div>English</div><div>French</div><div>German</div></td></tr></table>
</body></html>"""


def test_three_columns_are_read_one_after_the_other():
    """The third column (education, languages) beside the main one: its lines shared baselines
    with the entries and were read into them."""
    cv = _parse(THREE)
    assert [(w.get("name"), w.get("startDate")) for w in cv["work"]] == [
        ("Harlow Retail Group", "2019"), ("Pennine Logistics", "2016")]
    assert [e.get("institution") for e in cv["education"]] == ["University of Leeds"]
    assert [x["language"] for x in cv.get("languages", [])] == ["English", "French", "German"]


def _entry(dates: tuple[str, str], title: str, org: str) -> str:
    return (f"<table style='width:100%;border-collapse:collapse;margin-bottom:8pt'><tr>"
            f"<td style='width:22%;vertical-align:top;font-size:8pt'>{dates[0]} -<br>{dates[1]}</td>"
            f"<td style='vertical-align:top'><b>{title}</b><br>{org}<ul style='margin:0'>{_BULLETS}</ul></td></tr></table>")


BAND = f"""<html><body style='font-family:sans-serif;font-size:10pt;margin:0'>
<table style='width:100%;table-layout:fixed;border-collapse:collapse'>
<colgroup><col style='width:28%'><col></colgroup>
<tr><td style='vertical-align:top;padding:0 12pt'><div>tom.quill@example.org</div><div>+44 161 496 0555</div>
<div>Manchester</div></td>
<td style='vertical-align:top;padding:0 12pt'><div style='font-size:24pt'>Tom Quill</div><div>ACCOUNTANT</div></td></tr>
<tr><td style='vertical-align:top;text-align:right;padding:12pt 12pt 0 0;font-size:13pt;font-weight:bold'>
PROFESSIONAL<br>EXPERIENCE</td><td style='vertical-align:top;padding:6pt 12pt 0'>
{_entry(("03/2019", "06/2023"), "Senior Accountant", "Marlow Foods")}
{_entry(("01/2015", "02/2019"), "Accountant", "Brindle &amp; Moss")}</td></tr>
<tr><td style='vertical-align:top;text-align:right;padding:12pt 12pt 0 0;font-size:13pt;font-weight:bold'>
EDUCATION</td><td style='vertical-align:top;padding:6pt 12pt 0'>
{_entry(("09/2011", "06/2014"), "BSc Accounting", "University of Salford")}</td></tr>
</table></body></html>"""


def test_titles_in_a_band_beside_contact_lines_and_dated_entries():
    """Contact lines atop a margin that otherwise holds only section titles (wrapped over two lines,
    set flush right, starting a little below their section's first line): the titles head their
    sections; the margin was read as a sidebar before the text."""
    cv = _parse(BAND)
    assert [(w.get("name"), w.get("position"), w.get("startDate"), w.get("endDate")) for w in cv["work"]] == [
        ("Marlow Foods", "Senior Accountant", "2019-03", "2023-06"),
        ("Brindle & Moss", "Accountant", "2015-01", "2019-02")]
    assert [e.get("institution") for e in cv["education"]] == ["University of Salford"]


def test_wrapped_title_needs_a_continuation():
    from htdy.parsers.layout.columns import wraps_title

    assert wraps_title("PROFESSIONAL", "EXPERIENCE")
    assert wraps_title("Compétences", "techniques")
    assert not wraps_title("Skills", "Frontend")  # a title and the first item under it
    assert not wraps_title("Skills", "Languages")  # two titles


def test_cjk_titles_tracked_letter_by_letter():
    assert heading_key("学 歴 ・ 教 育") == "education"
    assert bare_heading("経 歴") == "work"


def test_an_address_wrapped_in_a_narrow_column_is_joined():
    from htdy.parsers.extract.basics import join_wrapped_emails

    assert join_wrapped_emails(["william.maurice39@wmauric", "e.net", "06 31 79 86 80"]) == [
        "william.maurice39@wmaurice.net", "06 31 79 86 80"]
    assert join_wrapped_emails(["jane@example.com", "Lyon"]) == ["jane@example.com", "Lyon"]


def _rows(texts: list[str]) -> list[Line]:
    return [Line(spans=[Span(t, 50, 100 + 20 * i, 400, 110 + 20 * i, size=10)]) for i, t in enumerate(texts)]


def test_history_rows_pair_entry_and_exit():
    from htdy.parsers.extract import history_rows

    rows = _rows(["学歴", "2010 4 東京大学 工学部 入学", "2014 3 東京大学 工学部 卒業", "職歴",
                  "2014 4 株式会社青葉商事 入社", "営業職として勤務", "2018 9 株式会社青葉商事 一身上の都合により退社",
                  "平成30 10 合同会社みどり 入社", "現在に至る", "以上"])
    assert history_rows.is_history(rows)
    edu, work = history_rows.entries(rows)
    assert edu == [{"institution": "東京大学", "area": "工学部", "startDate": "2010-04", "endDate": "2014-03"}]
    assert work == [{"name": "株式会社青葉商事", "startDate": "2014-04", "position": "営業職", "endDate": "2018-09"},
                    {"name": "合同会社みどり", "startDate": "2018-10"}]


RIREKISHO = """<html><body style='font-family:"Noto Sans CJK JP",sans-serif;font-size:10pt'>
<div style='font-size:18pt;letter-spacing:1em'>履 歴 書</div>
<table style='width:100%;border-collapse:collapse' border='1'>
<tr><td style='width:20mm'>ふりがな</td><td>あおき はるか</td></tr>
<tr><td>氏名</td><td style='font-size:18pt'>青木 遥</td></tr>
<tr><td>現住所</td><td>〒150-0041 東京都渋谷区 電話:03-5555-0123 E-mail:haruka.aoki@example.jp</td></tr></table>
<table style='width:100%;border-collapse:collapse;margin-top:8mm' border='1'>
<tr><td style='width:16mm'>年</td><td style='width:9mm'>月</td><td>学歴・職歴</td></tr>
<tr><td></td><td></td><td style='text-align:center'>学歴</td></tr>
<tr><td>2012</td><td>4</td><td>大阪大学 経済学 入学</td></tr>
<tr><td>2016</td><td>3</td><td>大阪大学 経済学 学士 卒業</td></tr>
<tr><td></td><td></td><td style='text-align:center'>職歴</td></tr>
<tr><td>2016</td><td>4</td><td>株式会社青葉商事 入社</td></tr>
<tr><td></td><td></td><td>経理担当として勤務</td></tr>
<tr><td>2020</td><td>6</td><td>株式会社青葉商事 退社</td></tr>
<tr><td>2020</td><td>7</td><td>合同会社みどり 入社</td></tr>
<tr><td></td><td></td><td>現在に至る</td></tr>
<tr><td></td><td></td><td style='text-align:right'>以上</td></tr></table></body></html>"""


@pytest.fixture(scope="module")
def rirekisho() -> dict:
    return _parse(RIREKISHO)


def test_rirekisho_history_table(rirekisho):
    assert [(w.get("name"), w.get("startDate"), w.get("endDate")) for w in rirekisho["work"]] == [
        ("株式会社青葉商事", "2016-04", "2020-06"), ("合同会社みどり", "2020-07", None)]
    ed = rirekisho["education"]
    assert [(e.get("institution"), e.get("area"), e.get("studyType"), e.get("endDate")) for e in ed] == [
        ("大阪大学", "経済学", "学士", "2016-03")]


def test_rirekisho_name_and_phone(rirekisho):
    b = rirekisho["basics"]
    assert b["name"] == "青木 遥"  # not the form's title, not the furigana row
    assert b["phone"] == "03-5555-0123"  # not the postal code after 〒



def _ln(x0: float, top: float, text: str, size: float = 10.0, width: float | None = None) -> Line:
    w = width if width is not None else 0.5 * size * len(text)
    return Line(spans=[Span(text, x0, top, x0 + w, top + size, size=size)])


def test_timeline_gutter_lies_between_the_sidebar_and_the_dates():
    """A sidebar (x 50–190), a main column whose titles and wrapped dates share x 222 and whose
    entries start at x 311, and a name and title above both that share no baseline with either
    (set from x 152, over the gutter): the gutter lies left of the dates, not between them and
    the entries."""
    from htdy.parsers.layout.columns import find_gutter
    from htdy.parsers.layout.model import Page

    lines = [_ln(152, 40, "KRISTINA", 28, 140), _ln(152, 75, "LINDBERG", 28, 150),
             _ln(152, 110, "SENIOR HUMAN RESOURCES SPECIALIST", 11, 200)]
    side = ["CONTACT", "kristina@example.se", "+46 8 555 012 34", "Malmö", "SKILLS", "Workday", "SAP",
            "Excel", "Recruiting", "Payroll", "LANGUAGES", "Swedish", "English", "German"]
    lines += [_ln(50, 150 + 19 * k, t, 10, min(130, 6 * len(t))) for k, t in enumerate(side)]
    lines.append(_ln(222, 140, "EXPERIENCE", 11, 60))
    top = 160
    for start, end in (("2016-11—2019-", "03"), ("2012-08—2016-", "10"), ("2009-01—2012-", "07")):
        lines += [_ln(222, top, start, 8, 58), _ln(222, top + 11, end, 8, 9)]
        lines += [_ln(311, top, "HR Specialist", 10, 70), _ln(311, top + 14, "Lindqvist AB · Malmö", 10, 110)]
        lines += [_ln(321, top + 28 + 14 * k, "Ran the yearly salary review for four hundred staff", 10, 240)
                  for k in range(3)]
        top += 90
    lines.append(_ln(222, top, "EDUCATION", 11, 60))
    lines += [_ln(222, top + 20, "2005—2009", 8, 40), _ln(311, top + 20, "BSc Human Resources", 10, 100)]
    g = find_gutter(Page(width=595, height=842, lines=lines), lines)
    assert g is not None and 190 <= g <= 222
