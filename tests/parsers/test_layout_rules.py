"""Layout and structure rules for CVs made by LaTeX, Word, Canva and Europass, each on a small
synthetic input: TeX control-code glyphs, letter-spaced headings, label columns, list sections."""
from __future__ import annotations

import pytest

from htdy.parsers.layout import extract_layout


def _pdf(content: bytes, font: bytes) -> bytes:
    """A one-page PDF whose content stream uses ``/F1`` = ``font`` (a font dictionary)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        font,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _type3(codes: bytes) -> bytes:
    """A pdfTeX-style bitmap font: Type 3, glyphs named by number (/a21), no ToUnicode."""
    diff = b" ".join(b"%d /a%d" % (c, c) for c in sorted(set(codes)))
    procs = b" ".join(b"/a%d 6 0 R" % c for c in sorted(set(codes)))
    return (b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 0 60 70] "
            b"/FirstChar 0 /LastChar 255 /Widths [" + b" ".join([b"50"] * 256) + b"] "
            b"/Encoding << /Type /Encoding /Differences [" + diff + b"] >> /CharProcs << " + procs
            + b" >> /Resources << >> >>")


def _type3_pdf(lines: list[bytes]) -> bytes:
    content = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET " % (720 - 20 * i, t) for i, t in enumerate(lines))
    data = _pdf(content, _type3(b"".join(lines)))
    # object 6: the (empty) glyph procedure every code points to
    proc = b"<< /Length 8 >>\nstream\n50 0 d0 \nendstream"
    head, _, tail = data.partition(b"xref\n")
    body = head + b"6 0 obj\n" + proc + b"\nendobj\n"
    # rebuild the cross-reference table with the extra object
    import re
    offs = [m.start() for m in re.finditer(rb"\d+ 0 obj\n", body)]
    xref = len(body)
    out = body + f"xref\n0 {len(offs) + 1}\n0000000000 65535 f \n".encode()
    for off in offs:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(offs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_tex_t1_control_codes(backend):
    """pdfTeX's T1 fonts without ToUnicode: 0x15 is the en dash, 0x16 the em dash, 0x1B–0x1F the
    f-ligatures (0x1D "fl", which Python reads as whitespace), 0xE8 "è" (not StandardEncoding's "Ł")."""
    pdf = _type3_pdf([b"Jan 2018\x15Aug 2020", b"\x16 ML\x1dow and o\x1ece", b"Mod\xe8les"])
    texts = [ln.text for ln in extract_layout(pdf, "pdf", backend=backend).lines()]
    assert texts == ["Jan 2018\u2013Aug 2020", "\u2014 MLflow and office", "Mod\u00e8les"]


_HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_letter_spaced_text_is_read_as_words(backend):
    """Character spacing (CSS letter-spacing, Word's "expanded" text) sets every glyph apart:
    the words come back whole, a word gap is where the gap is wider than the letters' own, even
    when the words are set far apart; ordinary text keeps its spaces."""
    content = (b"BT /F1 12 Tf 3 Tc 72 720 Td (WORK EXPERIENCE) Tj ET "
               b"BT /F1 12 Tf 2 Tc 72 690 Td (ISTRUZIONE) Tj 110 0 Td (E) Tj 30 0 Td (FORMAZIONE) Tj ET "
               b"BT /F1 12 Tf 0 Tc 72 660 Td (B2 B2 C1 A B C) Tj ET")
    texts = [ln.text for ln in extract_layout(_pdf(content, _HELVETICA), "pdf", backend=backend).lines()]
    assert texts == ["WORK EXPERIENCE", "ISTRUZIONE E FORMAZIONE", "B2 B2 C1 A B C"]
