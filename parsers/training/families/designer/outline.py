"""Text converted to outlines, as designer tools export a name set in a display face: an inline SVG of
glyph paths (fontTools), so the PDF holds drawings and no characters."""
from __future__ import annotations

import subprocess
from functools import lru_cache
from html import escape
from typing import Any

FALLBACK = "Noto Sans CJK JP"


@lru_cache(maxsize=32)
def _font(family: str, style: str) -> Any:
    from fontTools.ttLib import TTFont

    path = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:{style}"], capture_output=True,
                          text=True, check=True).stdout.strip()
    return TTFont(path, fontNumber=0, lazy=True)


def _glyphs(text: str, family: str, style: str, size_px: float, x0: float, y: float) -> tuple[list[str], float]:
    from fontTools.pens.svgPathPen import SVGPathPen

    out, x = [], x0
    for ch in text:
        for fam in (family, FALLBACK):
            f = _font(fam, style)
            name = f.getBestCmap().get(ord(ch))
            if name:
                break
        else:
            x += size_px * 0.5
            continue
        gs, s = f.getGlyphSet(), size_px / f["head"].unitsPerEm
        pen = SVGPathPen(gs)
        gs[name].draw(pen)
        d = pen.getCommands()
        if d:
            out.append(f'<path transform="translate({x:.2f} {y:.2f}) scale({s:.5f} {-s:.5f})" d="{escape(d)}"/>')
        x += f["hmtx"][name][0] * s
    return out, x


def svg(lines: list[tuple[str, str]], family: str, size_pt: float, color: str, upper: bool = False) -> str:
    """``lines``: (text, fontconfig style such as 'light' or 'bold'), one SVG line each."""
    px = size_pt * 96 / 72
    paths, width = [], 0.0
    for i, (text, style) in enumerate(lines):
        ps, w = _glyphs(text.upper() if upper else text, family, style, px, 0, px * (0.95 + 1.15 * i))
        paths += ps
        width = max(width, w)
    h = px * (0.3 + 1.15 * len(lines))
    return (f'<svg class="nameimg" width="{width:.0f}" height="{h:.0f}" viewBox="0 0 {width:.1f} {h:.1f}" '
            f'fill="{color}" role="img">{"".join(paths)}</svg>')
