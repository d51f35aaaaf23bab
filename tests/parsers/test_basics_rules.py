"""Rules for the CV owner's name, contacts and place, each on a small layout built here
(lines with their font size and position), in the shapes Europass, Canva, Word and LaTeX
templates give them."""
from __future__ import annotations

from typing import Any

import pytest

from htdy.parsers.extract.basics import basics, find_name, region_hint
from htdy.parsers.extract.contacts import address_location
from htdy.parsers.extract.sections import Section
from htdy.parsers.layout.model import Layout, Line, Link, Page, Span


def _line(cells: list[str] | str, size: float = 10.0, top: float = 0.0, x0: float = 50.0, source: str = "body",
          page: int = 0) -> Line:
    cells = [cells] if isinstance(cells, str) else cells
    spans, ids, x = [], [], x0
    for c, text in enumerate(cells):
        w = len(text) * size * 0.5
        spans.append(Span(text, x, top, x + w, top + size, size=size))
        ids.append(c)
        x += w + 4 * size
    return Line(spans, page=page, cells=ids, source=source)


def _layout(rows: list[tuple], geometry: bool = True) -> tuple[Layout, list[Line]]:
    """rows: (cells, size[, x0]) from the top of the page down."""
    lines, top = [], 30.0
    for row in rows:
        cells, size = row[0], row[1]
        x0 = row[2] if len(row) > 2 else 50.0
        lines.append(_line(cells, size, top, x0))
        top += size * 1.3
    return Layout(pages=[Page(595, 842, lines)], has_geometry=geometry), lines


def _name(rows: list[tuple], margins: list[Line] | None = None, geometry: bool = True) -> str | None:
    layout, lines = _layout(rows, geometry)
    found = find_name(layout, lines, margins)
    return found.name if found else None


def test_cv_titles_and_job_titles_are_no_names():
    assert _name([("Lebenslauf", 24), ("Persönliche Daten", 12), (["Name", "Thomas Becker"], 10.5),
                  (["E-Mail", "thomas.becker@example.de"], 10.5)]) == "Thomas Becker"
    assert _name([("Europass Curriculum Vitae", 13), ("Data Analyst", 17), ("Olivia Harrington", 11),
                  ("olivia.harrington@example.co.uk", 10)]) == "Olivia Harrington"
    assert _name([("POSIZIONE RICOPERTA", 13), ("Giulia Moretti", 10)]) == "Giulia Moretti"


def test_the_name_spelled_by_the_email_wins_over_a_larger_label():
    assert _name([(["Sanne de Vries", "sanne.devries@example.nl"], 12.7), ("VERPLEEGKUNDIGE", 16),
                  ("P R O F I E L", 12)]) == "Sanne de Vries"
    # a user name spelling the address is one word: not the name
    assert _name([("Andrey Yastrebov", 30), ("me@ayastrebov.com   AYastrebov", 10)]) == "Andrey Yastrebov"
    # the larger of two texts that both spell the address
    assert _name([("David Barreiro Salgueiro", 30), ("david.barreiro@example.es", 7.5),
                  ("David Barreiro", 7.5)]) == "David Barreiro Salgueiro"


def test_leading_labels_are_cut_off_the_name():
    assert _name([(["europass Curriculum Vitae"], 12), ("PERSONAL INFORMATION Olivia Harrington", 10.7),
                  ("Data Analyst", 17)]) == "Olivia Harrington"
    assert _name([("Europass Curriculum Vitae", 13), ("Información personal", 11),
                  ("Nombre(s) / Apellido(s) Javier Romero Castillo", 12),
                  ("Nacionalidad Española", 9.5)]) == "Javier Romero Castillo"
    assert _name([("Imię i nazwisko", 17), ("Katarzyna Wiśniewska", 16)]) == "Katarzyna Wiśniewska"


def test_name_split_over_lines_of_the_same_size():
    assert _name([("MARTA", 29.3, 26), ("GIL", 29.3, 26), ("NAVARRO", 29.3, 26),
                  ("D I S E Ñ A D O R A", 11.3, 26)]) == "Marta Gil Navarro"


