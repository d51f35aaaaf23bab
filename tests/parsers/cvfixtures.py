"""Test CVs written for these tests: HTML (rendered to PDF with WeasyPrint) in several
layouts and languages, DOCX built with python-docx, and hand-made bad input."""
from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

from cvdata import CV_DE, CV_EN, CV_ES, CV_FR, CV_IT, CV_NL, CV_PL, CV_PT  # noqa: F401 (re-exported)

CSS_SINGLE = """
@page { size: A4; margin: 18mm; @top-right { content: "Curriculum Vitae"; font-size: 8pt }
        @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }
h1 { font-size: 24pt; margin: 0 } .label { font-size: 13pt; margin: 0 0 6pt 0 }
h2 { font-size: 13pt; font-weight: bold; border-bottom: 1px solid #444; margin-top: 12pt }
.row { display: flex; justify-content: space-between } .row b { font-weight: bold }
ul { margin: 2pt 0 6pt 14pt; padding: 0 }
"""

CSS_SIDEBAR = """
@page { size: A4; margin: 12mm }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; }
.wrap { display: flex } .side { width: 34%; padding-right: 10mm } .main { width: 66% }
h1 { font-size: 22pt; margin: 0 } h2 { font-size: 12.5pt; font-weight: bold; margin: 10pt 0 4pt 0 }
.entry b { font-weight: bold } p { margin: 1pt 0 }
"""


def single_column_html(cv: dict[str, Any]) -> str:
    """One column; company and dates on one row (dates right-aligned)."""
    h = cv["headings"]
    parts = [f"<h1>{cv['name']}</h1><p class='label'>{cv['label']}</p>",
             f"<p>{cv['city']} | <a href='mailto:{cv['email']}'>{cv['email']}</a> | {cv['phone']} | "
             f"<a href='https://github.com/{cv['github']}'>GitHub</a></p>",
             f"<h2>{h['summary']}</h2><p>{cv['summary']}</p>", f"<h2>{h['work']}</h2>"]
    for w in cv["work"]:
        parts.append(f"<div class='row'><span><b>{w['position']}</b>, {w['name']}</span>"
                     f"<span>{w['dates']}</span></div>")
        parts.append("<ul>" + "".join(f"<li>{x}</li>" for x in w["highlights"]) + "</ul>")
    parts.append(f"<h2>{h['education']}</h2>")
    for e in cv["education"]:
        parts.append(f"<div class='row'><span><b>{e['institution']}</b></span><span>{e['dates']}</span></div>"
                     f"<p>{e['degree']}</p>")
    parts.append(f"<h2>{h['skills']}</h2>")
    for name, kws in cv["skills"]:
        parts.append(f"<p><b>{name}:</b> {', '.join(kws)}</p>")
    parts.append(f"<h2>{h['languages']}</h2><p>{cv['languages']}</p>")
    filler = "<p>" + ("Additional details about projects and responsibilities. " * 25) + "</p>"
    parts.append(f"<h2>{h['projects']}</h2>" + filler * cv.get("filler", 0))
    return f"<html><head><meta charset='utf-8'><style>{CSS_SINGLE}</style></head><body>{''.join(parts)}</body></html>"


