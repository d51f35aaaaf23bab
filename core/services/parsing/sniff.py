"""Recognise a document's kind from its bytes, never from its name."""
from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Sequence
from typing import Any

from htdy.core.host.errors import ParseError

KINDS = ("pdf", "docx", "text")  # what htdy recognises itself
log = logging.getLogger("htdy.sniff")


def recognises(parser: Any) -> bool:
    """Whether a parser class can recognise kinds of its own (overrides ``Parser.sniff``)."""
    from htdy.core.host.interfaces import Parser

    fn = getattr(parser, "sniff", None)
    return fn is not None and getattr(fn, "__func__", fn) is not Parser.__dict__["sniff"].__func__


def plugin_sniffers(settings: Any, registries: Any) -> list[tuple[str, Any]]:
    """``(kind, parser class)`` for every kind ``[parsing] parsers`` maps that htdy does not
    know itself and whose parser declares it and recognises documents of it."""
    out = []
    for kind, name in settings.parsing.parsers.items():
        if kind in KINDS or name not in registries.parsers:
            continue
        cls = registries.parsers.get(name)
        if kind in tuple(getattr(cls, "kinds", ()) or ()) and recognises(cls):
            out.append((kind, cls))
    return out

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Office (OLE) document; save it as DOCX or PDF"),
    (b"{\\rtf", "an RTF document; save it as DOCX or PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"%!PS", "a PostScript file"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
)


def sniff(data: bytes, *, filename: str | None = None, sniffers: Sequence[tuple[str, Any]] = ()) -> str:
    """Return the document's kind: one a parser plugin recognises (``sniffers``, from
    ``plugin_sniffers``; asked first, so a Markdown parser can claim what would be ``text``),
    else ``"pdf"``, ``"docx"`` or ``"text"``; raise ``ParseError`` with code ``empty`` or
    ``unsupported_type`` (naming what the bytes are) otherwise."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ParseError("the document is empty", code="empty")
    for kind, parser in sniffers:
        try:
            if parser.sniff(data, filename=filename) == kind:
                return kind
        except Exception:  # noqa: BLE001 - a plugin's sniffer must not turn an upload into a 500
            log.exception("parser %s: sniff failed", getattr(parser, "name", parser))
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise ParseError("this is a WebP image, not a CV document", code="unsupported_type")
    if head[4:12] in (b"ftypheic", b"ftypmif1", b"ftypavif"):
        raise ParseError("this is an image (HEIC/AVIF), not a CV document", code="unsupported_type")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for sig, what in _SIGNATURES:
        if head.startswith(sig):
            raise ParseError(f"this is {what}, not a supported CV document (PDF, DOCX, text)",
                             code="unsupported_type")
    if _is_text(data):
        lowered = head.lstrip().lower()
        if lowered.startswith((b"<!doctype html", b"<html")):
            raise ParseError("this is an HTML page; save it as PDF", code="unsupported_type")
        return "text"
    raise ParseError("unrecognised binary data, not a PDF, DOCX or text document",
                     code="unsupported_type")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()[:5000])
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, NotImplementedError):
        raise ParseError("a damaged ZIP/DOCX archive", code="corrupt") from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise ParseError("this is an OpenDocument file; save it as DOCX or PDF", code="unsupported_type")
    if "xl/workbook.xml" in names:
        raise ParseError("this is an Excel workbook, not a CV document", code="unsupported_type")
    if "ppt/presentation.xml" in names:
        raise ParseError("this is a PowerPoint file, not a CV document", code="unsupported_type")
    raise ParseError("this is a ZIP archive, not a DOCX document", code="unsupported_type")


def _is_text(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # cut in the middle of a character
            text = sample[:exc.start].decode("utf-8", "ignore")
        else:
            try:
                text = sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    if not text:
        return False
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\r\n\f") or 0x7f <= ord(c) < 0xa0)
    return bad <= len(text) * 0.01