def test_letter_spaced_name_is_cut_where_the_email_is():
    assert _name([("C H L O É M A R T I N", 36), ("C O N T A C T", 13), ("chloe.martin@example.fr", 11.7)]) \
        == "Chloé Martin"


def test_photo_initials_are_no_name():
    assert _name([("LH", 26.7), ("K O N T A K T", 13.3), ("Lena Hoffmann", 20)]) == "Lena Hoffmann"


def test_name_in_the_page_header_only():
    header = [_line("ANTOINE LEFÈVRE", 16, 0, 0, source="header"),
              _line("44000 Nantes • +33 6 12 34 56 78 • antoine.lefevre@example.fr", 9, 21, 0, source="header")]
    assert _name([("Ingénieur DevOps", 13), ("EXPÉRIENCE PROFESSIONNELLE", 11.5)], header, geometry=False) \
        == "Antoine Lefèvre"


def test_name_and_title_on_one_line():
    layout, lines = _layout([("Nicolas Girard | Data scientist", 24.8), ("31000 Toulouse", 10.9)])
    found = find_name(layout, lines)
    assert found is not None and (found.name, found.label) == ("Nicolas Girard", "Data scientist")


def test_name_with_particles():
    assert _name([(["Thijs van den Berg", "Eindhoven"], 33.9), ("Embedded Software Engineer", 17.2)]) \
        == "Thijs van den Berg"


def _basics(preamble: list[tuple], rest: list[tuple] = (), margins: list[Line] | None = None) -> dict[str, Any]:
    """basics() with ``preamble`` rows before the first heading and ``rest`` in a work section."""
    layout, lines = _layout(list(preamble) + list(rest))
    pre = Section("preamble", "", lines[:len(preamble)])
    work = Section("work", "Work", lines[len(preamble):])
    return basics(layout, lines, [pre, work] if preamble else [work], {}, {}, extra_scope=margins)


def test_labelled_phone_beats_a_postcode():
    b = _basics([("Endereço: Rua de Santa Catarina 112, 4000-442 Porto, Portugal (Casa)", 10.7),
                 ("Endereço de e-mail: ines.carvalho@example.pt", 10.7),
                 ("Número de telefone: (+351) 912 345 678 (Telemóvel)", 10.7)])
    assert b["phone"] == "(+351) 912 345 678"


def test_phone_outside_the_contact_lines():
    # a contact block right of the name, read after the sections in text order
    b = _basics([], [("jan. 2019 – heden", 11.5), ("Verpleegkundige cardiologie", 13.3), ("Team van 1200000 mensen", 13),
                     ("06-12345678", 12.7, 498)])
    assert b["phone"] == "06-12345678"
    b = _basics([], [("Estagiário", 12), ("C O N T A T O +55 11 98765-4321", 10.9, 414)])
    assert b["phone"] == "+55 11 98765-4321"


def test_region_hint_from_the_email():
    assert region_hint("ines@example.pt") == "PT"
    assert region_hint("rafael@example.com.br") == "BR"
    assert region_hint("ann@example.com") is None
    assert region_hint("x@studio.io") is None


@pytest.mark.parametrize("text,city,region", [
    ("Rua de Santa Catarina 112, 4000-442 Porto, Portugal (Casa)", "Porto", "Portugal"),
    ("ul. Długa 14/3, 31-147 Kraków, Polska", "Kraków", "Polska"),
    ("⌂ 14 Oldham Street, Manchester M1 1JQ (United Kingdom)", "Manchester", "United Kingdom"),
    ("Austin, TX 78704", "Austin", "TX"),
    ("28015 Madrid", "Madrid", None),
    ("1012 AB Amsterdam", "Amsterdam", None),
    ("Milano (MI)", "Milano", "MI"),
    ("Torino (TO)", "Torino", "TO"),
    ("Calle de Colón 18, 3º B, 46004 Valencia (España)", "Valencia", "España"),
    ("Karl-Liebknecht-Straße 40, 04275 Leipzig", "Leipzig", None),
    ("Adresse: 12 rue de la République, 69002 Lyon, France (Domicile)", "Lyon", "France"),
    ("Hauptstraße 3, 12345 Kleinhausen", "Kleinhausen", None),  # not in the gazetteer: after the postcode
    ("Upon request Somerville Massachusetts 02143 US", "Somerville", None),
])
def test_addresses_in_eu_and_us_formats(text, city, region):
    loc = address_location(text)
    assert loc is not None and loc["city"] == city
    assert (loc.get("region") or loc.get("countryCode")) == region or region is None