def sidebar_html(cv: dict[str, Any]) -> str:
    """Two columns: contact/skills/languages in a sidebar, experience on the right."""
    h = cv["headings"]
    side = [f"<h2>{h['contact']}</h2><p>{cv['email']}</p><p>{cv['phone']}</p><p>{cv['city']}</p>",
            f"<p><a href='https://www.linkedin.com/in/{cv['linkedin']}'>LinkedIn</a></p>",
            f"<h2>{h['skills']}</h2>"]
    for name, kws in cv["skills"]:
        side.append(f"<p><b>{name}</b></p>" + "".join(f"<p>{k}</p>" for k in kws))
    side.append(f"<h2>{h['languages']}</h2><p>{cv['languages']}</p>")
    main = [f"<h1>{cv['name']}</h1><p>{cv['label']}</p>", f"<h2>{h['summary']}</h2><p>{cv['summary']}</p>",
            f"<h2>{h['work']}</h2>"]
    for w in cv["work"]:
        main.append(f"<div class='entry'><p><b>{w['name']}</b></p><p>{w['position']}</p><p>{w['dates']}</p>"
                    + "".join(f"<p>• {x}</p>" for x in w["highlights"]) + "</div><br>")
    main.append(f"<h2>{h['education']}</h2>")
    for e in cv["education"]:
        main.append(f"<p><b>{e['institution']}</b></p><p>{e['degree']}</p><p>{e['dates']}</p>")
    body = f"<div class='wrap'><div class='side'>{''.join(side)}</div><div class='main'>{''.join(main)}</div></div>"
    return f"<html><head><meta charset='utf-8'><style>{CSS_SIDEBAR}</style></head><body>{body}</body></html>"


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def build_docx(cv: dict[str, Any]) -> bytes:
    """A Word CV: name as Title, contact row in a header table, hyperlinks, a footer,
    run-level bold entry titles and dates in a two-cell table row."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = f"{cv['name']} – CV"
    d.sections[0].footer.paragraphs[0].text = "Confidential"
    d.add_heading(cv["name"], level=0)
    d.add_paragraph(cv["label"])
    t = d.add_table(rows=1, cols=3)
    t.cell(0, 0).text = cv["email"]
    t.cell(0, 1).text = cv["phone"]
    t.cell(0, 2).text = cv["city"]
    p = d.add_paragraph()
    rid = d.part.relate_to(f"https://www.linkedin.com/in/{cv['linkedin']}", RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "LinkedIn profile"
    run.append(text)
    link.append(run)
    p._p.append(link)
    h = cv["headings"]
    d.add_heading(h["summary"], level=1)
    d.add_paragraph(cv["summary"])
    d.add_heading(h["work"], level=1)
    for w in cv["work"]:
        row = d.add_table(rows=1, cols=2)
        cp = row.cell(0, 0).paragraphs[0]
        cp.add_run(w["position"]).bold = True
        cp.add_run(", " + w["name"])
        row.cell(0, 1).text = w["dates"]
        for x in w["highlights"]:
            d.add_paragraph(x, style="List Bullet")
    d.add_heading(h["education"], level=1)
    for e in cv["education"]:
        pp = d.add_paragraph()
        pp.add_run(e["institution"]).bold = True
        pp.add_run(" | " + e["dates"])
        d.add_paragraph(e["degree"])
    d.add_heading(h["skills"], level=1)
    for name, kws in cv["skills"]:
        pp = d.add_paragraph()
        pp.add_run(name + ": ").bold = True
        pp.add_run(", ".join(kws))
    d.add_heading(h["languages"], level=1)
    d.add_paragraph(cv["languages"])
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------ bad input helpers
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: str, text: str = "Encrypted Person") -> bytes:
    """A one-page PDF encrypted with the standard security handler (RC4, 40 bit, R2)."""
    owner = b"owner-secret"
    file_id = hashlib.md5(b"htdy-test").digest()
    o_key = hashlib.md5((owner + PAD)[:32]).digest()[:5]
    o_val = rc4(o_key, (user_password.encode() + PAD)[:32])
    p_val = -4
    key = hashlib.md5((user_password.encode() + PAD)[:32] + o_val + p_val.to_bytes(4, "little", signed=True)
                      + file_id).digest()[:5]
    u_val = rc4(key, PAD)

    def enc(num: int, data: bytes) -> bytes:
        k = hashlib.md5(key + num.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return rc4(k, data)

    content = enc(4, f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode())
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_val.hex().encode() + b"> /U <" + u_val.hex().encode()
        + b"> /P -4 >>",
    ]
    return assemble_pdf(objs, f" /Encrypt 6 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]")


def one_page_pdf(content: bytes, font: bytes) -> bytes:
    """A hand-written one-page PDF whose content stream uses ``/F1`` = ``font`` (a font dictionary)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        font,
    ]
    return assemble_pdf(objs)


