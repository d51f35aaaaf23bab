"""The Typst PDF engine (PyPI ``typst``): the CV goes in as JSON data through
``sys.inputs``, never as markup, so CV text cannot run Typst code. Only packaged fonts,
no system fonts, no packages; the template's folder is the compiler root."""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from htdy.core.host.errors import RenderError
from htdy.core.host.interfaces import PluginOptions, Renderer, RenderOutput, Template
from htdy.renderers import assets, context
from htdy.renderers.manifest import FONT_SIZES, MARGINS, resolve_options

_COMPILERS: dict[tuple[str, str], Any] = {}
_EMPTY = tempfile.mkdtemp(prefix="htdy-typst-nopkg-")
_PAPER = {"a4": "a4", "letter": "us-letter"}


_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)")


def _pdf_pages(pdf: bytes) -> int:
    """Page count from Typst's page tree (uncompressed), else through pdfium."""
    m = _PAGES.search(pdf)
    if m:
        return int(m.group(1))
    import pypdfium2

    return len(pypdfium2.PdfDocument(pdf))


class TypstOptions(PluginOptions):
    max_pages: int = 20
    ppi: float = 96.0


def _compiler(template: Template) -> Any:
    key = (str(template.path), template.version)
    comp = _COMPILERS.get(key)
    if comp is None:
        import typst

        root = Path(str(template.path))
        comp = typst.Compiler(str(root / "template.typ"), root=str(root),
                              font_paths=[str(assets.FONTS_DIR)], ignore_system_fonts=True,
                              package_path=_EMPTY, package_cache_path=_EMPTY)
        _COMPILERS[key] = comp
    return comp


def typst_data(resume: dict[str, Any], template: Template, options: dict[str, Any] | None) -> dict[str, Any]:
    opts = resolve_options(template, options)
    view = context.build_view(resume, opts, sidebar=tuple(template.manifest.get("sidebar", ())),
                              separators=template.manifest.get("separators"))
    head, body = assets.PAIRS.get(opts.get("fonts") or "sans", assets.PAIRS["sans"])
    # titles and dates are in the view too (an Arabic title on a CV with no Arabic text)
    fallback = ([assets.TYPST_FAMILIES["htdy-cjk"]] if context.has_cjk(view) else []) + (
        [assets.TYPST_FAMILIES["htdy-arabic"]] if context.has_arabic(view) else [])
    view["opts"] = {"accent": opts.get("accent") or "#1f4e79",
                    "paper": _PAPER.get(opts.get("page_size") or "a4", "a4"),
                    "font_scale": FONT_SIZES.get(opts.get("font_size") or "normal", 1.0),
                    "margin_scale": MARGINS.get(opts.get("margins") or "normal", 1.0),
                    "font_head": [assets.TYPST_FAMILIES[head], *fallback],
                    "font_body": [assets.TYPST_FAMILIES[body], *fallback]}
    return view


class TypstRenderer(Renderer):
    """PDF (and PNG/SVG page previews) through the Typst compiler."""

    name = "typst"
    description = "PDF, PNG or SVG via the Typst compiler (templates with a .typ variant)"
    formats = ("pdf", "png", "svg")
    engine = "typst"
    Options = TypstOptions

    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput:
        import typst

        if fmt not in self.formats:
            raise RenderError(f"the typst renderer cannot produce {fmt!r}", code="unsupported_format")
        if "typst" not in template.engines:
            raise RenderError(f"template {template.id} has no Typst variant", code="unsupported_format")
        context.check_size(resume, getattr(self.options, "max_pages", 20))
        data = json.dumps(typst_data(resume, template, options), ensure_ascii=False)
        try:
            out = _compiler(template).compile(format=fmt, sys_inputs={"data": data},
                                              ppi=getattr(self.options, "ppi", 96.0))
        except typst.TypstError as exc:
            raise RenderError(f"typst: {exc.message}", code="render_failed") from None
        pages_list = out if isinstance(out, list) else [out]
        if fmt == "pdf":
            pages = _pdf_pages(pages_list[0])
        else:
            pages = len(pages_list)
        max_pages = getattr(self.options, "max_pages", 20)
        if pages > max_pages:
            raise RenderError(f"the CV lays out to {pages} pages; the limit is {max_pages}",
                              code="too_many_pages", details={"pages": pages, "max_pages": max_pages})
        media = {"pdf": "application/pdf", "png": "image/png", "svg": "image/svg+xml"}[fmt]
        return RenderOutput(bytes(pages_list[0]), media, pages)