def test_labels_and_initials_are_no_places():
    b = _basics([("JOB APPLIED FOR", 10.7), ("PERSONAL INFORMATION", 10), ("INFORMAZIONI PERSONALI", 10),
                 ("⌂ 14 Oldham Street, Manchester M1 1JQ (United Kingdom)", 11.5), ("✆ +44 7700 900481", 11.5)])
    assert b["location"]["city"] == "Manchester"
    b = _basics([("LH", 26), ("✆ +49 176 4432 1190", 11.5), ("Prototyping.", 11.5), ("SAP FI", 11)])
    assert "location" not in b


def test_place_after_a_glyph_or_in_a_contact_block_outside_the_contact_lines():
    b = _basics([], [("Senior UX Designerin", 13), ("✉ lena@example.de", 11.5), ("⌂ München", 11.5)])
    assert b["location"]["city"] == "München"
    b = _basics([], [("jan. 2019 – heden", 11.5), ("Wijkverpleegkundige", 13), ("06-12345678", 12.7, 498),
                     ("Utrecht", 12.7, 520)])
    assert b["location"]["city"] == "Utrecht"
    footer = [_line("28015 Madrid", 10.9, 745, 266, source="footer"),
              _line("M +34 699 88 77 66 • E pablo.ruiz@example.es", 10.9, 754, 132, source="footer")]
    b = _basics([], [("Ingeniero de software", 12)], margins=footer)
    assert b["location"]["city"] == "Madrid" and b["phone"] == "+34 699 88 77 66"
    b = _basics([("Karl-Liebknecht-Straße 40, 04275 Leipzig M +49 341 9876 5432", 10)])
    assert b["location"]["city"] == "Leipzig" and b["phone"] == "+49 341 9876 5432"


def _urls(b: dict[str, Any]) -> list[str]:
    return ([b["url"]] if b.get("url") else []) + [p["url"] for p in b.get("profiles", [])]


def test_url_wrapped_at_a_hyphen_is_joined():
    b = _basics([("☎ 06 72 45 18 39", 11.7), ("in linkedin.com/in/chloe-martin\ufffe", 11.7), ("events", 11.7)])
    assert _urls(b) == ["https://linkedin.com/in/chloe-martin-events"]


def test_template_footer_site_is_not_the_persons():
    footer = [_line("© Unione europea, 2002-2015 | europass.cedefop.europa.eu Pagina 1 / 1", 7, 800, source="footer")]
    b = _basics([("✉ giulia.moretti@example.it", 9)], margins=footer)
    assert _urls(b) == []
    b = _basics([("✉ giulia.moretti@example.it", 9), ("Europass: europass.cedefop.europa.eu/cv", 9)])
    assert _urls(b) == []


