"""typst: CVs written in Typst and compiled in-process with the ``typst`` Python package.

The templates (``typst/*.typ``) are self-contained (no @preview packages: nothing can be downloaded) and share
``typst/_lib.typ``. The view goes in as ``sys.inputs.view`` (JSON), the design (font, accent colour,
side) as further inputs derived from the template id, so the same view always gives the same layout.
Chinese, Japanese and Korean fall back to Noto Sans CJK, Arabic to Noto Sans Arabic (right to left).

    python -m htdy.parsers.training.families.typst_cv --view parsers/training/example_view.json --out /tmp/ty
    python -m htdy.parsers.training.families.typst_cv --langs en,zh,ar --seed 3 --out /tmp/ty
"""
from __future__ import annotations

import argparse
import functools
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

NAME = "typst"
HERE = Path(__file__).parent / "typst"
EPOCH = 1700000000  # document timestamp (the templates also set `date: none`)

# template id -> (file, Latin font, accent colour, extra inputs)
_T: dict[str, tuple[str, str, str, dict[str, str]]] = {
    "modern": ("modern", "Lato", "#1f4e79", {}),
    "modern-serif": ("modern", "Noto Serif", "#8a3b12", {}),
    "sidebar": ("sidebar", "Noto Sans", "#2a6f4e", {}),
    "sidebar-right": ("sidebar", "Liberation Sans", "#5b3a8c", {"side": "right"}),
    "leftdates": ("leftdates", "Liberation Serif", "#7a1f3d", {}),
    "bar": ("bar", "TeX Gyre Heros", "#b03a2e", {}),
    "academic": ("academic", "Latin Modern Roman", "#1a237e", {}),
    "cards": ("cards", "DejaVu Sans", "#1d5c8c", {}),
    "timeline": ("timeline", "Lato", "#0f766e", {}),
    "gdocs": ("gdocs", "Liberation Serif", "#9c4a2f", {}),
    "gdocs-sans": ("gdocs", "Carlito", "#2b6cb0", {}),
    "europass2": ("europass2", "Liberation Sans", "#1F4E9C", {}),
    "europass2-dejavu": ("europass2", "DejaVu Sans", "#1F4E9C", {}),
}
CJK = {"zh": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}
LANGS = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "zh", "ja", "ko", "ru", "tr", "sv", "cs", "ar")


def templates() -> list[str]:
    return list(_T)


@functools.cache
def _font(family: str) -> bool:
    if not shutil.which("fc-list"):
        return True  # cannot tell: let Typst fall back
    return bool(subprocess.run(["fc-list", family], capture_output=True, text=True).stdout.strip())


def supports(template: str, lang: str) -> bool:
    if template not in _T or lang not in LANGS:
        return False
    if lang in CJK:
        return _font(CJK[lang])
    if lang == "ar":
        return _font("Noto Sans Arabic")
    return True


@functools.cache
def _compiler():  # one per process: it scans the system fonts once
    import typst

    return typst.Compiler(root=str(HERE))


def inputs(view: dict, template: str) -> dict[str, str]:
    file, font, accent, extra = _T[template]
    return {"view": json.dumps(view, ensure_ascii=False), "font": font, "accent": accent, **extra}


def render(view: dict, template: str, out_stem: Path) -> Path:
    import typst

    out = Path(out_stem).with_suffix(".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    src = HERE / f"{_T[template][0]}.typ"
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        _compiler().compile(input=str(src), output=str(tmp), sys_inputs=inputs(view, template),
                            timestamp=EPOCH)
    except typst.TypstError as e:
        tmp.unlink(missing_ok=True)
        detail = getattr(e, "diagnostic", None) or str(e)
        raise RuntimeError(f"typst failed on {template} ({view.get('lang')}): {detail}") from e
    tmp.replace(out)
    return out


def setup() -> None:
    """Nothing to install: the typst package is a dependency; fonts come from Debian (fonts-lato,
    fonts-noto-core, fonts-noto-cjk, fonts-liberation2, fonts-dejavu, fonts-texgyre, fonts-lmodern)."""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--view", help="a view JSON file (else people.make_person)")
    ap.add_argument("--langs", default="en")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--templates", default="")
    ap.add_argument("--out", default="/tmp/htdy-typst")
    a = ap.parse_args(argv)
    views = []
    if a.view:
        views.append(json.loads(Path(a.view).read_text(encoding="utf-8")))
    else:
        from htdy.parsers.training.people import make_person
        views += [make_person(a.seed, lang).view for lang in a.langs.split(",")]
    failed = 0
    for view in views:
        for t in a.templates.split(",") if a.templates else templates():
            if not supports(t, view["lang"]):
                continue
            t0 = time.monotonic()
            try:
                p = render(view, t, Path(a.out) / f"{a.seed}-{t}-{view['lang']}")
                print(f"{p}  {time.monotonic() - t0:.2f}s")
            except RuntimeError as e:
                failed += 1
                print(f"FAILED {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
