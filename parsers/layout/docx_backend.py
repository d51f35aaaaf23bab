"""DOCX extraction with python-docx: body paragraphs and tables in document order,
text boxes, headers/footers, hyperlink targets and run-level bold/size.

DOCX has no page geometry; lines get synthetic positions (one line per paragraph,
table cells side by side) and the style's size, so later stages can use typography."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from htdy.core.host.errors import ParseError
from htdy.parsers.layout import docx_runs as runs
from htdy.parsers.layout.limits import Limits
from htdy.parsers.layout.model import Layout, Line, Link, Page, Span

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING_SIZES = {"title": 24.0, "heading 1": 20.0, "heading 2": 16.0, "heading 3": 14.0,
                  "heading 4": 12.5, "heading 5": 11.5, "heading 6": 11.0, "subtitle": 14.0}


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs and XML entity tricks before python-docx reads anything."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ParseError(f"the DOCX cannot be read ({exc})", code="corrupt") from None
    if len(infos) > limits.max_docx_entries:
        raise ParseError("the DOCX has too many parts", code="too_large")
    total = sum(i.file_size for i in infos)
    if total > limits.max_docx_uncompressed:
        raise ParseError("the DOCX expands to more than the size limit", code="too_large")
    with zf:
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            if info.compress_size and info.file_size / max(info.compress_size, 1) > 200 and info.file_size > 1 << 20:
                raise ParseError("the DOCX looks like a zip bomb", code="too_large")
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise ParseError(f"the DOCX cannot be read ({exc})", code="corrupt") from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ParseError("the DOCX contains a DTD (entity tricks are refused)", code="corrupt")


def extract(data: bytes, limits: Limits | None = None) -> Layout:
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise ParseError("file is too large", code="too_large")
    check_zip(data, limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ParseError(f"the DOCX cannot be read ({type(exc).__name__})", code="corrupt") from None
    except Exception as exc:  # lxml syntax errors and friends
        raise ParseError(f"the DOCX cannot be read ({type(exc).__name__})", code="corrupt") from None
    b = _Builder(document)
    try:
        for section in document.sections[:3]:
            for part in (section.header, section.first_page_header):
                if part is not None and not part.is_linked_to_previous:
                    b.walk(part._element, source="header")
        b.walk(document.element.body, source="body")
        for section in document.sections[:3]:
            if section.footer is not None and not section.footer.is_linked_to_previous:
                b.walk(section.footer._element, source="footer")
    except RecursionError:
        raise ParseError("the DOCX is nested too deeply", code="corrupt") from None
    layout = Layout(kind="docx", backend="python-docx", has_geometry=False)
    layout.pages = [Page(width=600.0, height=max(b.y, 1.0), lines=b.lines)]
    layout.links = b.links
    return layout


def _boxed(node: Any, p: Any) -> bool:
    """Whether ``node`` lies in a text box (or a VML fallback copy) anchored in paragraph ``p``,
    rather than in ``p`` itself (``p`` may itself sit in a text box)."""
    for a in node.iterancestors():
        if a is p:
            return False
        if a.tag in (W + "txbxContent", MC_FALLBACK):
            return True
    return False


# elements that only wrap content (content controls, custom XML, smart tags): read through them
_WRAPPERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag")


def _unwrapped(el: Any, tag: str) -> list[Any]:
    """``el``'s children named ``tag``, also those inside wrappers (Word's repeating-section
    content controls wrap table rows, its templates wrap a cell's paragraphs)."""
    out = []
    for child in el.iterchildren():
        if child.tag == tag:
            out.append(child)
        elif child.tag in _WRAPPERS:
            out += _unwrapped(child, tag)
    return out


_ALIGN = {"left": 0, "inside": 0, "center": 1, "right": 2, "outside": 2,
          "top": 0, "bottom": 2}