def test_urls_outside_the_contact_lines():
    # a sidebar painted before the name: profiles after icon-font glyphs
    b = _basics([], [("Estagiário", 12), ("\uf09b github.com/rafaelsouzalima", 10.9, 415),
                     ("\uf08c linkedin.com/in/rafaelsouzalima", 10.9, 415),
                     ("Projeto: github.com/acme/tool e example.org", 10)])
    assert _urls(b) == ["https://github.com/rafaelsouzalima", "https://linkedin.com/in/rafaelsouzalima"]
    # a contact row under the name band: a bare host name
    b = _basics([], [("Marketing", 12), (["(312) 555-0147", "\uf0e0 marcus.reed@example.com", "\uf3c5 Chicago, IL",
                                          "\uf0ac marcusreed.example.com"], 11.2, 48)])
    assert _urls(b) == ["https://marcusreed.example.com"] and b["location"] == {"city": "Chicago", "region": "IL"}
    # a link target on the contact row at the foot of the page (moderncv casual)
    layout, lines = _layout([("Ingeniero de software", 12), ("C1", 10),
                             ("M +34 699 88 77 66 • E pablo.ruiz@example.es • gh pabloruizh", 10.9)])
    top = lines[2].top
    layout.links.append(Link("https://github.com/pabloruizh", 0, (400, top, 460, top + 10)))
    b = basics(layout, lines, [Section("skills", "Skills", lines)], {}, {})
    assert _urls(b) == ["https://github.com/pabloruizh"]


def test_gazetteer_is_read_from_a_cache_file(tmp_path, monkeypatch):
    from htdy.parsers.extract import places

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    places._gazetteer.cache_clear()
    try:
        built = places._gazetteer()
        files = list((tmp_path / "htdy").glob("gazetteer-*.txt"))
        assert len(files) == 1 and built[0] and built[1]
        places._gazetteer.cache_clear()
        assert places._gazetteer() == built  # read back from the file, same names
        assert places.is_city("Kraków") and places.is_region("California") and not places.is_city("Prototyping")
        # a stale or foreign file is rebuilt
        files[0].write_text("something else\n", encoding="utf-8")
        places._gazetteer.cache_clear()
        assert places._gazetteer() == built
    finally:
        places._gazetteer.cache_clear()


def test_name_at_the_head_of_a_longer_line():
    assert _name([("Andrey Yastrebov, iOS Software Engineer", 20), ("me@ayastrebov.com | Berlin", 12)]) \
        == "Andrey Yastrebov"
    assert _name([("Abdel Elissaoui abdelmounhim@free.fr 06.88.23.43.20", 18), ("Architecte Logiciel", 40),
                  ("France", 18, 538)]) == "Abdel Elissaoui"
    assert _name([("Abdel Elissaoui Architecte Logiciel full-Stack Api DevOps", 28), ("CONTACT", 19)]) \
        == "Abdel Elissaoui"


def test_two_line_name_with_a_title_prefix():
    assert _name([("Ing. Ondrej", 80, 24), ("Sevcik", 80, 24), ("Programmer", 40, 26)]) == "Ing. Ondrej Sevcik"


@pytest.mark.parametrize("rows", [
    [("Mocha, nUnit, jUnit", 10.8)],                     # a skills list
    [("Github: jdoe", 10), ("AbdelMounhim", 10)],        # a user name
    [("jane.roe@example.com", 10), ("Jane Roe", 10)],    # the name again
    [(["NPM", "Stack Overflow"], 10), ("jd@example.com", 10)],
    [("Region", 10), ("jd@example.com", 10)],
])
def test_no_place(rows):
    assert "location" not in _basics(rows)


def test_postcode_as_a_part_of_its_own():
    b = _basics([("Upon request, 02143, Somerville, Massachusetts (US)", 14)])
    assert b["location"]["city"] == "Somerville"


def test_a_networks_company_page_is_no_personal_site():
    b = _basics([("jd@example.com | https://www.linkedin.com/company/18391 | https://github.com/jdoe", 10)])
    assert _urls(b) == ["https://github.com/jdoe"]


def test_local_city_names_and_unknown_city_after_a_postcode():
    from htdy.parsers.extract.places import is_city

    assert all(is_city(c) for c in ("Milano", "Warszawa", "Lisboa", "Torino", "München", "Bruxelles"))
    assert not is_city("Prototyping")
    assert _basics([("ul. Polna 3, 00-001 Warszawa", 10), ("jan.kowalski@example.pl", 10)])["location"]["city"] \
        == "Warszawa"
    assert _basics([("Dorfstraße 3, 54321 Kleinhausen", 10), ("k@example.de", 10)])["location"]["city"] \
        == "Kleinhausen"


