"""The WeasyPrint PDF engine: the template's HTML, laid out with packaged fonts only.

Per process, one ``FontConfiguration`` holds the packaged fonts and the template CSS is
parsed once per option set (``weasyprint.CSS`` objects reused across renders), so a warm
render pays only for the CV itself. Three more savings per render, none changing what is
drawn: a user-agent stylesheet without WeasyPrint's universal ``::marker`` /
``::footnote-*`` / ``::note-*`` rules (which give every element six pseudo-element styles
to compute; ``li::marker`` is kept); documents of templates that declare ``"xhtml": true``
parsed by expat (C, ~0.1 ms) instead of the pure-Python HTML5 parser (~3.5 ms for two
pages), falling back to the latter for anything expat rejects; and content/font streams
deflated at zlib level 6 instead of pydyf's 9 (about 1 % larger, several ms less).
WeasyPrint is not thread-safe: renders in one process are serialised."""
from __future__ import annotations

import gc
import logging
import multiprocessing.util
import re
import threading
import xml.etree.ElementTree as ET
import zlib
from typing import Any

from htdy.core.host.errors import RenderError
from htdy.core.host.interfaces import PluginOptions, Renderer, RenderOutput, Template
from htdy.renderers import assets
from htdy.renderers.context import check_size
from htdy.renderers.html import build_document, fonts_css, rules_css

_LOCK = threading.RLock()
_STATE: dict[str, Any] = {}
_CSS: dict[tuple[Any, ...], Any] = {}
FLATE_LEVEL = 6
_UA_PSEUDO = re.compile(r"^::(marker|footnote-call|footnote-marker|note-call|note-marker|note-callback)"
                        r"\s*\{([^}]*)\}[ \t]*\n?", re.M)
_VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b([^>]*?)\s*/?>")
log = logging.getLogger("htdy.renderers.pdf")
# WeasyPrint logs seven "Step n - …" lines per render at INFO: noise in an operator's log
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class PdfOptions(PluginOptions):
    max_pages: int = 20


def release() -> None:
    """Drop this process's parsed stylesheets and font configuration, so WeasyPrint
    deletes the temporary folder it copied the ``@font-face`` files into. Registered to
    run at exit (including a pool worker's) — left to interpreter teardown, WeasyPrint's
    clean-up fails and the folder stays in /tmp."""
    with _LOCK:
        had = bool(_STATE or _CSS)
        _CSS.clear()
        _STATE.pop("fc", None)
    if had:
        gc.unfreeze()  # a pool worker froze them (htdy.core.services.rendering.service)
        gc.collect()


multiprocessing.util.Finalize(None, release, exitpriority=10)


def _font_config() -> Any:
    if "fc" not in _STATE:
        from weasyprint.text.fonts import FontConfiguration

        _STATE["fc"] = FontConfiguration()
    return _STATE["fc"]


def lean_ua_css(ua: str) -> str | None:
    """WeasyPrint's HTML user-agent stylesheet without the universal pseudo-element
    rules; the ``::marker`` declarations are kept for ``li`` (the only element htdy's
    templates give a marker). ``None`` when the stylesheet does not look as expected."""
    marker = ""

    def drop(m: re.Match[str]) -> str:
        nonlocal marker
        if m.group(1) == "marker":
            marker = m.group(2).strip()
        return ""

    lean = _UA_PSEUDO.sub(drop, ua)
    if not marker or re.search(r"^::", lean, re.M):
        return None
    return f"{lean}\nli::marker {{ {marker} }}\n"


