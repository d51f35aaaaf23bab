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
])
def test_accents_back_on_their_letters(raw, want):
    assert fix_accents(raw) == __import__("unicodedata").normalize("NFC", want)
