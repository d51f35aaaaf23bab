"""Mustache (chevron) → a standalone HTML document, shared by the HTML and PDF engines.

Partials are inlined into the layout and the result tokenized once per template version,
so a render is one pass of chevron over the view model. User data only ever appears in
escaped ``{{ }}`` tags; the ``<head>`` (CSS, fonts) is assembled here from packaged files
and validated options, never from CV text."""
from __future__ import annotations

import html as _html
import re
from typing import Any

import chevron
from chevron.tokenizer import tokenize

from htdy.core.interfaces import Renderer, RenderOutput, Template
from htdy.renderers import assets, context, i18n
from htdy.renderers.manifest import SHARED_DIR, resolve_options, sources

_PARTIAL = re.compile(r"\{\{>\s*([\w-]+)\s*\}\}")
_TRIPLE = re.compile(r"\{\{\{|\{\{&")
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def _inline_partials(text: str, partials: dict[str, str], depth: int = 0) -> str:
    if depth > 8:
        raise ValueError("partials nested too deeply")
    return _PARTIAL.sub(lambda m: _inline_partials(partials.get(m.group(1), ""), partials, depth + 1), text)


_COMPILED: dict[tuple[str, str], tuple[list[Any], str]] = {}


def _compile(template: Template) -> tuple[list[Any], str]:
    src = sources(template)
    body = _inline_partials(src["layout"], src["partials"])
    body = re.sub(r">\s*\n\s*", ">", re.sub(r"\s*\n\s*<", "<", body)).strip()  # no whitespace-only boxes
    if _TRIPLE.search(body):
        raise ValueError(f"template {template.id}: unescaped Mustache tags are not allowed")
    base_css = (SHARED_DIR / "base.css").read_text(encoding="utf-8")
    css = re.sub(r"\s*\n\s*", "", base_css + src["css"])
    return list(tokenize(body)), css


def compiled(template: Template) -> tuple[list[Any], str]:
    """Tokens and CSS of a template, built once per process per (path, version)."""
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


def rules_css(template: Template, opts: dict[str, Any], lang: str, *, cjk: bool) -> str:
    """Base and template CSS with the options substituted for ``var(--accent)``,
    ``var(--font-head)`` and ``var(--font-body)`` (plain values lay out faster in
    WeasyPrint than custom properties), plus page size and localised page numbers.
    Built once per (template version, options that matter, language, CJK)."""
    pair = opts.get("fonts") or "sans"
    accent = opts.get("accent") or "#1f4e79"
    size = PAGE_SIZES.get(opts.get("page_size") or "a4", "A4")
    key = (str(template.path), template.version, pair, accent, size, lang, cjk)
    css = _RULES.get(key)
    if css is None:
        head, body = assets.font_stacks(pair, cjk=cjk)
        rules = compiled(template)[1]
        rules = rules.replace("var(--accent)", accent).replace("var(--font-head)", head)
        rules = rules.replace("var(--font-body)", body)
        page, of = f"{i18n.title('page', lang)} ", f" {i18n.title('of', lang)} "
        css = (f"{rules}@page{{size:{size};@bottom-right{{content:{_css_str(page)} counter(page) "
               f"{_css_str(of)} counter(pages)}}}}")
        if len(_RULES) > 256:
            _RULES.clear()
        _RULES[key] = css
    return css


def fonts_css(template: Template, opts: dict[str, Any], *, cjk: bool, inline: bool) -> str:
    return assets.font_face_css(opts.get("fonts") or "sans", cjk=cjk, inline=inline,
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
    view["cjk"] = context.has_cjk(resume)
    body = chevron.render(compiled(template)[0], view)
    style = ""
    if inline_assets:
        style = (f"<style>{fonts_css(template, opts, cjk=view['cjk'], inline=True)}"
                 f"{rules_css(template, opts, view['lang'], cjk=view['cjk'])}{SCREEN_CSS}</style>")
    name = view["basics"]["name"]
    head = (f'<!DOCTYPE html><html lang="{_esc(view["lang"])}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_esc(view['doc_title'])}</title>"
            + (f'<meta name="author" content="{_esc(name)}">' if name else "")
            + (f'<meta name="description" content="{_esc(view["description"])}">' if view["description"] else "")
            + f'<meta name="generator" content="htdy">{style}</head>')
    return f"{head}{body}</html>", view, opts


class HtmlRenderer(Renderer):
    """Standalone HTML (fonts inlined), exactly what the PDF engine lays out."""

    name = "html"
    description = "Standalone HTML from Mustache templates (fonts inlined)"
    formats = ("html",)

    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput:
        doc, _view, _opts = build_document(resume, template, options, inline_assets=True)
        return RenderOutput(doc.encode("utf-8"), "text/html; charset=utf-8")