def assemble_pdf(objs: list[bytes], trailer_extra: str = "") -> bytes:
    """Objects 1..n (object 1 the catalog) with a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{trailer_extra} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def unmapped_glyphs_pdf() -> bytes:
    """One page in a simple font whose encoding names glyphs no Unicode table knows: an icon
    at code 1, a symbol at the code of "{" (how TeX bullets and icon fonts often arrive)."""
    content = b"BT /F1 14 Tf 72 720 Td (Team {Lead) Tj ET BT /F1 14 Tf 72 690 Td (\x01Icon) Tj ET"
    return one_page_pdf(content, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                                 b"/Differences [1 /icon.house 123 /zz123] >> >>")


def many_pages_pdf(n: int) -> bytes:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument.new()
    for _ in range(n):
        pdf.new_page(200, 200)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def zip_bomb_docx(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * size + b"</w:document>")
    return buf.getvalue()


def entity_docx(base: bytes) -> bytes:
    """A valid DOCX whose document.xml declares entities (billion laughs style)."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                decl, rest = data.split(b"?>", 1)
                data = (decl + b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                        + rest)
            zf.writestr(info, data)
    return buf.getvalue()


CSS_MODERN = """
@page { size: A4; margin: 15mm }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt }
h1 { font-size: 26pt; font-weight: normal; margin: 0 } .title { font-size: 14pt; color: #555; margin: 0 0 8pt 0 }
h2 { font-size: 14pt; font-weight: normal; color: #36c; margin: 12pt 0 4pt 0 }
table { border-collapse: collapse; width: 100% } td { vertical-align: top; padding: 1pt 0 }
td.d { width: 28mm; text-align: right; padding-right: 6mm; color: #555 }
"""


def dates_left_html(cv: dict[str, Any]) -> str:
    """moderncv-style (LaTeX): a narrow date column on the left, details on the right."""
    h = cv["headings"]
    rows = [f"<h1>{cv['name']}</h1><p class='title'>{cv['label']}</p>",
            f"<p>{cv['city']} · {cv['phone']} · {cv['email']}</p>",
            f"<h2>{h['work']}</h2><table>"]
    for w in cv["work"]:
        rows.append(f"<tr><td class='d'>{w['dates']}</td><td><b>{w['position']}</b>, <i>{w['name']}</i>"
                    + "".join(f"<br>– {x}" for x in w["highlights"]) + "</td></tr>")
    rows.append(f"</table><h2>{h['education']}</h2><table>")
    for e in cv["education"]:
        rows.append(f"<tr><td class='d'>{e['dates']}</td><td><b>{e['degree']}</b>, <i>{e['institution']}</i>"
                    "</td></tr>")
    rows.append(f"</table><h2>{h['skills']}</h2><table>")
    for name, kws in cv["skills"]:
        rows.append(f"<tr><td class='d'>{name}</td><td>{', '.join(kws)}</td></tr>")
    rows.append(f"</table><h2>{h['languages']}</h2><p>{cv['languages']}</p>")
    return f"<html><head><meta charset='utf-8'><style>{CSS_MODERN}</style></head><body>{''.join(rows)}</body></html>"


