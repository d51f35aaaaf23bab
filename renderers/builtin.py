"""htdy's built-in rendering plugin, registered exactly like a third-party one.

Renderers: ``html`` (standalone HTML), ``pdf`` (WeasyPrint), ``typst`` (Typst: PDF, PNG,
SVG), ``md`` and ``txt``. Templates: every folder under ``renderers/templates/`` with a
``manifest.json``."""
from __future__ import annotations

from collections.abc import Iterable

from htdy import hookimpl
from htdy.core.interfaces import Renderer, Template
from htdy.renderers.html import HtmlRenderer
from htdy.renderers.manifest import templates_from_package
from htdy.renderers.pdf import WeasyPrintRenderer
from htdy.renderers.text import MarkdownRenderer, TextRenderer
from htdy.renderers.typst_engine import TypstRenderer


@hookimpl
def htdy_register_renderers() -> Iterable[type[Renderer]]:
    return [HtmlRenderer, WeasyPrintRenderer, TypstRenderer, MarkdownRenderer, TextRenderer]


@hookimpl
def htdy_register_templates() -> Iterable[Template]:
    return templates_from_package("htdy.renderers")
