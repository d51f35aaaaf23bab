"""Mustache (chevron) → a standalone HTML document, shared by the HTML and PDF engines.

Partials are inlined into the layout and the result tokenized once per template version,
so a render is one pass of chevron over the view model. User data only ever appears in
escaped ``{{ }}`` tags; the ``<head>`` (CSS, fonts) is assembled here from packaged files
and validated options, never from CV text."""
from __future__ import annotations

import html as _html
import re
from typing import Any

from htdy.core.host.interfaces import Renderer, RenderOutput, Template
from htdy.renderers import assets, context, i18n
from htdy.renderers.manifest import FONT_SIZES, MARGINS, SHARED_DIR, resolve_options, sources
from htdy.renderers.mustache import compile_template

_PARTIAL = re.compile(r"\{\{>\s*([\w-]+)\s*\}\}")
_TRIPLE = re.compile(r"\{\{\{|\{\{&")
_SECTION_WS = re.compile(r"\s*\n\s*(\{\{[#^/][^}]*\}\})|(\{\{[#^/][^}]*\}\})\s*\n\s*")
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def _inline_partials(text: str, partials: dict[str, str], depth: int = 0) -> str:
    if depth > 8:
        raise ValueError("partials nested too deeply")
    return _PARTIAL.sub(lambda m: _inline_partials(partials.get(m.group(1), ""), partials, depth + 1), text)


_COMPILED: dict[tuple[str, str], tuple[Any, str, str]] = {}


def _compile(template: Template) -> tuple[Any, str, str]:
    src = sources(template)
    body = _inline_partials(src["layout"], src["partials"])
    # no whitespace-only text boxes: line breaks next to tags and section tags go
    body = re.sub(r">\s*\n\s*", ">", re.sub(r"\s*\n\s*<", "<", body))
    body = _SECTION_WS.sub(lambda m: m.group(1) or m.group(2), body).strip()
    if _TRIPLE.search(body):
        raise ValueError(f"template {template.id}: unescaped Mustache tags are not allowed")
    base_css = (SHARED_DIR / "base.css").read_text(encoding="utf-8")
    css = re.sub(r"\s*\n\s*", "", base_css + src["css"])
    return compile_template(body), css, body


def compiled(template: Template) -> tuple[Any, str, str]:
    """(render function, CSS, Mustache source with partials inlined) of a template,
    built once per process per (path, version)."""
    key = (str(template.path), template.version)
    if key not in _COMPILED:
        _COMPILED[key] = _compile(template)
    return _COMPILED[key]


def _esc(s: str) -> str:
    return _html.escape(s, quote=True)


def _css_str(s: str) -> str:
    return '"' + re.sub(r'["\\\n]', " ", s) + '"'


SCREEN_CSS = (SHARED_DIR / "screen.css").read_text(encoding="utf-8")
_RULES: dict[tuple[Any, ...], str] = {}
_FONT_PT = re.compile(r"(font(?:-size)?:)(\d*\.?\d+)pt")
_PAGE_MARGIN = re.compile(r"(@page[^{]*\{margin:)([^;}]+)")
_MM = re.compile(r"(\d*\.?\d+)mm")


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def scale_css(css: str, font: float, margin: float) -> str:
    """The ``font_size`` and ``margins`` options: every ``font-size``/``font`` in points
    times ``font``, every millimetre of a ``@page`` margin times ``margin``."""
    if font != 1.0:
        css = _FONT_PT.sub(lambda m: f"{m.group(1)}{_num(float(m.group(2)) * font)}pt", css)
    if margin != 1.0:
        css = _PAGE_MARGIN.sub(lambda m: m.group(1) + _MM.sub(
            lambda n: f"{_num(float(n.group(1)) * margin)}mm", m.group(2)), css)
    return css


def scales(opts: dict[str, Any]) -> tuple[float, float]:
    return (FONT_SIZES.get(opts.get("font_size") or "normal", 1.0),
            MARGINS.get(opts.get("margins") or "normal", 1.0))


