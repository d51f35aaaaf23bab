"""html-canvas: CVs as designer tools export them (Canva, Enhancv, Illustrator: `designer/canva.py`) and
Japanese 履歴書 forms on the JIS grid (`designer/rirekisho.py`), printed by headless Chromium.

    python -m htdy.parsers.training.families.html_canvas --langs en,ja --seed 3 --out /tmp/hc [--html]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .designer import canva, canva_page, engines, rirekisho

NAME = "html-canvas"
FORMS = ("rirekisho-a", "rirekisho-b")


def templates() -> list[str]:
    return [f"{lay}-{v}" for lay in canva.LAYOUTS for v in canva.VARIANTS] + list(FORMS)


def supports(template: str, lang: str) -> bool:
    if not engines.chromium_available():
        return False
    if template in FORMS:
        return lang == "ja"
    return lang not in ("ar",)  # the layouts are not mirrored


def html(view: dict, template: str) -> str:
    if template in FORMS:
        return rirekisho.document(view, template)
    return canva_page.document(view, canva.canvas(template))


def render(view: dict, template: str, out_stem: Path) -> Path:
    out = Path(out_stem).with_suffix(".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    engines.chromium_pdf(html(view, template), out)
    return out


def setup() -> None:
    if not engines.chromium_available():
        print("html-canvas: chromium is missing", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.families.html_canvas")
    ap.add_argument("--langs", default="en")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--templates", help="comma-separated ids (default: all the language supports)")
    ap.add_argument("--html", action="store_true", help="also write the HTML next to each PDF")
    a = ap.parse_args(argv)
    from htdy.parsers.training.people import make_person

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for lang in a.langs.split(","):
        view = make_person(a.seed, lang).view
        ids = a.templates.split(",") if a.templates else [t for t in templates() if supports(t, lang)]
        for t in ids:
            path = render(view, t, out / f"{lang}-{t}")
            if a.html:
                path.with_suffix(".html").write_text(html(view, t), encoding="utf-8")
            print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
