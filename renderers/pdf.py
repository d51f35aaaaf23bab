"""The WeasyPrint PDF engine: the template's HTML, laid out with packaged fonts only.

Per process, one ``FontConfiguration`` holds the packaged fonts and the template CSS is
parsed once per option set (``weasyprint.CSS`` objects reused across renders), so a warm
render pays only for the CV itself. WeasyPrint is not thread-safe: renders in one
process are serialised."""
from __future__ import annotations

import threading
from typing import Any

from htdy.core.errors import RenderError
from htdy.core.interfaces import PluginOptions, Renderer, RenderOutput, Template
from htdy.renderers import assets
from htdy.renderers.context import check_size
from htdy.renderers.html import build_document, fonts_css, rules_css

_LOCK = threading.RLock()
_STATE: dict[str, Any] = {}
_CSS: dict[tuple[Any, ...], Any] = {}


class PdfOptions(PluginOptions):
    max_pages: int = 20


def _font_config() -> Any:
    if "fc" not in _STATE:
        from weasyprint.text.fonts import FontConfiguration

        _STATE["fc"] = FontConfiguration()
    return _STATE["fc"]


def _css(kind: str, key: tuple[Any, ...], text: str, template_path: Any) -> Any:
    """A parsed stylesheet, cached; ``@font-face`` rules register with the shared
    font configuration once."""
    from weasyprint import CSS

    sheet = _CSS.get((kind, *key))
    if sheet is None:
        if len(_CSS) > 128:
            _CSS.clear()
            _STATE.pop("fc", None)  # fonts are re-registered with a fresh configuration
        sheet = CSS(string=text, font_config=_font_config(), url_fetcher=assets.make_fetcher(template_path))
        _CSS[(kind, *key)] = sheet
    return sheet


def stylesheets(template: Template, opts: dict[str, Any], lang: str, cjk: bool) -> list[Any]:
    fonts = fonts_css(template, opts, cjk=cjk, inline=False)
    rules = rules_css(template, opts, lang, cjk=cjk)
    return [_css("fonts", (fonts,), fonts, template.path),
            _css("rules", (str(template.path), template.version, rules), rules, template.path)]


def weasy_render(html: str, template_path: Any, photo: str, max_pages: int,
                 sheets: list[Any] | None = None) -> tuple[bytes, int]:
    import weasyprint

    with _LOCK:
        fetcher = assets.make_fetcher(template_path, frozenset({photo} if photo else ()))
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(
            stylesheets=sheets or None, font_config=_font_config() if sheets else None)
        pages = len(document.pages)
        if pages > max_pages:
            raise RenderError(f"the CV lays out to {pages} pages; the limit is {max_pages}",
                              code="too_many_pages", details={"pages": pages, "max_pages": max_pages})
        return document.write_pdf(), pages


class WeasyPrintRenderer(Renderer):
    """PDF through WeasyPrint (no browser). Assets come only from the package."""

    name = "pdf"
    description = "PDF via WeasyPrint from the template's HTML and CSS"
    formats = ("pdf",)
    Options = PdfOptions

    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput:
        if fmt != "pdf":
            raise RenderError(f"the pdf renderer cannot produce {fmt!r}", code="unsupported_format")
        max_pages = getattr(self.options, "max_pages", 20)
        check_size(resume, max_pages)
        doc, view, opts = build_document(resume, template, options, inline_assets=False)
        with _LOCK:
            sheets = stylesheets(template, opts, view["lang"], view["cjk"])
            pdf, pages = weasy_render(doc, template.path, view["basics"]["photo"], max_pages, sheets)
        return RenderOutput(pdf, "application/pdf", pages)
