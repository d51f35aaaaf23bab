"""The text-with-layout representation every extraction backend produces.

A backend turns a document into :class:`Layout`: pages of :class:`Line` objects, each
made of :class:`Span` runs (uniform font) with a box in points, top-left origin,
plus hyperlink targets (PDF link annotations, DOCX relationships). Everything after
extraction (reading order, sections, fields) consumes only this representation.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Span:
    """A horizontal run of text in one font."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    font: str = ""
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(slots=True)
class Line:
    """Spans sharing a baseline, left to right. ``cell`` separates table cells or
    runs split by a wide gap (the index of the group a span belongs to)."""

    spans: list[Span]
    page: int = 0
    cells: list[int] = field(default_factory=list)
    source: str = "body"  # body | table | header | footer | textbox

    @property
    def text(self) -> str:
        return " ".join(t for t in self.cell_texts() if t)

    def cell_texts(self) -> list[str]:
        out: list[list[str]] = []
        last = None
        for i, s in enumerate(self.spans):
            c = self.cells[i] if self.cells else 0
            if c != last:
                out.append([])
                last = c
            out[-1].append(s.text)
        return [_join(parts) for parts in out]

    def cell_spans(self, gap: float | None = None) -> list[list[Span]]:
        """Spans grouped by cell; with ``gap`` (in font sizes) a horizontal gap wider
        than that also starts a group ("soft" cells: a date column set close to the text)."""
        out: list[list[Span]] = []
        last = None
        prev: Span | None = None
        for i, s in enumerate(self.spans):
            c = self.cells[i] if self.cells else 0
            wide = gap is not None and prev is not None and s.x0 - prev.x1 > gap * max(s.size, 1.0)
            if c != last or wide:
                out.append([])
                last = c
            out[-1].append(s)
            prev = s
        return out

    def soft_cell_texts(self, gap: float = 0.9) -> list[str]:
        return [_join([s.text for s in g]) for g in self.cell_spans(gap)]

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.spans)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.spans)

    @property
    def top(self) -> float:
        return min(s.top for s in self.spans)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.spans)

    @property
    def size(self) -> float:
        """The size of most characters on the line."""
        best: dict[float, int] = {}
        for s in self.spans:
            k = round(s.size, 1)
            best[k] = best.get(k, 0) + len(s.text.strip())
        return max(best, key=lambda k: best[k]) if best else 0.0

    @property
    def bold(self) -> bool:
        n = sum(len(s.text.strip()) for s in self.spans)
        b = sum(len(s.text.strip()) for s in self.spans if s.bold)
        return n > 0 and b >= 0.6 * n

    @property
    def italic(self) -> bool:
        n = sum(len(s.text.strip()) for s in self.spans)
        b = sum(len(s.text.strip()) for s in self.spans if s.italic)
        return n > 0 and b >= 0.6 * n


def _join(parts: list[str]) -> str:
    """Spans carry their own leading space where the gap before them is a word gap."""
    return " ".join("".join(parts).split())


@dataclass(slots=True)
class Page:
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    url: str
    page: int = 0
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom


@dataclass
class Layout:
    """A document as extracted: pages of lines, links, warnings."""

    pages: list[Page] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str = "pdf"
    backend: str = ""
    has_geometry: bool = True  # False for DOCX / plain text (synthetic positions)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def lines(self) -> list[Line]:
        return [ln for p in self.pages for ln in p.lines]
