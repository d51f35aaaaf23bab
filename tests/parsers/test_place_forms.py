"""Where a person lives, however the contact block says it: labels in many languages ("Residence:",
"Based in", "Wohnhaft in"), a metropolitan area ("San Francisco Bay Area", "Greater London Area"),
a postcode inside the street part, a remote/hybrid prefix, a local name of a big city."""
from __future__ import annotations

import pytest

from htdy.parsers.base import TextParser

CASES = [
    ("San Francisco Bay Area", "San Francisco"),
    ("Greater London Area", "London"),
    ("Based in Munich, Germany", "Munich"),
    ("Residence: Bangalore, India", "Bangalore"),
    ("Adresse : 5 rue Victor Hugo 69002 Lyon", "Lyon"),
    ("Location: Remote / Berlin", "Berlin"),
    ("Göteborg", "Göteborg"),
    ("Wohnhaft in Köln", "Köln"),
    ("Hauptstraße 5, 10115 Berlin", "Berlin"),
    ("New York, NY", "New York"),
]


@pytest.mark.parametrize(("line", "city"), CASES)
def test_the_city_of_a_contact_line(line, city):
    txt = f"Jane Roe\n{line}\njane.roe@example.com | +44 20 7946 0958\n\nEXPERIENCE\nAnalyst, Initech  2019 - 2022\n- Did things\n"
    resume = TextParser(TextParser.Options()).parse(txt.encode(), filename="cv.txt").resume
    assert resume["basics"]["location"]["city"] == city