@pytest.mark.parametrize("label", ["Nombre(s) / Apellido(s)", "Vorname(n) / Nachname(n)", "Nome(s) / Apelido(s)",
                                   "Voornaam / Achternaam", "Nom(s) / Prénom(s)", "Imię (imiona) / Nazwisko (nazwiska)",
                                   "Imię i nazwisko", "Nome e cognome", "Cognome Nome", "Name:"])
def test_europass_name_labels_in_eight_languages(label):
    assert _name([("Curriculum Vitae", 16), (f"{label} Ana Lima Rocha", 11), ("Data Analyst", 14)]) \
        == "Ana Lima Rocha"
    assert _name([("Curriculum Vitae", 16), ([label, "Ana Lima Rocha"], 11)]) == "Ana Lima Rocha"


def test_an_address_under_the_name_is_no_label():
    layout, lines = _layout([("Olivia Harrington", 17.3), ("⌂ 14 Oldham Street, Manchester M1 1JQ (United Kingdom)", 11.5),
                             ("✆ +44 7700 900481", 11.5)])
    found = find_name(layout, lines)
    assert found is not None and found.label is None
    layout, lines = _layout([("Olivia Harrington", 17.3), ("14 Oldham Street, Manchester", 11.5)])
    found = find_name(layout, lines)
    assert found is not None and found.label is None


def test_places_and_numbers_outside_the_contact_lines_need_contact_company():
    # no place in the contact lines: the first job's place is not where the person lives
    b = _basics([], [("Software Engineer", 12), (["Acme GmbH", "Berlin, Germany"], 10),
                     ("Built the billing platform", 10)])
    assert "location" not in b
    # an identity number is no phone; the labelled number is
    b = _basics([("NIP 123-456-78-90", 10), ("Tel. 600 100 200", 10), ("jan@example.pl", 10)])
    assert b["phone"] == "600 100 200"


def test_a_street_line_under_the_name_is_no_label():
    layout, lines = _layout([("Jean-Pierre Martin", 18), ("12 avenue Foch", 10), ("69006 Lyon", 10)])
    found = find_name(layout, lines)
    assert found is not None and found.label is None
    assert address_location("Torino (TO)") == {"city": "Torino", "region": "TO"}


@pytest.mark.parametrize("title", ["Curriculum Vitae de", "Lebenslauf von", "Resume of", "CV di", "CV –"])
def test_cv_title_with_the_name(title):
    assert _name([(f"{title} Marie Curie", 20), ("Physicist", 12)]) == "Marie Curie"


@pytest.mark.parametrize("name", ["Jane Doe, PhD", "Ing. Jan Novák, Ph.D.", "Jane Doe, MBA, CPA", "John Roe, Jr."])
def test_names_with_post_nominal_letters(name):
    assert _name([(name, 24), ("Senior Data Analyst", 12), ("jane.doe@example.com", 10)]) == name


def test_a_degree_line_is_still_no_name():
    assert _name([("Master of Science, PhD", 14), ("Ana Silva", 22), ("ana.silva@example.com", 10)]) == "Ana Silva"


@pytest.mark.parametrize("text, city", [("272 42 Helsingborg", "Helsingborg"), ("111 22 Praha", "Praha"),
                                        ("01310-100 São Paulo", "São Paulo"), ("1438-186 Lisboa", "Lisboa")])
def test_postcodes_of_more_countries(text, city):
    assert (address_location(text) or {}).get("city") == city


@pytest.mark.parametrize("url, kept", [("tel:0434816363", ""), ("mailto:a@b.org", ""), ("sms:+4412345", ""),
                                       ("localhost:8080/cv", "localhost:8080/cv"),
                                       ("https://ana.dev", "https://ana.dev")])
def test_link_targets_that_are_no_web_pages(url, kept):
    """A template's tel: link is the phone, not a web site (it displaced the personal site)."""
    from htdy.parsers.extract.contacts import clean_url

    assert clean_url(url) == kept