def html_class() -> Any:
    """``weasyprint.HTML`` with the lean user-agent stylesheet (built once per process);
    plain ``weasyprint.HTML`` if this WeasyPrint's stylesheet cannot be trimmed."""
    if "html" not in _STATE:
        import weasyprint

        cls: Any = weasyprint.HTML
        try:
            from weasyprint import html as wp_html

            lean = lean_ua_css(wp_html.UA)
            if lean is not None and callable(getattr(weasyprint.HTML, "_ua_stylesheets", None)):
                sheet = weasyprint.CSS(string=lean, counter_style=wp_html.UA_COUNTER_STYLE)
                form = wp_html.UA_FORM_STYLESHEET

                class LeanHTML(weasyprint.HTML):  # type: ignore[misc]
                    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
                        return [sheet, form] if forms else [sheet]

                    @classmethod
                    def from_tree(cls, root: Any, url_fetcher: Any) -> Any:
                        """What ``HTML(string=…)`` builds, from an already parsed tree."""
                        import cssselect2

                        self = cls.__new__(cls)
                        self.base_url = None
                        self.url_fetcher = url_fetcher
                        self.media_type = "print"
                        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                            root, content_language=None)
                        self.etree_element = self.wrapper_element.etree_element
                        return self

                cls = LeanHTML
            else:
                log.warning("WeasyPrint's user-agent stylesheet has changed; using it untrimmed")
        except (ImportError, AttributeError) as exc:
            log.warning("cannot trim WeasyPrint's user-agent stylesheet: %s", exc)
        _STATE["html"] = cls
    return _STATE["html"]


def parse_xhtml(html: str) -> Any | None:
    """``html`` as an ElementTree parsed by expat, void elements closed first; ``None``
    if it is not well-formed (an HTML-only entity, a bare attribute…). Only for markup
    whose HTML5 parse is the same tree (no implied ``tbody``, no ``<p>`` around blocks):
    templates declare it with ``"xhtml": true``."""
    try:
        return ET.fromstring(_VOID.sub(r"<\1\2/>", html))
    except ET.ParseError:
        return None


def deflate_streams(document: Any, pdf: Any) -> None:
    """``write_pdf`` finisher: deflate every stream pydyf would compress at level 9 at
    ``FLATE_LEVEL`` instead (same ``/FlateDecode`` filter, same content)."""
    import pydyf

    to_bytes = getattr(pydyf, "_to_bytes", None)
    if to_bytes is None:  # pydyf changed: leave its own compression alone
        return
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress and "Filter" not in obj.extra:
            raw = b"\n".join(to_bytes(item) for item in obj.stream)
            obj.stream = [zlib.compress(raw, FLATE_LEVEL)]
            obj.compress = False
            obj.extra["Filter"] = "/FlateDecode"


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


def stylesheets(template: Template, opts: dict[str, Any], lang: str, cjk: bool, arabic: bool = False) -> list[Any]:
    fonts = fonts_css(template, opts, cjk=cjk, inline=False, arabic=arabic)
    rules = rules_css(template, opts, lang, cjk=cjk, arabic=arabic)
    return [_css("fonts", (fonts,), fonts, template.path),
            _css("rules", (str(template.path), template.version, rules), rules, template.path)]


def weasy_render(html: str, template_path: Any, photo: str, max_pages: int,
                 sheets: list[Any] | None = None, *, xhtml: bool = False) -> tuple[bytes, int]:
    with _LOCK:
        fetcher = assets.make_fetcher(template_path, frozenset({photo} if photo else ()))
        cls = html_class()
        root = parse_xhtml(html) if xhtml and hasattr(cls, "from_tree") else None
        source = cls(string=html, url_fetcher=fetcher) if root is None else cls.from_tree(root, fetcher)
        document = source.render(stylesheets=sheets or None, font_config=_font_config() if sheets else None)
        pages = len(document.pages)
        if pages > max_pages:
            raise RenderError(f"the CV lays out to {pages} pages; the limit is {max_pages}",
                              code="too_many_pages", details={"pages": pages, "max_pages": max_pages})
        return document.write_pdf(finisher=deflate_streams), pages


class WeasyPrintRenderer(Renderer):
    """PDF through WeasyPrint (no browser). Assets come only from the package."""

    name = "pdf"
    description = "PDF via WeasyPrint from the template's HTML and CSS"
    formats = ("pdf",)
    engine = "weasyprint"
    Options = PdfOptions

    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput:
        if fmt != "pdf":
            raise RenderError(f"the pdf renderer cannot produce {fmt!r}", code="unsupported_format")
        max_pages = getattr(self.options, "max_pages", 20)
        check_size(resume, max_pages)
        doc, view, opts = build_document(resume, template, options, inline_assets=False)
        with _LOCK:
            sheets = stylesheets(template, opts, view["lang"], view["cjk"], view["arabic"])
            pdf, pages = weasy_render(doc, template.path, view["basics"]["photo"], max_pages, sheets,
                                      xhtml=bool(template.manifest.get("xhtml")))
        return RenderOutput(pdf, "application/pdf", pages)
