"""htdy's own templates (``renderers/templates``), every template x PDF engine, rendered in-process.

The same code path as ``htdy render CV.json --template ID --engine pdf|typst --format pdf``:
``RenderService(settings, mode="inprocess").render_sync(resume, template_id=…, fmt="pdf", engine=…)``.
Template ids are ``<template>-<engine>``: ``weasy`` (HTML + CSS through WeasyPrint) or ``typst``
(the template's Typst variant). Markdown and plain text are not PDFs and are left out.

htdy formats dates and picks fields itself, so a document is rendered from the person's truth
(``render(view, template, out_stem, resume=person.resume)``); without it a JSON Resume is rebuilt from
the view. Options (accent, fonts, date format, section order, paper) vary per document, derived from
the template id and the person's name, so the same person always gets the same layout. Titles and
month names follow the person's language where htdy's i18n has it (en fr de es pt it pl nl ru uk el ja
zh ko), else English; Arabic is laid out left-to-right by WeasyPrint and right-to-left by Typst.

    python -m htdy.parsers.training.families.htdy_templates OUT_DIR [--lang L] [--seed N] [--template T]
"""
from __future__ import annotations

import functools
import hashlib
import random
import sys
from pathlib import Path
from typing import Any

from htdy.parsers.training.families._view_resume import resume_from_view

NAME = "htdy"
REPO = Path(__file__).resolve().parents[3]
ENGINES = {"weasy": "pdf", "typst": "typst"}  # our suffix -> htdy's engine name
ACCENTS = ("#1f3b5c", "#0f766e", "#7c2d12", "#5b2333", "#c2410c", "#334155", "#1d4ed8", "#166534", "#6d28d9",
           "#000000", "#9f1239", "#0e7490")
# "year" would print years only where the truth has months; the scorer compares at month precision
DATE_FORMATS = ("month_year", "long", "numeric", "iso")
SECTION_FIRST = ("education", "skills", "summary,skills")  # sometimes put before the experience


@functools.cache
def service() -> Any:
    """One in-process render service per process (as the CLI builds it)."""
    from htdy.core.host.config import load_settings
    from htdy.core.services.rendering.service import RenderService

    toml = REPO / "htdy.toml"
    settings = load_settings(toml if toml.exists() else None)
    return RenderService(settings, mode="inprocess")


@functools.cache
def _catalogue() -> dict[str, tuple[str, str]]:
    """template id -> (htdy template id, htdy engine), for every built-in template and PDF engine."""
    out = {}
    for _, t in service().regs.templates.items():
        for suffix, engine in ENGINES.items():
            if engine in t.engines:
                out[f"{t.id}-{suffix}"] = (t.id, engine)
    return out


def templates() -> list[str]:
    return sorted(_catalogue())


def supports(template: str, lang: str) -> bool:
    return template in _catalogue()


def options_for(template: str, name: str, lang: str) -> dict[str, Any]:
    """The template options of one document, derived from the template id and the person's name."""
    tid, _ = _catalogue()[template]
    spec = service().template(tid).options
    rng = random.Random(hashlib.sha256(f"{template}|{name}".encode()).hexdigest())
    opts: dict[str, Any] = {"lang": lang}
    if spec.get("accent") is not None and rng.random() < 0.6:
        opts["accent"] = rng.choice(ACCENTS)
    fonts = spec.get("fonts")
    if fonts is not None and rng.random() < 0.6:
        opts["fonts"] = rng.choice(fonts.get("choices") or ["sans", "serif"])
    if spec.get("date_format") is not None:
        opts["date_format"] = rng.choice(DATE_FORMATS)
    if spec.get("section_order") is not None and rng.random() < 0.3:
        opts["section_order"] = rng.choice(SECTION_FIRST)
    if spec.get("page_size") is not None:
        opts["page_size"] = "letter" if lang == "en" and rng.random() < 0.7 else "a4"
    return opts


def render(view: dict[str, Any], template: str, out_stem: Path, resume: dict[str, Any] | None = None) -> Path:
    if template not in _catalogue():
        raise ValueError(f"unknown htdy template {template!r}; known: {', '.join(templates())}")
    data = resume if resume is not None else resume_from_view(view)
    lang = (view or {}).get("lang") or (data.get("meta") or {}).get("language") or "en"
    name = ((data.get("basics") or {}).get("name")) or (view or {}).get("name") or ""
    tid, engine = _catalogue()[template]
    out = service().render_sync(data, template_id=tid, fmt="pdf", engine=engine,
                                options=options_for(template, name, lang))
    path = Path(out_stem).with_suffix(".pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.content)
    return path


def setup() -> None:
    """Nothing to install: htdy's renderers ship with the package (Typst through the ``typst`` wheel)."""


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import time

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--template", action="append", help="template id (repeatable; default: all)")
    ap.add_argument("--resume", help="a JSON Resume file (default: make_person(seed, lang))")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.resume:
        resume, view = json.loads(Path(a.resume).read_text(encoding="utf-8")), {"lang": a.lang}
    else:
        from htdy.parsers.training.people import make_person

        p = make_person(a.seed, a.lang)
        resume, view = p.resume, p.view
    for t in a.template or templates():
        t0 = time.monotonic()
        try:
            path = render(view, t, Path(a.out) / f"{t}-{a.lang}", resume=resume)
            print(f"{t}: {path} {time.monotonic() - t0:.1f}s")
        except Exception as e:  # report and go on
            print(f"{t}: FAILED {type(e).__name__}: {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
