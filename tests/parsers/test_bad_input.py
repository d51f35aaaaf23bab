"""Every kind of bad input fails with its stable ParseError code, never a crash."""
from __future__ import annotations

import io
import zipfile

import cvfixtures
import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ParseError
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.parsing.pipeline import parse_document
from htdy.core.services.parsing.sniff import sniff


@pytest.fixture(scope="module")
def run():
    pm = get_plugin_manager(load_entrypoints=False)
    regs = build_registries(pm)

    def _run(data: bytes, **settings):
        s = settings_from_dict(settings, environ={})
        return parse_document(data, "upload", s, regs, pm)

    return _run


def code_of(run, data: bytes, **settings) -> str:
    with pytest.raises(ParseError) as exc:
        run(data, **settings)
    return exc.value.code


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k, v in files.items():
            zf.writestr(k, v)
    return buf.getvalue()


@pytest.mark.parametrize("data,what", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "OLE"),
    (b"{\\rtf1\\ansi Hello}", "RTF"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "JPEG"),
    (b"GIF89a" + b"\x00" * 100, "GIF"),
    (_zip({"a.txt": b"hello"}), "ZIP"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "OpenDocument"),
    (bytes(range(256)) * 40, "binary"),
])
def test_unsupported_types_are_sniffed_from_content(run, data, what):
    with pytest.raises(ParseError) as exc:
        sniff(data)
    assert exc.value.code == "unsupported_type"
    assert code_of(run, data) == "unsupported_type"


def test_kind_comes_from_content_not_name(docs):
    assert sniff(docs["en_single.pdf"]) == "pdf"
    assert sniff(docs["en.docx"]) == "docx"
    assert sniff("Grüße\nJane".encode()) == "text"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\xef\xbb\xbf"])
def test_empty(run, data):
    assert code_of(run, data) == "empty"


def test_encrypted_with_password(run):
    assert code_of(run, cvfixtures.encrypted_pdf("secret")) == "encrypted"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_encrypted_with_empty_password_opens(run, backend):
    r = run(cvfixtures.encrypted_pdf(""), plugins={"parsers": {"pdf": {"backend": backend}}})
    assert r.resume["basics"]["name"] == "Encrypted Person"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_no_text_layer(run, backend):
    png = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
           "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    pdf = cvfixtures.render_pdf(f"<html><body><img src='{png}' style='width:400px'></body></html>")
    assert code_of(run, pdf, plugins={"parsers": {"pdf": {"backend": backend}}}) == "no_text_layer"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_truncated_pdf_is_corrupt(run, docs, backend):
    data = docs["en_single.pdf"][:400]
    assert code_of(run, data, plugins={"parsers": {"pdf": {"backend": backend}}}) in ("corrupt", "no_text_layer")
    assert code_of(run, b"%PDF-1.7\n" + b"garbage " * 200, plugins={"parsers": {"pdf": {"backend": backend}}}) == "corrupt"


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_too_many_pages(run, backend):
    data = cvfixtures.many_pages_pdf(3000)
    assert code_of(run, data, plugins={"parsers": {"pdf": {"backend": backend}}}) == "too_many_pages"


def test_page_limit_from_settings(run, docs):
    assert code_of(run, docs["en_single.pdf"], parsing={"max_pages": 1}) == "too_many_pages"


def test_too_large_file(run, docs):
    assert code_of(run, docs["en_single.pdf"], plugins={"parsers": {"pdf": {"max_mb": 0.001}}}) == "too_large"


def test_docx_zip_bomb(run):
    assert code_of(run, cvfixtures.zip_bomb_docx(80 * 1024 * 1024)) == "too_large"


def test_docx_entities_refused(run, docs):
    assert code_of(run, cvfixtures.entity_docx(docs["en.docx"])) == "corrupt"


def test_damaged_docx(run, docs):
    data = bytearray(docs["en.docx"])
    data[len(data) // 2:len(data) // 2 + 200] = b"\x00" * 200
    assert code_of(run, bytes(data)) == "corrupt"
    assert code_of(run, _zip({"word/document.xml": b"<not-xml"})) == "corrupt"