def _anchor_key(box: Any) -> tuple[float, float]:
    """Where a floating text box is anchored (DrawingML ``wp:positionV`` / ``wp:positionH``: an
    offset in EMU or an alignment), top to bottom, then left to right: the order its text is read
    in, as the page shows the boxes rather than the order they were written."""
    anchor = next((a for a in box.iterancestors() if a.tag == WP + "anchor"), None)
    key = []
    for tag in ("positionV", "positionH"):
        pos = anchor.find(WP + tag) if anchor is not None else None
        v = 0.0
        if pos is not None:
            off, al = pos.find(WP + "posOffset"), pos.find(WP + "align")
            if off is not None and (off.text or "").lstrip("-").isdigit():
                v = float(off.text or 0)
            elif al is not None:
                v = _ALIGN.get((al.text or "").strip(), 0) * 5e6  # an alignment: the page's third
        key.append(v)
    return key[0], key[1]


def _inside(node: Any, p: Any) -> bool:
    """Whether ``node`` belongs to paragraph ``p`` (not to a paragraph nested in a text box in it)."""
    return next(node.iterancestors(W + "p"), None) is p


_GAP = re.compile(r"[ \u00a0]{3,}$")


def _gapped(text: str) -> list[str]:
    """``text`` cut after each gap of three spaces or more (the gap stays at the piece's end)."""
    out, pos = [], 0
    for m in re.finditer(r"[ \u00a0]{3,}", text):
        if re.search(r"[-–—]$", text[pos:m.start()]) or re.match(r"[-–—]", text[m.end():]):
            continue  # a range set wide ("2010 –      2012"): one text (across runs: see spans())
        out.append(text[pos:m.end()])
        pos = m.end()
    return [*out, text[pos:]] if pos < len(text) else out


def _link_cells(spans: list[Span]) -> list[int]:
    """A short title paragraph that opens with a hyperlink and goes on in plain runs ("<Company>
    Senior Engineer", the HTML export of a linked employer or project): the link, printed in its own
    colour, is a field of its own, so it becomes its own cell. Sentences (long, or ending in a
    full stop) stay one text."""
    vis = [i for i, sp in enumerate(spans) if sp.text.strip()]
    text = " ".join("".join(sp.text for sp in spans).split())
    if len(vis) < 2 or spans[vis[0]].link is None or len(text) > 80 or text.endswith("."):
        return []
    k = next((i for i in vis if spans[i].link is None), None)
    if k is None:
        return []
    return [0 if i < k else 1 for i in range(len(spans))]