def date_first_html(cv: dict[str, Any]) -> str:
    """Dates on their own line above each entry; upper-case headings; company — city."""
    h = cv["headings"]
    css = ("body{font-family:'DejaVu Sans';font-size:10pt} h1{font-size:22pt} "
           "h2{font-size:13pt;text-transform:uppercase;letter-spacing:1px} .d{color:#666;font-size:9pt} p{margin:1pt 0}")
    parts = [f"<h1>{cv['name']}</h1><p>{cv['label']}</p>",
             f"<p>{cv['email']} • {cv['phone']} • {cv['city']} • github.com/{cv['github']}</p>",
             f"<h2>{h['summary']}</h2><p>{cv['summary']}</p>", f"<h2>{h['work']}</h2>"]
    for w in cv["work"]:
        parts.append(f"<p class='d'>{w['dates']}</p><p><b>{w['position']}</b></p><p><i>{w['name']}</i> — "
                     f"{cv['city'].split(',')[0]}</p><ul>" + "".join(f"<li>{x}</li>" for x in w["highlights"]) + "</ul>")
    parts.append(f"<h2>{h['education']}</h2>")
    for e in cv["education"]:
        parts.append(f"<p class='d'>{e['dates']}</p><p><b>{e['institution']}</b></p><p>{e['degree']}</p>")
    parts.append(f"<h2>{h['skills']}</h2><p>{' · '.join(k for _, kws in cv['skills'] for k in kws)}</p>")
    parts.append(f"<h2>{h['languages']}</h2><p>{cv['languages']}</p>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


def europass_html(cv: dict[str, Any]) -> str:
    """Europass-style: labelled contact fields, "[ dates ] Position", "Company City: X | Country: Y"."""
    css = ("body{font-family:'DejaVu Sans';font-size:9.5pt} h1{font-size:20pt} "
           "h2{font-size:11pt;font-weight:bold;border-bottom:1px solid #00c} p{margin:2pt 0}")
    city, country = [x.strip() for x in cv["city"].split(",")]
    parts = [f"<h1>{cv['name']}</h1>",
             f"<p><b>Phone number:</b> {cv['phone']} | <b>Email address:</b> {cv['email']}</p>",
             f"<p><b>Address:</b> Via Roma 10, 40121, {city}, {country} (Home)</p><h2>WORK EXPERIENCE</h2>"]
    for w in cv["work"]:
        parts.append(f"<p>[ {w['dates']} ] <b>{w['position']}</b></p>"
                     f"<p><b>{w['name']}</b> City: {city} | Country: {country}</p>"
                     + "".join(f"<p>• {x}</p>" for x in w["highlights"]))
    parts.append("<h2>EDUCATION AND TRAINING</h2>")
    for e in cv["education"]:
        parts.append(f"<p>[ {e['dates']} ] <b>{e['degree']}</b></p><p><b>{e['institution']}</b> "
                     f"Address: Piazza 1, {city}, {country}</p>")
    parts.append("<h2>LANGUAGE SKILLS</h2><p>Mother tongue(s): <b>ITALIAN</b></p>"
                 "<p>Other language(s): <b>ENGLISH</b> C1</p><h2>DIGITAL SKILLS</h2>")
    parts.append("<p>" + " | ".join(k for _, kws in cv["skills"] for k in kws) + "</p>")
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(parts)}</body></html>"


def word_two_column_docx(cv: dict[str, Any]) -> bytes:
    """A Word template laid out as one two-cell table: contact and skills on the left,
    the CV on the right; dates after a tab; bold run-level titles."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    left, right = d.add_table(rows=1, cols=2).rows[0].cells
    left.paragraphs[0].add_run(cv["headings"]["contact"].upper()).bold = True
    for x in (cv["email"], cv["phone"], cv["city"]):
        left.add_paragraph(x)
    left.add_paragraph().add_run(cv["headings"]["skills"].upper()).bold = True
    for _, kws in cv["skills"]:
        for k in kws:
            left.add_paragraph(k)
    run = right.paragraphs[0].add_run(cv["name"])
    run.bold = True
    run.font.size = Pt(24)
    right.add_paragraph(cv["label"])
    right.add_paragraph().add_run(cv["headings"]["work"].upper()).bold = True
    for w in cv["work"]:
        p = right.add_paragraph()
        p.add_run(w["name"]).bold = True
        p.add_run("\t" + w["dates"])
        right.add_paragraph(w["position"])
        for x in w["highlights"]:
            right.add_paragraph(x, style="List Bullet")
    right.add_paragraph().add_run(cv["headings"]["education"].upper()).bold = True
    for e in cv["education"]:
        p = right.add_paragraph()
        p.add_run(e["institution"]).bold = True
        p.add_run("\t" + e["dates"])
        right.add_paragraph(e["degree"])
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