def rules_css(template: Template, opts: dict[str, Any], lang: str, *, cjk: bool, arabic: bool = False) -> str:
    """Base and template CSS with the options substituted for ``var(--accent)``,
    ``var(--font-head)``, ``var(--font-body)`` and ``var(--bullet-hang)`` (plain values
    lay out faster in WeasyPrint than custom properties), plus page size and localised
    page numbers.
    Built once per (template version, options that matter, language, CJK)."""
    pair = opts.get("fonts") or "sans"
    accent = opts.get("accent") or "#1f4e79"
    size = PAGE_SIZES.get(opts.get("page_size") or "a4", "A4")
    font, margin = scales(opts)
    key = (str(template.path), template.version, pair, accent, size, lang, cjk, arabic, font, margin)
    css = _RULES.get(key)
    if css is None:
        head, body = assets.font_stacks(pair, cjk=cjk, arabic=arabic)
        rules = compiled(template)[1]
        rules = rules.replace("var(--accent)", accent).replace("var(--font-head)", head)
        rules = rules.replace("var(--font-body)", body)
        rules = scale_css(rules.replace("var(--bullet-hang)", assets.bullet_hang(pair)), font, margin)
        page, of = f"{i18n.title('page', lang)} ", f" {i18n.title('of', lang)} "
        css = (f"{rules}@page{{size:{size};@bottom-right{{content:{_css_str(page)} counter(page) "
               f"{_css_str(of)} counter(pages)}}}}")
        if len(_RULES) > 256:
            _RULES.clear()
        _RULES[key] = css
    return css


def fonts_css(template: Template, opts: dict[str, Any], *, cjk: bool, inline: bool, arabic: bool = False) -> str:
    return assets.font_face_css(opts.get("fonts") or "sans", cjk=cjk, inline=inline, arabic=arabic,
                                italic=bool(template.manifest.get("italic", True)))


def build_document(resume: dict[str, Any], template: Template, options: dict[str, Any] | None,
                   *, inline_assets: bool = True) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Return (html, view, resolved options). With ``inline_assets`` the document is
    standalone (fonts as data: URIs, screen styles); without, it carries no CSS at all
    and the PDF engine applies ``fonts_css``/``rules_css`` as pre-parsed stylesheets."""
    opts = resolve_options(template, options)
    sidebar = tuple(template.manifest.get("sidebar", ()))
    view = context.build_view(resume, opts, sidebar=sidebar, separators=template.manifest.get("separators"))
    view["template_id"] = template.id
    view["page_size"] = opts.get("page_size") or "a4"
    body = compiled(template)[0](view)
    view["cjk"] = context.has_cjk(body)  # every CV text the template shows is in the body
    view["arabic"] = context.has_arabic(body)
    style = "<style></style>" if inline_assets else ""
    name = view["basics"]["name"]
    head = (f'<!DOCTYPE html><html lang="{_esc(view["lang"])}" dir="{view["dir"]}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_esc(view['doc_title'])}</title>"
            + (f'<meta name="author" content="{_esc(name)}">' if name else "")
            + (f'<meta name="description" content="{_esc(view["description"])}">' if view["description"] else "")
            + f'<meta name="generator" content="htdy">{style}</head>')
    return f"{head}{body}</html>", view, opts


_STYLE_BYTES: dict[tuple[Any, ...], bytes] = {}


def _screen_padding(opts: dict[str, Any]) -> str:
    """The on-screen page's padding follows the ``margins`` option (15 mm at normal)."""
    margin = scales(opts)[1]
    return "" if margin == 1.0 else f"@media screen and (min-width:761px){{body{{padding:{_num(15 * margin)}mm}}}}"


def style_bytes(template: Template, opts: dict[str, Any], lang: str, cjk: bool, arabic: bool = False) -> bytes:
    """The standalone document's ``<style>`` (fonts inlined), UTF-8, built once per key."""
    key = (str(template.path), template.version, opts.get("fonts"), opts.get("accent"),
           opts.get("page_size"), lang, cjk, arabic, scales(opts))
    data = _STYLE_BYTES.get(key)
    if data is None:
        data = (f"<style>{fonts_css(template, opts, cjk=cjk, inline=True, arabic=arabic)}"
                f"{rules_css(template, opts, lang, cjk=cjk, arabic=arabic)}{SCREEN_CSS}{_screen_padding(opts)}</style>"
                ).encode()
        if len(_STYLE_BYTES) > 64:
            _STYLE_BYTES.clear()
        _STYLE_BYTES[key] = data
    return data


def render_html(resume: dict[str, Any], template: Template, options: dict[str, Any] | None) -> bytes:
    """The standalone HTML document as bytes (the big inlined CSS is joined as bytes)."""
    doc, view, opts = build_document(resume, template, options, inline_assets=True)
    head, _, tail = doc.partition("<style></style>")
    return b"".join((head.encode("utf-8"), style_bytes(template, opts, view["lang"], view["cjk"], view["arabic"]),
                     tail.encode("utf-8")))


class HtmlRenderer(Renderer):
    """Standalone HTML (fonts inlined), exactly what the PDF engine lays out."""

    name = "html"
    description = "Standalone HTML from Mustache templates (fonts inlined)"
    formats = ("html",)

    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput:
        return RenderOutput(render_html(resume, template, options), "text/html; charset=utf-8")
