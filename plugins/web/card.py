"""The link-preview card of a public profile (``og:image``): a 1200×630 PNG with the
name, current title, place and top skills, drawn with Pillow (off the event loop) and
cached per profile revision like the page itself."""
from __future__ import annotations

import io
from functools import cache
from importlib import resources
from typing import Any

WIDTH, HEIGHT = 1200, 630
BG, FG, MUTED, ACCENT, CHIP = "#ffffff", "#1b1f2a", "#5b6475", "#4f46e5", "#eef0ff"


@cache
def _font_path(name: str) -> str | None:
    """A font shipped with the renderers, when they are installed."""
    try:
        path = resources.files("htdy.renderers").joinpath("fonts", name)
        return str(path) if path.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def _font(size: int, bold: bool = False, text: str = "") -> Any:
    """Inter (Latin, Greek, Cyrillic); Droid Sans Fallback for text with CJK characters
    (Pillow does no per-glyph fallback); Pillow's own font when neither is installed."""
    from PIL import ImageFont

    cjk = any(ord(ch) >= 0x2E80 for ch in text)
    path = _font_path("DroidSansFallback-CJK.ttf" if cjk else "Inter-Bold.otf" if bold else "Inter-Regular.otf")
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def _fit(draw: Any, text: str, font: Any, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def render_card(name: str, title: str, place: str, skills: list[str], site: str) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    initials = "".join(p[0] for p in name.split()[:2]).upper() or "?"
    draw.rounded_rectangle((90, 90, 250, 250), radius=36, fill=ACCENT)
    f_initials = _font(72, bold=True, text=initials)
    box = draw.textbbox((0, 0), initials, font=f_initials)
    draw.text((170 - (box[2] - box[0]) / 2 - box[0], 170 - (box[3] - box[1]) / 2 - box[1]), initials,
              font=f_initials, fill="#ffffff")
    text_x, width = 290, WIDTH - 290 - 80
    f_name = _font(64, bold=True, text=name)
    draw.text((text_x, 100), _fit(draw, name, f_name, width), font=f_name, fill=FG)
    y = 190
    for line, size in ((title, 36), (place, 30)):
        if line:
            f_line = _font(size, text=line)
            draw.text((text_x, y), _fit(draw, line, f_line, width), font=f_line, fill=MUTED)
            y += size + 18
    x: float = 90
    y = 330
    for skill in skills[:12]:
        f_chip = _font(30, bold=True, text=skill)
        label = _fit(draw, skill, f_chip, 420)
        w = draw.textlength(label, font=f_chip) + 44
        if x + w > WIDTH - 80:
            x, y = 90, y + 70
            if y > HEIGHT - 140:
                break
        draw.rounded_rectangle((x, y, x + w, y + 54), radius=27, fill=CHIP)
        draw.text((x + 22, y + 10), label, font=f_chip, fill=ACCENT)
        x += w + 14
    draw.text((90, HEIGHT - 70), site, font=_font(26), fill=MUTED)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
