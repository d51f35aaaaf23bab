"""The ATS check as a service: how an applicant tracking system reads a CV rendered with a
template. The PDF comes from the render service (its pool or a renderer node), the parse from
the parser ``[parsing] parsers`` selects for the rendered document's kind, run through the
parser pool (its time limit, out of the API process); the scoring is
``htdy.core.services.ats.scoring``. Nothing here names a renderer or a parser."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from htdy.core.host.errors import ParseError
from htdy.core.host.interfaces import ParseResult
from htdy.core.services.ats.scoring import field_scores, pdf_text, text_layer_report

if TYPE_CHECKING:
    from htdy.core.services.rendering.service import RenderService

ParseFn = Callable[[bytes, str], Awaitable[ParseResult]]


def _text_report(resume: dict[str, Any], pdf: bytes) -> dict[str, Any]:
    text = pdf_text(pdf)
    report: dict[str, Any] = text_layer_report(resume, text)
    report["text_chars"] = len(text)
    return report


class AtsService:
    """``await AtsService(render, parse).check(resume, template_id)``. ``parse`` is an async
    ``(data, filename) -> ParseResult`` (the parser pool in the app, an in-process parse in
    the CLI); ``None`` leaves the report at the text layer."""

    def __init__(self, render: RenderService, parse: ParseFn | None) -> None:
        self.render = render
        self.parse = parse

    async def check(self, resume: dict[str, Any], template_id: str | None = None, *,
                    options: dict[str, Any] | None = None, engine: str | None = None) -> dict[str, Any]:
        template = self.render.template(template_id)
        chosen = self.render.engine_for(template, "pdf", engine)
        out = await self.render.render(resume, template_id=template.id, fmt="pdf", options=options, engine=chosen)
        report = await asyncio.to_thread(_text_report, resume, out.content)
        report["parser"] = await self._parsed(resume, out.content)
        report.update(template=template.id, engine=chosen, pages=out.pages)
        return report

    async def _parsed(self, resume: dict[str, Any], pdf: bytes) -> dict[str, Any]:
        if self.parse is None:
            return {"available": False, "reason": "no parser on this node; text-layer check only"}
        try:
            parsed = await self.parse(pdf, "cv.pdf")
        except ParseError as exc:
            if exc.code == "unsupported_type":
                return {"available": False, "reason": "no parser is configured for PDF documents "
                                                      "([parsing] parsers); text-layer check only"}
            return {"available": False, "code": exc.code, "reason": f"the parser failed: {exc.message}"}
        return {"available": True, **field_scores(resume, parsed.resume)}


def ats_check(resume: dict[str, Any], template_id: str | None = None, *, settings: Any = None,
              pm: Any = None, options: dict[str, Any] | None = None, engine: str | None = None) -> dict[str, Any]:
    """The ATS check in this process (the CLI, scripts): render in-process, parse in a thread."""
    from htdy.core.services.parsing.pipeline import parse_document
    from htdy.core.services.rendering.service import RenderService

    if settings is None:
        from htdy.core.host.config import load_settings
        settings = load_settings()
    render = RenderService(settings, pm, mode="inprocess")

    async def parse(data: bytes, filename: str) -> ParseResult:
        return await asyncio.to_thread(parse_document, data, filename, settings, render.regs, render.pm)

    return asyncio.run(AtsService(render, parse).check(resume, template_id, options=options, engine=engine))
