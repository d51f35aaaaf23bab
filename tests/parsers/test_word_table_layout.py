"""Two columns built of a layout table, as Word's résumé templates and Google Docs lay them out
(and LibreOffice, Word or Google Docs export them to PDF): a sidebar cell beside the main cell,
whose entries are rows of a nested table with a narrow date column, where a date range wraps
onto two or three lines ("Feb 2021 – Jun" / "2025", "desde agosto de" / "2019")."""
from __future__ import annotations

from pathlib import Path

from htdy.parsers.base import PdfParser
from htdy.parsers.extract.dates import date_piece

SIDEBAR_TABLE = Path(__file__).parent / "data" / "word-sidebar-table-en.pdf"  # an invented person, written
# by the corpus factory's word-real sidebar-table template and exported by LibreOffice


def test_sidebar_is_not_read_with_the_nested_date_column():
    """The gutter lies between the sidebar and the main cell, not between the main cell's date
    column and its entries (which would read the sidebar line by line with the dates)."""
    resume = PdfParser(PdfParser.Options()).parse(SIDEBAR_TABLE.read_bytes(), filename="cv.pdf").resume
    work = resume["work"]
    assert [(w.get("name"), w.get("position"), w.get("startDate"), w.get("endDate")) for w in work[:3]] == [
        ("Meza, Clark and Allen", "High School Teacher", "2021-02", "2025-06"),
        ("Watson Ltd", "High School Teacher", "2017-05", "2020-09"),
        ("Davis LLC", "High School Teacher", "2013-06", "2016-12")]
    assert [x["language"] for x in resume["languages"]] == ["English", "Spanish", "German"]
    words = " ".join(k for s in resume["skills"] for k in [s.get("name") or "", *(s.get("keywords") or [])])
    assert "Notion" in words and "Teacher" not in words


def test_date_pieces():
    """What a date range wrapped in a narrow column leaves on each line."""
    for text in ("desde agosto de", "2019", "— marzo de", "presente", "11.", "2018. 06. - 2022.", "Feb 2021 – Jun",
                 "至今", "2016年9月起", "bis heute"):
        assert date_piece(text), text
    for text in ("0382177780", "Python", "de", "Marketing Manager", "Summary", "12 Main Street"):
        assert not date_piece(text), text


def _ln(text: str, x: float, top: float, size: float = 9.0):
    from htdy.parsers.layout.model import Line, Span
    return Line(spans=[Span(text, x, top, x + 0.5 * size * len(text), top + size, "F", size)], cells=[0])


def test_a_date_wrapped_over_three_lines_of_its_column_is_one_range():
    """"Décembre 2016" / "— Décembre" / "2019" and "2018. 06. - 2022." / "11." in a nested table's date
    column, the title and school beside them."""
    from htdy.parsers.extract.structure import split_entries

    lines = [_ln("Décembre 2016", 227, 610), _ln("BTS – Génie mécanique", 302, 610.2, 10),
             _ln("— Décembre", 227, 622.7), _ln("Université de Bordeaux, Bordeaux", 302, 626.3, 10),
             _ln("2019", 227, 635.3)]
    entries = split_entries(lines)
    assert [ln.text for e in entries for ln in e.header + e.body][:1] == ["Décembre 2016 — Décembre 2019"]
    lines = [_ln("2018. 06. - 2022.", 227, 170), _ln("간호사", 318, 170.5, 10), _ln("11.", 227, 183),
             _ln("유한회사 나루, 수원", 318, 189, 10)]
    assert [ln.text for e in split_entries(lines) for ln in e.header + e.body][:1] == ["2018. 06. - 2022. 11."]


def test_employer_city_and_a_country_named_in_its_own_language():
    """"Employer, City, Country" under the title (the sidebar table's italic line): the country as the
    country writes it ("Česká republika", "Türkiye", "Россия") ends a place, not the employer."""
    from htdy.parsers.extract.header_pieces import place_split

    for text, head in (("Sedláčková, Pardubice, Česká republika", "Sedláčková"),
                       ("Yılmaz Holding, Bursa, Türkiye", "Yılmaz Holding"), ("ООО Ромашка, Казань, Россия", "ООО Ромашка")):
        assert [q["text"] for q in place_split({"text": text})][0] == head


def test_a_right_sidebar_beside_entries_with_a_date_column_and_a_dated_line_at_the_margin():
    """Dates right-aligned inside the main column and one more date line at the main column's own
    margin (an education line): the page still splits at the sidebar's gutter. The date column's x
    is where most dates start, so the margin's headings are no "titles at the dates' x"."""
    from htdy.parsers.layout.columns import find_gutter
    from htdy.parsers.layout.model import Line, Page, Span

    def ln(text: str, x: float, top: float, bold: bool = False) -> Line:
        return Line(spans=[Span(text, x, top, x + 5.2 * len(text), top + 9, "DejaVuSans", 9.5, bold)])

    lines = [ln("Werkervaring", 49, 150, True), ln("k.rubben@example.nl", 402, 150),
             ln("Klantenservicemedewerker, Buytelaar", 49, 165, True), ln("+31 33 6172985", 402, 165),
             ln("januari 2023 – Heden", 279, 178), ln("Rotterdam", 402, 178),
             ln("Medewerker, Wassenaar BV", 49, 205, True), ln("maart 2020 – december 2022", 255, 218),
             ln("Talen", 402, 205, True), ln("Nederlands", 402, 218), ln("Engels", 402, 231),
             ln("Adviseur, Rouwhorst", 49, 245, True), ln("mei 2018 – februari 2020", 262, 258),
             ln("Opleiding", 49, 285, True), ln("2016 – 2019", 49, 298), ln("Hogeschool van Utrecht", 49, 311),
             ln("Duits", 402, 244), ln("Vaardigheden", 402, 270, True), ln("Excel", 402, 283), ln("SAP", 402, 296)]
    gutter = find_gutter(Page(width=595, height=842, lines=lines), lines)
    assert gutter is not None and 380 < gutter < 402
