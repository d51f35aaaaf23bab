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
    if _TRIPLE.search(body):
        raise ValueError(f"template {template.id}: unescaped Mustache tags are not allowed")
    base_css = (SHARED_DIR / "base.css").read_text(encoding="utf-8")
    return list(tokenize(body)), base_css + src["css"]


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


def option_css(opts: dict[str, Any], lang: str, *, cjk: bool) -> str:
    head, body = assets.font_stacks(opts.get("fonts") or "sans", cjk=cjk)
    size = PAGE_SIZES.get(opts.get("page_size") or "a4", "A4")
    page = f"{i18n.title('page', lang)} "
    of = f" {i18n.title('of', lang)} "
    return (f":root{{--accent:{opts.get('accent') or '#1f4e79'};--font-head:{head};--font-body:{body}}}"
            f"@page{{size:{size};@bottom-right{{content:{_css_str(page)} counter(page) "
            f"{_css_str(of)} counter(pages)}}}}")


def build_document(resume: dict[str, Any], template: Template, options: dict[str, Any] | None,
                   *, inline_assets: bool) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Return (html, view, resolved options). ``inline_assets`` embeds fonts as data:
    URIs (standalone HTML); otherwise fonts are ``htdy-asset:`` URLs for WeasyPrint."""
    opts = resolve_options(template, options)
    sidebar = tuple(template.manifest.get("sidebar", ()))
    view = context.build_view(resume, opts, sidebar=sidebar)
    view["template_id"] = template.id
    view["page_size"] = opts.get("page_size") or "a4"
    tokens, css = compiled(template)
    cjk = context.has_cjk(resume)
    fonts = assets.font_face_css(opts.get("fonts") or "sans", cjk=cjk, inline=inline_assets,
                                 italic=bool(template.manifest.get("italic", True)))
    body = chevron.render(tokens, view)
    name = view["basics"]["name"]
    head = (f'<!DOCTYPE html><html lang="{_esc(view["lang"])}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_esc(view['doc_title'])}</title>"
            + (f'<meta name="author" content="{_esc(name)}">' if name else "")
            + (f'<meta name="description" content="{_esc(view["description"])}">' if view["description"] else "")
            + '<meta name="generator" content="htdy">'
            f"<style>{fonts}{css}{option_css(opts, view['lang'], cjk=cjk)}</style></head>")
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
