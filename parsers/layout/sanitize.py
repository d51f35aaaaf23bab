"""Text that is safe to work on and to print.

PDF text layers hold whatever their fonts' maps say: lone UTF-16 surrogates (half of a character
beyond the Basic Multilingual Plane, which no encoder accepts), control characters, private-use
glyphs of icon fonts. :func:`sanitize_layout` runs on every backend's layout (the one place all
extraction passes through): surrogate pairs become their character (pdfium lists a character beyond
the BMP as its two halves; 𝐉𝐚𝐧𝐞 in a math alphabet is read as Jane, as NFKC reads it), a lone
surrogate U+FFFD (an unknown glyph), full-width ASCII forms (ＡＢＣ１２３：) become ASCII, the
Unicode hyphens and minus sign a font maps its hyphen to (xelatex with Lato: "2016‐01 ‐ 2019") a
hyphen-minus, and a
private-use glyph beyond the BMP the BMP's first one (U+E000), so that icon tests see one glyph
range; so does every glyph set in an icon font (marvosym, Font Awesome, academicons…), whose
glyphs a PDF often maps to plain letters (marvosym's envelope reads "B", its globe "m"). Control characters stay in the layout (a glyph without a Unicode mapping is read as its
one-byte code, the same in both PDF backends; pdfium marks a soft hyphen with U+0002).
:func:`clean_value` runs on the parse result: no private-use glyph, U+FFFD or control character
(but tab and newline) is left in a field value."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from htdy.parsers.layout.model import Layout

_SURROGATES = re.compile("[\ud800-\udfff]")
_LAYOUT_BAD = re.compile("[\ud800-\udfff\u3000\uff01-\uff5e\u2010-\u2012\u2212\U000f0000-\U0010ffff]")
# full-width forms as ASCII; the hyphens and minus a font may map its '-' to as a hyphen-minus
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20} | {
    0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2212: 0x2D}
_SUPPLEMENTARY_PUA = re.compile("[\U000f0000-\U0010ffff]")
_ICON_FONT = re.compile(r"marvosym|fontawesome|awesome\d|^fa-?(solid|regular|brands|light)|academicons|ionicons|"
                        r"octicons|material.?(icons|symbols)|feather|glyphicons|remixicon|bootstrap-?icons|"
                        r"icomoon|typicons|entypo|tabler-?icons|boxicons|phosphor|lucide", re.I)

_VALUE_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd\ufffe\uffff"
                        "\U000f0000-\U0010ffff]")
_VALUE_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\ufffe\uffff\U000f0000-\U0010ffff]")


def fix_surrogates(text: str) -> str:
    """Surrogate pairs as their character, a lone surrogate as U+FFFD."""
    if not _SURROGATES.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean_text(text: str) -> str:
    """A span's text: see the module docstring."""
    if not _LAYOUT_BAD.search(text):
        return text
    if _SURROGATES.search(text):
        text = unicodedata.normalize("NFKC", fix_surrogates(text))
    text = _SUPPLEMENTARY_PUA.sub("\ue000", text)
    return text.translate(_FULLWIDTH)


# An accent set before its letter: LaTeX's OT1 fonts (no T1 fontenc) build "ó" from an accent glyph
# and the letter, and the text layer reads "Cat ́olica", "Ciˆencia", "gradua ̧c ̃ao". Spacing accents
# map to their combining forms.
SPACING_ACCENT = {"\u00b4": "\u0301", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u00a8": "\u0308",
                   "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02d9": "\u0307",
                   "\u02da": "\u030a", "\u02dd": "\u030b", "\u00af": "\u0304"}
_ACCENT_FIRST = re.compile("( ?)([\u0300-\u036f\u00b4\u02c6\u02dc\u00a8\u00b8\u02c7\u02d8\u02d9\u02da\u02dd\u00af])"
                           "([^\\W\\d_])")


_CEDILLA_AFTER = re.compile("([cCsStT]) ?[\u0327\u00b8](?: (?=[^\\W\\d_])|(?=[\\W\\d_]|$))")


# a cedilla the text layer gives after the vowel that follows its letter ("servico̧", "orca̧mento"):
# vowels take no cedilla, the consonant before them does
_CEDILLA_LATE = re.compile("([cCsStT])([aeiouAEIOU])\u0327")


def fix_accents(text: str) -> str:
    """Accents read before their letters, put back on them ("Cat ́olica" → "Católica", "Ciˆencia" →
    "Ciência"); the accent's own gap inside a word goes, a space before an accented capital is a
    word's ("de  ́Evora"). A combining mark right after its letter is the normal order and stays."""
    text = _CEDILLA_LATE.sub("\\1\u0327\\2", text)
    if "`" in text and text.count("`") == 1:  # OT1's grave accent glyph reads as a backtick ("`a" → "à")
        text = re.sub("(?<![`\\w])`([aeiouAEIOU])", "\\1\u0300", text)
    if not _ACCENT_FIRST.search(text) and not _CEDILLA_AFTER.search(text):
        return unicodedata.normalize("NFC", text) if not text.isascii() else text
    # a cedilla is drawn after its letter: "Automac ̧ ão" → "Automaç" + "ão"
    text = _CEDILLA_AFTER.sub(lambda m: m.group(1) + "\u0327", text)

    def move(m: re.Match[str]) -> str:
        space, mark, letter = m.groups()
        j = m.start() - 1
        while j >= 0 and unicodedata.combining(text[j]):
            j -= 1  # (the base of a mark already placed: "ç" in "Automaç ̃ao")
        before = text[j] if j >= 0 else ""
        if not space and "\u0300" <= mark <= "\u036f" and before and not before.isspace():
            return m.group(0)  # "e\u0301cole": already in order
        keep = " " if space and (letter.isupper() or not before or not before.isalpha()) else ""
        return keep + ("i" if letter == "\u0131" else letter) + SPACING_ACCENT.get(mark, mark)
    return unicodedata.normalize("NFC", _ACCENT_FIRST.sub(move, text))


_TRAILING_ACCENT = re.compile("(?:(?:^|\\s)([\u0300-\u036f])|([\u00b4\u02c6\u02dc\u00a8\u00b8\u02c7\u02d8\u02d9\u02da\u02dd\u00af]))$")


def sanitize_layout(layout: Layout) -> Layout:
    for page in layout.pages:
        for ln in page.lines:
            for a, b in zip(ln.spans, ln.spans[1:], strict=False):
                # the accent closes one span (or is one, in its own font), its letter opens the next
                # (italic "R ̈" + "omer", "Ci" + "ˆ" + "encia"): it moves before the letter
                m = _TRAILING_ACCENT.search(a.text)
                if m and b.text[:1].isalpha():
                    a.text = a.text[:m.start()]
                    b.text = (m.group(1) or m.group(2)) + b.text
            for sp in ln.spans:
                if sp.font and _ICON_FONT.search(sp.font.split("+")[-1]):
                    sp.text = re.sub(r"\S", "\ue000", sp.text)
                else:
                    sp.text = fix_accents(clean_text(sp.text))
    for link in layout.links:
        link.url = clean_text(link.url)
    return layout


def clean_value(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings) with every string cleaned for output."""
    if isinstance(value, str):
        if not _VALUE_BAD.search(value):
            return value
        s = _VALUE_DROP.sub(" ", fix_surrogates(value).replace("\r\n", "\n"))
        s = _VALUE_DROP.sub(" ", s)  # (U+FFFD left by a lone surrogate)
        return re.sub(r"[ \u00a0]{2,}", " ", s).strip()
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_value(v) for v in value)
    return value
