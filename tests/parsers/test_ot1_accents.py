"""LaTeX without T1 font encoding builds accented letters from an accent glyph and the letter; the
text layer reads the accent first ("Cat ́olica", "Ciˆencia", "gradua ̧c ̃ao"): put back on its letter."""
from __future__ import annotations

import pytest

from htdy.parsers.layout.sanitize import fix_accents


@pytest.mark.parametrize("raw,want", [
    ("acad \u0301emica Cat \u0301olica", "académica Católica"),
    ("P \u0301os-gradua \u0327c \u0303ao", "Pós-graduação"),
    ("Mec\u02c6anica Ci\u02c6encia", "Mecânica Ciência"),
    ("Automac \u0327 \u0303ao de testes", "Automação de testes"),
    ("s \u0301\u0131laba", "sílaba"),                # a dotless i carries the accent
    ("de \u0301Evora", "de Évora"),                   # a word's space before an accented capital stays
    ("e\u0301cole, Fran\u00e7ois, José", "e\u0301cole, François, José"),  # marks already in order stay
    ("um servico\u0327 em", "um serviço em"),       # a cedilla given after the vowel that follows its letter
    ("o orca\u0327mento", "o orçamento"),
    ("semanal `a diretoria", "semanal à diretoria"),  # OT1's grave glyph reads as a backtick
    ("use `make` here", "use `make` here"),          # code in backticks stays
])
def test_accents_back_on_their_letters(raw, want):
    assert fix_accents(raw) == __import__("unicodedata").normalize("NFC", want)


def test_accent_closing_one_span_goes_on_the_letter_opening_the_next():
    from htdy.parsers.layout.model import Layout, Line, Page, Span
    from htdy.parsers.layout.sanitize import sanitize_layout

    spans = [Span(" R \u0308", 258.5, 260, 271.3, 270, "CMSSI10", 10.9), Span("omer AG", 265.6, 260, 300, 270, "CMSSI10", 10.9)]
    layout = Layout(pages=[Page(width=600, height=800, lines=[Line(spans=spans, cells=[0, 0])])], kind="pdf")
    line = sanitize_layout(layout).pages[0].lines[0]
    assert line.text == "Römer AG"


def test_accent_drawn_after_its_line_goes_back_on_the_letter_under_it():
    from htdy.parsers.layout.chars import _place_accents
    from htdy.parsers.layout.model import Span

    host = Span("Schlusselkunden", 100, 10, 175, 20, "CMSS10", 10)
    # glyph middles: 5 pt per letter from x=100
    where = [[(i, 102.5 + 5 * i) for i in range(len(host.text))]]
    acc = Span(" \u0308", 121, 9, 124, 13, "CMSS10", 10)  # over the "u" (index 4, middle 122.5)
    spans = [host, acc]
    _place_accents(spans, where + [[(1, 122.5)]])
    assert acc.text == "" and __import__("unicodedata").normalize("NFC", host.text) == "Schlüsselkunden"


def test_spacing_accent_closing_a_span_goes_on_the_next_spans_letter():
    from htdy.parsers.layout.model import Layout, Line, Page, Span
    from htdy.parsers.layout.sanitize import sanitize_layout

    spans = [Span(" Ci\u02c6", 100, 10, 110, 20, "LMSans10-Bold", 10, True), Span("encia", 110, 10, 130, 20, "LMSans10-Bold", 10, True)]
    layout = Layout(pages=[Page(width=600, height=800, lines=[Line(spans=spans, cells=[0, 0])])], kind="pdf")
    assert sanitize_layout(layout).pages[0].lines[0].text == "Ciência"
