"""The built-in parsers: extraction backend → layout → CV fields."""
from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from htdy.core.host.interfaces import Parser, ParseResult, PluginOptions
from htdy.parsers.extract.body_model import EXTRACTOR
from htdy.parsers.extract.resume import build
from htdy.parsers.layout import Layout, Limits, extract_layout
from htdy.parsers.layout.sanitize import clean_value


class PdfOptions(PluginOptions):
    backend: Literal["pdfium", "pdfminer"] = "pdfium"
    # "model": the learned models shipped in parsers/models decide where they are trained to;
    # "rules": the hand-written rules alone (kept for comparison, `make parse-eval`)
    extractor: Literal["model", "rules"] = "model"
    max_pages: int = Field(50, ge=1, le=10_000)
    max_mb: float = Field(20, gt=0)


class DocOptions(PluginOptions):
    max_mb: float = Field(20, gt=0)
    extractor: Literal["model", "rules"] = "model"


class _LayoutParser(Parser):
    kind: ClassVar[str] = ""

    def limits(self) -> Limits:
        opts = self.options
        return Limits(max_pages=getattr(opts, "max_pages", 50),
                      max_bytes=int(getattr(opts, "max_mb", 20) * 1024 * 1024))

    def backend(self) -> str:
        return getattr(self.options, "backend", "")

    @classmethod
    def warm(cls) -> None:
        """The place gazetteer is built lazily (~0.3 s): a pool worker builds it before its first job."""
        from htdy.parsers.extract.places import warm

        warm()

    def parse(self, data: bytes, *, filename: str | None = None) -> ParseResult:
        layout = extract_layout(data, self.kind, backend=self.backend() or "pdfium", limits=self.limits())
        return self.result(layout)

    def text(self, data: bytes, *, filename: str | None = None) -> str:
        layout = extract_layout(data, self.kind, backend=self.backend() or "pdfium", limits=self.limits())
        return "\n".join(line.text for line in layout.lines())

    def result(self, layout: Layout) -> ParseResult:
        """The CV read from ``layout`` (what a subclass with its own extraction calls)."""
        token = EXTRACTOR.set(getattr(self.options, "extractor", "model"))
        try:
            resume, extras = build(layout)
        finally:
            EXTRACTOR.reset(token)
        return ParseResult(resume=clean_value(resume), extras=clean_value(extras))


class PdfParser(_LayoutParser):
    name = "pdf"
    description = "PDF with layout (pypdfium2 by default, pdfminer.six as alternative backend)"
    kinds = ("pdf",)
    kind = "pdf"
    Options = PdfOptions


class DocxParser(_LayoutParser):
    name = "docx"
    description = "Word DOCX (python-docx): paragraphs, tables, text boxes, headers, hyperlinks"
    kinds = ("docx",)
    kind = "docx"
    Options = DocOptions


class TextParser(_LayoutParser):
    name = "text"
    description = "Plain text"
    kinds = ("text",)
    kind = "text"
    Options = DocOptions
