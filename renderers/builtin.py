"""htdy's built-in rendering plugin, registered exactly like a third-party one.

Renderers: ``html`` (standalone HTML), ``pdf`` (WeasyPrint), ``typst`` (Typst: PDF, PNG,
SVG), ``md`` and ``txt``, returned as ``LazyImpl`` references so each renderer's module is
imported on first use. Templates: every folder under ``renderers/templates/`` with a
``manifest.json``."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from htdy import hookimpl
from htdy.core.host.registry import LazyImpl

if TYPE_CHECKING:
    from htdy.core.host.interfaces import Template


@hookimpl
def htdy_register_renderers() -> Iterable[LazyImpl]:
    # capabilities are declared here so the host can pick a renderer without importing it
    return [LazyImpl("html", "htdy.renderers.html:HtmlRenderer", {"formats": ("html",), "engine": None}),
            LazyImpl("pdf", "htdy.renderers.pdf:WeasyPrintRenderer", {"formats": ("pdf",), "engine": "weasyprint"}),
            LazyImpl("typst", "htdy.renderers.typst_engine:TypstRenderer",
                     {"formats": ("pdf", "png", "svg"), "engine": "typst"}),
            LazyImpl("md", "htdy.renderers.text:MarkdownRenderer", {"formats": ("md",), "engine": None}),
            LazyImpl("txt", "htdy.renderers.text:TextRenderer", {"formats": ("txt",), "engine": None})]


@hookimpl
def htdy_register_templates() -> Iterable[Template]:
    from htdy.renderers.manifest import templates_from_package

    return templates_from_package("htdy.renderers")
