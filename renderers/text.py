"""Markdown and plain text for job portals, from the same view model as every template
(section order, hidden sections, language and date format apply)."""
from __future__ import annotations

import re
from typing import Any

from htdy.core.host.interfaces import Renderer, RenderOutput
from htdy.renderers import context
from htdy.renderers.manifest import resolve_options

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.M)


def md_escape(s: str) -> str:
    """Escape what Markdown would read as markup: emphasis, code, links and images (their
    brackets), HTML, tables, and block markers at a line start. Parentheses stay readable."""
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def _entry_lines(e: dict[str, Any], md: bool, t: dict[str, str]) -> list[str]:
    esc = md_escape if md else (lambda s: s)
    head = " — ".join(x for x in (e.get("heading", ""), e.get("subtitle", "")) if x)
    meta = " · ".join(x for x in (e.get("dates", ""), e.get("location", "")) if x)
    lines = [f"### {esc(head)}" if md else head] if head else []
    if meta:
        lines.append(f"*{esc(meta)}*" if md else meta)
    if e.get("roles_text"):
        lines.append(esc(e["roles_text"]))
    if e.get("url"):
        lines.append(f"<{e['url']}>" if md else e["url"])
    lines += [esc(p) for p in e.get("summary") or []]
    lines += [f"- {esc(h)}" for h in e.get("highlights") or []]
    if e.get("keywords_text"):
        lines.append(esc(e["keywords_text"]))
    if e.get("courses_text"):
        lines.append(esc(f"{t['courses']}: {e['courses_text']}"))
    if e.get("score"):
        lines.append(esc(f"{t['score']}: {e['score']}"))
    return lines


def render_text(view: dict[str, Any], *, md: bool) -> str:
    esc = md_escape if md else (lambda s: s)
    b = view["basics"]
    out: list[str] = []
    if b["name"]:
        out.append(f"# {esc(b['name'])}" if md else b["name"])
    if b["label"]:
        out.append(f"**{esc(b['label'])}**" if md else b["label"])
    contacts = []
    for c in b["contacts"]:
        if md and c["href"].startswith(("http", "mailto")):
            contacts.append(f"[{esc(c['text'])}](<{c['href']}>)")
        else:
            contacts.append(_MD_SPECIAL.sub(r"\\\1", c["text"]) if md else c["text"])
    if contacts:
        line = " · ".join(contacts)
        out.append(_MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line) if md else "\n".join(contacts))
    for sec in view["sections"]:
        out.append("")
        out.append(f"## {esc(sec['title'])}" if md else f"{sec['title'].upper()}\n{'=' * len(sec['title'])}")
        if sec["key"] == "summary":
            out += [esc(p) for p in sec["paragraphs"]]
            continue
        for e in sec["items"]:
            if sec["key"] in ("skills", "interests"):
                line = e["heading"] + (f": {e['keywords_text']}" if e.get("keywords_text") else "")
                lvl = f" ({e['subtitle']})" if e.get("subtitle") else ""
                out.append(f"- {esc(line + lvl)}")
            elif sec["key"] == "languages":
                out.append("- " + esc(e["heading"] + (f": {e['subtitle']}" if e["subtitle"] else "")))
            elif sec["key"] == "references":
                out.append("- " + esc(" — ".join(x for x in (" ".join(e["summary"]), e["heading"]) if x)))
            else:
                out.append("")
                out += _entry_lines(e, md, view["t"])
    return "\n".join(out).strip() + "\n"


class _TextBase(Renderer):
    md: bool = False

    def render(self, resume: dict[str, Any], *, template: Any, fmt: str,
               options: dict[str, Any] | None = None) -> RenderOutput:
        opts = resolve_options(template, options)
        view = context.build_view(resume, opts)
        media = "text/markdown; charset=utf-8" if self.md else "text/plain; charset=utf-8"
        return RenderOutput(render_text(view, md=self.md).encode("utf-8"), media)


class MarkdownRenderer(_TextBase):
    name = "md"
    description = "Markdown for job portals (CV text escaped)"
    formats = ("md",)
    md = True


class TextRenderer(_TextBase):
    name = "txt"
    description = "Plain text for job portals"
    formats = ("txt",)
