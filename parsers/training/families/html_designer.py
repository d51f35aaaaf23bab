"""html-designer: designer-style HTML/CSS CVs (Canva, Enhancv, Novoresume and HTML résumé look-alikes)
printed to PDF by WeasyPrint (``-wp`` templates) and headless Chromium (``-cr`` templates).

Templates come from a parameter grid (`designer/grid.py`): layout × heading style named in the id, entry
header / bullets / skills style cycled over the ids, fonts, colours and sizes drawn from the id.

    python -m htdy.parsers.training.families.html_designer --view parsers/training/example_view.json \\
        --out /tmp/hd [--templates a,b] [--html]
    python -m htdy.parsers.training.families.html_designer --langs en,zh,ar --seed 3 --every 4 --out /tmp/hd
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from .designer import engines
from .designer.grid import design
from .designer.grid import templates as _templates
from .designer.page import document

NAME = "html-designer"


def templates() -> list[str]:
    return _templates()


def supports(template: str, lang: str) -> bool:
    d = design(template)
    # every layout mirrors for right-to-left languages (sides are resolved per document in style.py)
    return d.engine == "wp" or engines.chromium_available()


def html(view: dict, template: str) -> str:
    return document(view, design(template))


def render(view: dict, template: str, out_stem: Path) -> Path:
    out = Path(out_stem).with_suffix(".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    page = html(view, template)
    if design(template).engine == "wp":
        engines.weasyprint_pdf(page, out)
    else:
        engines.chromium_pdf(page, out)
    return out


# Debian package → a font family it brings (None: the browser)
DEBIAN_NEEDS = {"chromium": None, "fonts-noto-cjk": "Noto Sans CJK JP", "fonts-noto-core": "Noto Kufi Arabic",
                "fonts-font-awesome": "FontAwesome", "fonts-dejavu": "DejaVu Serif", "fonts-liberation2": "Liberation Sans",
                "fonts-lato": "Lato", "fonts-texgyre": "TeX Gyre Heros", "fonts-crosextra-carlito": "Carlito",
                "fonts-urw-base35": "URW Gothic"}


def setup() -> None:
    """Nothing to install from here (WeasyPrint is a dependency; Chromium and the fonts are Debian packages,
    installed by the machine set-up); warns about what is missing, since fonts would silently fall back."""
    missing = []
    for pkg, family in DEBIAN_NEEDS.items():
        if family is None:
            ok = engines.chromium_available()
        else:
            r = subprocess.run(["fc-list", family], capture_output=True, text=True)
            ok = bool(r.stdout.strip())
        if not ok:
            missing.append(pkg)
    if missing:
        print(f"html-designer: missing Debian packages: {' '.join(missing)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.families.html_designer")
    ap.add_argument("--view", help="a view JSON file")
    ap.add_argument("--langs", help="comma-separated languages: render people.make_person(--seed, lang) instead")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--templates", help="comma-separated ids (default: all the language supports)")
    ap.add_argument("--every", type=int, default=1, help="only every N-th template (a quick sample)")
    ap.add_argument("--html", action="store_true", help="also write the HTML next to each PDF")
    a = ap.parse_args(argv)
    views: list[tuple[str, dict]] = []
    if a.view:
        views.append(("", json.loads(Path(a.view).read_text(encoding="utf-8"))))
    if a.langs:
        from htdy.parsers.training.people import make_person

        views += [(f"{lang}-", make_person(a.seed, lang).view) for lang in a.langs.split(",")]
    times: dict[str, list[float]] = {"wp": [], "cr": []}
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for k, (prefix, view) in enumerate(views):
        lang = view.get("lang", "en")
        ids = a.templates.split(",") if a.templates else [t for t in templates() if supports(t, lang)]
        for t in [t for i, t in enumerate(ids) if (i + i // 2 + k) % a.every == 0]:  # both engines
            t0 = time.perf_counter()
            path = render(view, t, out / f"{prefix}{t}")
            dt = time.perf_counter() - t0
            times[design(t).engine].append(dt)
            if a.html:
                (out / f"{prefix}{t}.html").write_text(html(view, t), encoding="utf-8")
            print(f"{path}  {dt:.2f}s", file=sys.stderr)
    for eng, ts in times.items():
        if ts:
            print(f"{eng}: {len(ts)} documents, {sum(ts) / len(ts):.2f}s each", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