class _Builder:
    def __init__(self, document: Any) -> None:
        self.doc = document
        self.part = document.part
        self.lines: list[Line] = []
        self.links: list[Link] = []
        self.y = 0.0
        self._style_cache: dict[str, tuple[float, bool, bool]] = {}
        self._seen_headers: set[str] = set()
        self._field_links: set[str] = set()

    # ---------------------------------------------------------------- styles
    def style_props(self, style_id: str | None) -> tuple[float, bool, bool]:
        """The style's size, bold, and whether it numbers its paragraphs (a list style)."""
        key = style_id or ""
        if key in self._style_cache:
            return self._style_cache[key]
        size, bold = 0.0, False
        try:
            style = self.doc.styles.get_by_id(style_id, 1) if style_id else self.doc.styles.default(1)
        except Exception:
            style = None
        name = (getattr(style, "name", "") or "").lower()
        listed = style is not None and runs.style_numbered(style)
        depth = 0
        while style is not None and depth < 10:
            font = getattr(style, "font", None)
            if font is not None:
                if not size and font.size:
                    size = font.size.pt
                if font.bold and not bold:
                    bold = True
            style = getattr(style, "base_style", None)
            depth += 1
        if not size:
            size = _HEADING_SIZES.get(name, 11.0)
        self._style_cache[key] = (size, bold, listed)
        return size, bold, listed

    # ---------------------------------------------------------------- walk
    def walk(self, el: Any, source: str, depth: int = 0) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child, source)
            elif tag == W + "tbl":
                self.table(child, source, depth)
            elif tag in _WRAPPERS or tag == W + "txbxContent":
                self.walk(child, source, depth)

    def table(self, tbl: Any, source: str, depth: int) -> None:
        if depth > 8:
            return
        for tr in _unwrapped(tbl, W + "tr"):
            cells = _unwrapped(tr, W + "tc")
            paras = [[p for p in _unwrapped(tc, W + "p") if self.para_text(p).strip()] for tc in cells]
            nested = any(_unwrapped(tc, W + "tbl") for tc in cells)
            if not nested and all(len(ps) <= 1 for ps in paras) and sum(len(ps) for ps in paras) > 1:
                spans: list[Span] = []
                idx: list[int] = []
                for ci, ps in enumerate(paras):
                    for p in ps:
                        for s in self.spans(p):
                            s.x0 += 150 * ci
                            s.x1 += 150 * ci
                            spans.append(s)
                            idx.append(ci)
                if spans:
                    self.add(spans, idx, "table")
                continue
            if not nested and len(cells) == 2 and 1 <= len(paras[0]) <= 3 and len(paras[1]) >= 1 \
                    and all(len(self.para_text(p).strip()) <= 40 for p in paras[0]):
                # a dates | content row (dates and place on the left; title, employer, bullets on the
                # right): the first paragraphs side by side as the page shows them ("dates | title"),
                # then the rest of the left cell, then the rest of the right cell
                spans, idx = [], []
                for ci in (0, 1):
                    for sp in self.spans(paras[ci][0]):
                        sp.x0 += 150 * ci
                        sp.x1 += 150 * ci
                        spans.append(sp)
                        idx.append(ci)
                if spans:
                    self.add(spans, idx, "table")
                for ci in (0, 1):
                    for p in paras[ci][1:]:
                        rest = self.spans(p)
                        for sp in rest:
                            sp.x0 += 150 * ci
                            sp.x1 += 150 * ci
                        if rest:
                            self.add(rest, [], "table")
                continue
            for tc in cells:
                self.walk(tc, "table", depth + 1)

    def para_text(self, p: Any) -> str:
        return "".join(t.text or "" for t in p.iter(W + "t"))

    def paragraph(self, p: Any, source: str) -> None:
        breaks: list[int] = []
        spans = self.spans(p, breaks)
        if source in ("header", "footer"):
            key = "".join(s.text for s in spans)
            if key in self._seen_headers:
                return
            self._seen_headers.add(key)
        # a line break inside the paragraph starts a new line, as on the page
        cuts = list(zip([0, *breaks], [*breaks, len(spans)], strict=True))
        if any(len("".join(sp.text for sp in spans[a:b]).strip()) > 70 for a, b in cuts):
            for a, _ in cuts[1:]:  # prose broken by hand stays one text
                spans[a - 1].text += " "
            cuts = [(0, len(spans))]
        for a, b in cuts:
            if spans[a:b]:
                self.add(spans[a:b], _link_cells(spans[a:b]), source)
        # text boxes anchored in this paragraph
        # (once: not the VML copy in mc:Fallback, not a box nested in another, read with its parent)
        boxes = [box for box in p.iter(W + "txbxContent") if not _boxed(box, p)]
        for box in sorted(boxes, key=_anchor_key):
            self.walk(box, "textbox")

    def spans(self, p: Any, breaks: list[int] | None = None) -> list[Span]:
        """The paragraph's spans; with ``breaks``, the indices where a line break (``w:br``) starts
        a new line are added to it (without, a break reads as a space)."""
        ppr = p.find(W + "pPr")
        style_id = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                style_id = ps.get(W + "val")
        psize, pbold, listed = self.style_props(style_id)
        own = runs.para_numbered(ppr)
        numbered = own if own is not None else (listed or "list" in (style_id or "").lower())
        out: list[Span] = []
        x = 20.0 if numbered else 0.0
        if numbered:
            out.append(Span("•", 0.0, self.y, 5.0, self.y + psize, "", psize))
        fields = runs.Fields()
        for r in p.iter(W + "r"):
            if _boxed(r, p) or runs.unprinted(r, p):
                continue
            fields.feed(r)
            if fields.in_instruction:
                continue
            size, bold, italic = psize, pbold, False
            rpr = r.find(W + "rPr")
            if rpr is not None:
                sz = rpr.find(W + "sz")
                if sz is not None and (sz.get(W + "val") or "").isdigit():
                    size = int(sz.get(W + "val")) / 2
                bnode = rpr.find(W + "b")
                if bnode is not None:
                    bold = runs.on(bnode)
                italic = runs.on(rpr.find(W + "i"))
            hl = next((a for a in r.iterancestors(W + "hyperlink", W + "p") if a.tag == W + "hyperlink"), None)
            link = self.link_target(hl) if hl is not None and _inside(hl, p) else None
            link = link or fields.link or runs.simple_field_link(r, p)
            if link and link not in self._field_links and (hl is None or not _inside(hl, p)):
                self._field_links.add(link)
                self.links.append(Link(url=link, page=0, box=(0.0, self.y, x, self.y + psize)))
            text = ""
            for kind, piece in runs.pieces(r) + [("end", "")]:
                if kind in ("text", "tab"):
                    text += piece
                    continue
                for seg in _gapped(text):
                    # three spaces or more set items apart on the page ("jo@x.org   Bilbao"): the
                    # span ends at its last letter and the next starts after the gap, as in a PDF
                    body = seg.rstrip(" \u00a0") if _GAP.search(seg) else seg
                    if body.strip() and out and (re.search(r"[-–—]$", out[-1].text.rstrip())
                                                 or re.match(r"[-–—]", body.lstrip())):
                        x = min(x, out[-1].x1 + size * 0.25)  # a range set wide ("2010 –      2012"): no gap
                    if body.strip():
                        out.append(Span(seg, x, self.y, x + len(body) * size * 0.5, self.y + size, style_id or "",
                                        size, bold, italic, link))
                    elif out:
                        out[-1].text += seg
                    # (a space as wide as a real font's, a quarter em: three are a gap of 0.75 em)
                    x += len(body) * size * 0.5 + (len(seg) - len(body)) * size * 0.25
                text = ""
                if kind == "br" and out and breaks is not None and not numbered:
                    if not breaks or breaks[-1] != len(out):
                        breaks.append(len(out))
                    x = 20.0 if numbered else 0.0
                elif kind == "br" and out:
                    out[-1].text += " "
        visible = any(sp.text.strip() for sp in out)
        for hl in p.iter(W + "hyperlink"):
            if _boxed(hl, p):
                continue
            url = self.link_target(hl)
            if url:
                self.links.append(Link(url=url, page=0, box=(0.0, self.y, x, self.y + psize)))
                if not visible:  # an icon-only link: its target is the content
                    w = len(url) * psize * 0.5
                    out.append(Span((" " if out else "") + url, x, self.y, x + w, self.y + psize, style_id or "",
                                    psize, False, False, url))
                    x += w
        return out

    def link_target(self, hl: Any) -> str | None:
        rid = hl.get(R_ID)
        if not rid:
            return None
        rel = self.part.rels.get(rid)
        if rel is None or not rel.is_external:
            return None
        return str(rel.target_ref)

    def add(self, spans: list[Span], cells: list[int], source: str) -> None:
        if not "".join(s.text for s in spans).strip():
            return
        h = max(s.size for s in spans)
        for s in spans:
            s.top, s.bottom = self.y, self.y + h
        self.lines.append(Line(spans=spans, page=0, cells=cells, source=source))
        self.y += h * 1.3
