"""Plain text: one line per text line, no fonts (typography-free heuristics apply)."""
from __future__ import annotations

from htdy.core.host.errors import ParseError
from htdy.parsers.layout.limits import Limits
from htdy.parsers.layout.model import Layout, Line, Page, Span


def decode(data: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def extract(data: bytes, limits: Limits | None = None) -> Layout:
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise ParseError("file is too large", code="too_large")
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError("the document is empty", code="empty")
    lines: list[Line] = []
    y = 0.0
    for raw in text.split("\n")[:20000]:
        stripped = raw.strip()
        y += 12.0
        if not stripped:
            continue
        indent = (len(raw) - len(raw.lstrip(" \t"))) * 5.0
        cells = [c for c in (p.strip() for p in stripped.split("\t")) if c] if "\t" in stripped else [stripped]
        spans = [Span(c, indent + 150 * i, y, indent + 150 * i + len(c) * 5, y + 10, "", 10.0)
                 for i, c in enumerate(cells)]
        lines.append(Line(spans=spans, page=0, cells=list(range(len(spans)))))
    layout = Layout(kind="text", backend="text", has_geometry=False)
    layout.pages = [Page(width=600.0, height=y + 12, lines=lines)]
    return layout
