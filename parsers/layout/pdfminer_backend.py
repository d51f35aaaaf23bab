"""PDF extraction with pdfminer.six.

The lean path: pdfminer's interpreter produces positioned characters (``LTChar``)
without its layout analysis (``laparams=None``); our own grouping (``chars.py``)
turns them into lines, as for the pdfium backend."""
from __future__ import annotations

import io
import re
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFType3Font
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSException, PSLiteral

from htdy.core.host.errors import ParseError
from htdy.parsers.layout.chars import (
    CONTROL_GLYPHS,
    Char,
    Font,
    font_style,
    lines_from_spans,
    spans_from_chars,
)
from htdy.parsers.layout.limits import Limits
from htdy.parsers.layout.model import Layout, Link, Page


class _Aggregator(PDFPageAggregator):
    """Keeps the real font size (font size × text matrix scale) and the font's
    descriptor weight on each character; ``LTChar.size`` is a glyph box height."""

    def render_char(self, matrix: Any, font: Any, fontsize: float, *args: Any, **kwargs: Any) -> float:
        adv = super().render_char(matrix, font, fontsize, *args, **kwargs)
        item: Any = self.cur_item._objs[-1]
        a, b, c, d = matrix[0], matrix[1], matrix[2], matrix[3]
        item.pt_size = abs(fontsize) * (abs(a * d - b * c) ** 0.5)
        desc = getattr(font, "descriptor", None) or {}
        try:
            weight = int(resolve1(desc.get("FontWeight", 0)) or 0)
            flags = int(resolve1(desc.get("Flags", 0)) or 0)
        except (TypeError, ValueError):
            weight, flags = 0, 0
        item.weight = 700 if flags & (1 << 18) else weight
        cid = args[2] if len(args) > 2 else kwargs.get("cid", 0)
        if isinstance(cid, int) and 0 < cid < 256 and _raw_codes(font):
            item._text = chr(cid)
        return adv


_NUMBERED_GLYPH = re.compile(r"^[a-z]?\d+$")


def _raw_codes(font: Any) -> bool:
    """A Type 3 font without ToUnicode whose glyphs are only numbered (``/a232``, how pdfTeX
    embeds bitmap fonts when no Type 1 version is installed): pdfminer would read the codes as
    Adobe's StandardEncoding ("è" as "Ł"); pdfium, and the font itself, mean the byte code."""
    cached = getattr(font, "_htdy_raw", None)
    if cached is None:
        cached = False
        if isinstance(font, PDFType3Font) and not font.unicode_map:
            enc = resolve1(getattr(font, "_htdy_encoding", None))
            diff = resolve1(enc.get("Differences")) if isinstance(enc, dict) else None
            names = [resolve1(v).name for v in (diff or []) if isinstance(resolve1(v), PSLiteral)]
            named = [n for n in names if n != ".notdef"]
            cached = bool(named) and all(_NUMBERED_GLYPH.match(n) for n in named)
        font._htdy_raw = cached
    return bool(cached)


class _Resources(PDFResourceManager):
    """Keeps each font's /Encoding on the font object (``_raw_codes`` reads its glyph names)."""

    def get_font(self, objid: Any, spec: Any) -> Any:
        font = super().get_font(objid, spec)
        if isinstance(font, PDFType3Font) and not hasattr(font, "_htdy_encoding"):
            font._htdy_encoding = spec.get("Encoding") if isinstance(spec, dict) else None  # type: ignore[attr-defined]
        return font


def extract(data: bytes, limits: Limits | None = None) -> Layout:
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise ParseError(f"file is larger than {limits.max_bytes // (1024 * 1024)} MB", code="too_large")
    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser, password="")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ParseError("the PDF is encrypted with a password", code="encrypted") from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ParseError(f"the PDF cannot be read ({type(exc).__name__})", code="corrupt") from None
    except Exception as exc:  # pdfminer raises many private exception types
        if "encrypt" in type(exc).__name__.lower():
            raise ParseError("the PDF is encrypted", code="encrypted") from None
        raise ParseError(f"the PDF cannot be read ({type(exc).__name__})", code="corrupt") from None
    rsrc = _Resources(caching=True)
    device = _Aggregator(rsrc, laparams=None)
    interp = PDFPageInterpreter(rsrc, device)
    layout = Layout(kind="pdf", backend="pdfminer")
    try:
        for i, page in enumerate(PDFPage.create_pages(doc)):
            if i >= limits.max_pages:
                raise ParseError(f"the PDF has more than {limits.max_pages} pages", code="too_many_pages")
            interp.process_page(page)
            lt = device.get_result()
            x0, y0, x1, y1 = page.mediabox
            height = y1 - y0
            fonts: list[Font] = []
            ids: dict[str, int] = {}
            chars: list[Char] = []
            _collect(lt, chars, fonts, ids, height, limits)
            p = Page(width=x1 - x0, height=height)
            p.lines = lines_from_spans(spans_from_chars(chars, fonts), i)
            layout.pages.append(p)
            _links(page, i, height, layout.links)
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"the PDF cannot be read ({type(exc).__name__})", code="corrupt") from None
    if not layout.pages:
        raise ParseError("the PDF has no pages", code="corrupt")
    return layout


def _collect(node: Any, chars: list[Char], fonts: list[Font], ids: dict[str, int], height: float,
             limits: Limits) -> None:
    for obj in node:
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text.startswith("(cid:"):
                # a glyph without a Unicode mapping: like pdfium, the character of its one-byte
                # code (TeX's T1 en dash arrives as "\x15", "ô" as 244); code 0 (icon fonts) is none
                code = int(text[5:-1]) if text[5:-1].isdigit() else 0
                if not 0 < code < 256:
                    continue
                text = chr(code)
            text = CONTROL_GLYPHS.get(text, text)
            weight = getattr(obj, "weight", 0)
            key = f"{obj.fontname}/{weight}"
            fi = ids.get(key)
            if fi is None:
                fi = ids[key] = len(fonts)
                fonts.append(font_style(obj.fontname, weight))
            size = getattr(obj, "pt_size", 0.0) or obj.size
            chars.append((text, obj.x0, height - obj.y1, obj.x1, height - obj.y0, size, fi))
            if len(chars) > limits.max_chars_per_page:
                raise ParseError("a page holds too many characters", code="too_large")
        elif isinstance(obj, LTContainer):
            _collect(obj, chars, fonts, ids, height, limits)


def _links(page: PDFPage, index: int, height: float, links: list[Link]) -> None:
    annots = resolve1(page.annots) if page.annots else None
    if not isinstance(annots, list):
        return
    for a in annots[:500]:
        a = resolve1(a)
        if not isinstance(a, dict):
            continue
        sub = a.get("Subtype")
        if not (isinstance(sub, PSLiteral) and sub.name == "Link"):
            continue
        action = resolve1(a.get("A"))
        if not isinstance(action, dict):
            continue
        uri = resolve1(action.get("URI"))
        if isinstance(uri, bytes):
            uri = uri.decode("utf-8", "replace")
        if not isinstance(uri, str) or not uri.strip():
            continue
        rect = resolve1(a.get("Rect"))
        box = None
        if isinstance(rect, list) and len(rect) == 4:
            try:
                rx0, ry0, rx1, ry1 = (float(resolve1(v)) for v in rect)
                box = (min(rx0, rx1), height - max(ry0, ry1), max(rx0, rx1), height - min(ry0, ry1))
            except (TypeError, ValueError):
                box = None
        links.append(Link(url=uri.strip(), page=index, box=box))
