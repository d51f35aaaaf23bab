"""A ligature ("ti", "fi", "ft", "ffi" in Calibri/Carlito, as LibreOffice and Word export them) is one
glyph carrying two or three letters; pdfium gives each letter the whole glyph's box. With expanded
character spacing (Word's "Expanded by 1 pt") the second letter then seemed to start far left of the
first one's end: the word was cut there ("Market ingmedewerker", "Certi ficatie")."""
from __future__ import annotations

from htdy.parsers.layout.chars import lines_from_spans, spans_from_chars


def _chars(word_boxes: list[list[tuple[str, float]]], spacing: float, size: float = 10.0):
    """Glyphs (letters, advance) set ``spacing`` apart, a space between words; a glyph of several
    letters gives each of them its box."""
    out, x = [], 50.0
    for w, glyphs in enumerate(word_boxes):
        if w:
            out.append((" ", 0, 0, 0, 0, 0, 0))
            x += 0.23 * size + spacing
        for letters, adv in glyphs:
            for ch in letters:
                out.append((ch, x, 100.0, x + adv, 100.0 + size, size, 0))
            x += adv + spacing
    return out


def _glyphs(word: str, ligatures: tuple[str, ...] = ("ffi", "ti", "fi", "ft", "tt")) -> list[tuple[str, float]]:
    out, i = [], 0
    while i < len(word):
        lig = next((lg for lg in ligatures if word.startswith(lg, i)), None)
        piece = lig or word[i]
        out.append((piece, 5.0 * len(piece)))
        i += len(piece)
    return out


def test_ligatures_in_expanded_text_keep_their_words():
    words = ["Marketingmedewerker", "Certificatie", "Stiftung", "Affiliate", "Buttons"]
    for spacing in (0.0, 0.5, 1.0, 2.0):
        spans = spans_from_chars(_chars([_glyphs(w) for w in words], spacing), [("Carlito", False, False)])
        text = lines_from_spans(spans, 0)[0].text
        assert text == " ".join(words), (spacing, text)
