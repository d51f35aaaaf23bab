"""Icons for contact lines and section headings, three ways real CVs draw them:

* ``fa``: Font Awesome 4.7 glyphs at Private Use Area code points (the text layer then holds PUA
  characters, as it does in PDFs made with icon fonts); Debian's ``fonts-font-awesome``;
* ``uni``: Unicode symbols (✉ ☎ ★ …) from DejaVu Sans;
* ``svg``: small inline SVG drawings (no text at all); also the fallback when the icon font is absent.
"""
from __future__ import annotations

from pathlib import Path

FA_FILES = [Path("/usr/share/fonts-font-awesome/fonts/fontawesome-webfont.ttf"),
            Path("/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf")]

FA = {"email": "\uf0e0", "phone": "\uf095", "url": "\uf0ac", "location": "\uf041", "github": "\uf09b",
      "linkedin": "\uf0e1", "twitter": "\uf099", "x": "\uf099", "gitlab": "\uf296", "xing": "\uf168",
      "stackoverflow": "\uf16c", "facebook": "\uf09a", "instagram": "\uf16d", "dribbble": "\uf17d",
      "behance": "\uf1b4", "medium": "\uf23a", "profile": "\uf0c1",
      "work": "\uf0b1", "education": "\uf19d", "skills": "\uf085", "languages": "\uf1ab", "summary": "\uf007",
      "projects": "\uf121", "interests": "\uf004", "contact": "\uf2bb", "certificates": "\uf0a3",
      "awards": "\uf091"}
UNI = {"email": "✉", "phone": "☎", "url": "⌂", "location": "⚑", "profile": "➚",
       "work": "◆", "education": "▲", "skills": "★", "languages": "✦", "summary": "●", "projects": "■",
       "interests": "♥", "contact": "✉", "certificates": "✔", "awards": "★"}

# 24×24 drawings in `currentColor`
_SVG = {
    "email": '<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M3 6l9 7 9-7" fill="none" '
             'stroke="white" stroke-width="2"/>',
    "phone": '<path d="M6 2h4l2 5-3 2a11 11 0 0 0 6 6l2-3 5 2v4a2 2 0 0 1-2 2A18 18 0 0 1 4 4a2 2 0 0 1 2-2z"/>',
    "url": '<circle cx="12" cy="12" r="10"/><path d="M2 12h20M12 2c4 4 4 16 0 20M12 2c-4 4-4 16 0 20" '
           'fill="none" stroke="white" stroke-width="1.5"/>',
    "location": '<path d="M12 2a7 7 0 0 1 7 7c0 5-7 13-7 13S5 14 5 9a7 7 0 0 1 7-7z"/>'
                '<circle cx="12" cy="9" r="2.5" fill="white"/>',
    "profile": '<path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1" '
               'fill="none" stroke="currentColor" stroke-width="2.2"/>',
    "work": '<rect x="2" y="7" width="20" height="14" rx="2"/><path d="M8 7V4h8v3" fill="none" '
            'stroke="currentColor" stroke-width="2"/>',
    "education": '<path d="M12 3 1 9l11 6 11-6z"/><path d="M5 12v5c3 3 11 3 14 0v-5l-7 4z"/>',
    "skills": '<circle cx="12" cy="12" r="7"/><circle cx="12" cy="12" r="3" fill="white"/>'
              '<path d="M11 1h2v5h-2zM11 18h2v5h-2zM1 11h5v2H1zM18 11h5v2h-5z"/>',
    "languages": '<path d="M3 4h18v12H9l-5 4v-4H3z"/>',
    "summary": '<circle cx="12" cy="7" r="5"/><path d="M3 22c0-6 4-9 9-9s9 3 9 9z"/>',
    "projects": '<path d="M8 6 2 12l6 6M16 6l6 6-6 6" fill="none" stroke="currentColor" stroke-width="2.5"/>',
    "interests": '<path d="M12 21 3 12a5 5 0 0 1 9-7 5 5 0 0 1 9 7z"/>',
    "contact": '<rect x="2" y="4" width="20" height="16" rx="2"/><circle cx="8" cy="11" r="3" fill="white"/>',
    "certificates": '<circle cx="12" cy="9" r="7"/><path d="M7 14l-2 8 7-3 7 3-2-8z"/>',
    "awards": '<path d="M12 2l3 7 7 .5-5.5 4.5 2 7.5L12 17l-6.5 4.5 2-7.5L2 9.5 9 9z"/>',
}


def fa_file() -> Path | None:
    return next((p for p in FA_FILES if p.exists()), None)


def icon(kind: str, style: str, network: str | None = None) -> str:
    """HTML for one icon (`kind`: a contact field, a heading key, or 'profile' with its network)."""
    if style == "fa" and fa_file() is None:
        style = "svg"
    if style == "fa":
        key = (network or "").lower().replace(" ", "").replace("-", "")
        glyph = FA.get(key) or FA.get(kind) or FA["profile"]
        return f'<span class="ic fa">{glyph}</span>'
    if style == "uni":
        return f'<span class="ic uni">{UNI.get(kind, "•")}</span>'
    body = _SVG.get(kind, _SVG["profile"])
    return f'<svg class="ic" viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor">{body}</svg>'


def fa_face() -> str:
    """@font-face for the icon font (empty when it is not installed)."""
    p = fa_file()
    return f"@font-face {{ font-family: 'HDIcons'; src: url('{p.as_uri()}'); }}\n" if p else ""
