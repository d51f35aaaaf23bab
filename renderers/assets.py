"""Packaged assets: fonts, ``@font-face`` rules and WeasyPrint's locked-down URL fetcher.

The PDF engine reaches assets only through ``htdy-asset:`` URLs served from the package
(fonts) or the template's own folder; the HTML output inlines the very same fonts as
``data:`` URIs, so preview and PDF use identical fonts. For HTML each file is inlined as
its WOFF2 copy (``fonts/*.woff2``, a lossless brotli-compressed container of the same
tables, about a third of the size): shipped pre-built and used only while the SHA-256 of
its source recorded in ``fonts/woff2-sources.json`` matches the file next to it,
otherwise compressed here when fontTools and brotli are importable, otherwise the
TTF/OTF itself. ``python -m htdy.renderers.assets`` rebuilds the WOFF2 copies. Nothing
else is ever fetched: no ``file:``, no ``http(s):``, no ``data:`` except the vetted
photo."""
from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("htdy.renderers.assets")

FONTS_DIR = Path(__file__).parent / "fonts"
WOFF2_SOURCES = FONTS_DIR / "woff2-sources.json"
ASSET_SCHEME = "htdy-asset:"

# family -> {(weight, style): file}
FAMILIES: dict[str, dict[tuple[str, str], str]] = {
    "htdy-sans": {("400", "normal"): "NotoSans-Regular.ttf", ("700", "normal"): "NotoSans-Bold.ttf",
                  ("400", "italic"): "NotoSans-Italic.ttf"},
    "htdy-serif": {("400", "normal"): "NotoSerif-Regular.ttf", ("700", "normal"): "NotoSerif-Bold.ttf",
                   ("400", "italic"): "NotoSerif-Italic.ttf"},
    "htdy-inter": {("400", "normal"): "Inter-Regular.otf", ("700", "normal"): "Inter-Bold.otf",
                   ("400", "italic"): "Inter-Italic.otf"},
    "htdy-cjk": {("400", "normal"): "DroidSansFallback-CJK.ttf"},
    "htdy-arabic": {("400", "normal"): "NotoSansArabic-Regular.ttf",
                    ("700", "normal"): "NotoSansArabic-Bold.ttf"},
}
# Typst addresses fonts by their real family names.
TYPST_FAMILIES = {"htdy-sans": "Noto Sans", "htdy-serif": "Noto Serif", "htdy-inter": "Inter",
                  "htdy-cjk": "Droid Sans Fallback", "htdy-arabic": "Noto Sans Arabic"}
# font pair -> (heading family, body family)
PAIRS: dict[str, tuple[str, str]] = {"sans": ("htdy-sans", "htdy-sans"),
                                     "serif": ("htdy-serif", "htdy-serif"),
                                     "mixed": ("htdy-serif", "htdy-sans"),
                                     "inter": ("htdy-inter", "htdy-inter")}
# Advance of "\u2022\u00a0" (the text bullet) in each family's regular face, in em: a
# highlight's first line hangs by this much, so its text lines up with the lines below.
BULLET_HANG_EM = {"htdy-sans": 0.636, "htdy-serif": 0.622, "htdy-inter": 0.844}
_MIME = {".ttf": "font/ttf", ".otf": "font/otf", ".png": "image/png", ".jpg": "image/jpeg",
         ".jpeg": "image/jpeg", ".svg": "image/svg+xml", ".css": "text/css", ".gif": "image/gif"}


@functools.lru_cache(maxsize=32)
def font_bytes(name: str) -> bytes:
    return (FONTS_DIR / name).read_bytes()


def font_files() -> list[str]:
    """Every packaged font file (TTF/OTF) any family uses."""
    return sorted({f for faces in FAMILIES.values() for f in faces.values()})


def woff2_name(name: str) -> str:
    return Path(name).stem + ".woff2"


@functools.lru_cache(maxsize=1)
def _woff2_sources() -> dict[str, str]:
    try:
        data = json.loads(WOFF2_SOURCES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v.get("sha256", "") for k, v in data.items() if isinstance(v, dict)}


def compress_woff2(data: bytes) -> bytes | None:
    """``data`` (a TTF/OTF) as WOFF2, or ``None`` without fontTools' WOFF2 support
    (it needs the ``brotli`` module)."""
    try:
        from fontTools.ttLib import woff2
    except ImportError:
        return None
    if not getattr(woff2, "haveBrotli", False):
        return None
    out = io.BytesIO()
    woff2.compress(io.BytesIO(data), out)
    return out.getvalue()


@functools.lru_cache(maxsize=32)
def web_font(name: str) -> tuple[str, bytes]:
    """(MIME type, bytes) to inline font file ``name`` into HTML: its pre-built WOFF2
    copy while that is current, else a WOFF2 compressed now (~0.6 s), else the file."""
    src = font_bytes(name)
    w = FONTS_DIR / woff2_name(name)
    if w.is_file() and _woff2_sources().get(w.name) == hashlib.sha256(src).hexdigest():
        return "font/woff2", w.read_bytes()
    log.warning("no current WOFF2 copy of %s (python -m htdy.renderers.assets rebuilds them)", name)
    data = compress_woff2(src)
    if data is not None:
        return "font/woff2", data
    return _MIME[Path(name).suffix], src


@functools.lru_cache(maxsize=32)
def _font_data_uri(name: str) -> str:
    mime, data = web_font(name)
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def build_woff2(names: list[str] | None = None) -> dict[str, dict[str, str]]:
    """Write ``fonts/<stem>.woff2`` for every font file (or ``names``) and record each
    source's SHA-256 in ``fonts/woff2-sources.json``."""
    try:
        sources = json.loads(WOFF2_SOURCES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        sources = {}
    for name in names or font_files():
        src = (FONTS_DIR / name).read_bytes()
        data = compress_woff2(src)
        if data is None:
            raise RuntimeError("WOFF2 needs fontTools with brotli (pip install brotli)")
        (FONTS_DIR / woff2_name(name)).write_bytes(data)
        sources[woff2_name(name)] = {"source": name, "sha256": hashlib.sha256(src).hexdigest()}
    WOFF2_SOURCES.write_text(json.dumps(dict(sorted(sources.items())), indent=2) + "\n", encoding="utf-8")
    _woff2_sources.cache_clear()
    web_font.cache_clear()
    _font_data_uri.cache_clear()
    font_face_css.cache_clear()
    return sources


def faces_for(pair: str, *, cjk: bool, italic: bool = True,
              arabic: bool = False) -> list[tuple[str, str, str, str]]:
    """(family, weight, style, file) for a font pair: the body's regular, bold (and
    italic), the headings' bold, and the CJK and Arabic fallbacks only when the CV needs them."""
    head, body = PAIRS.get(pair, PAIRS["sans"])
    wanted = [(body, "400", "normal"), (body, "700", "normal"), (head, "700", "normal")]
    if italic:
        wanted.append((body, "400", "italic"))
    if cjk:
        wanted.append(("htdy-cjk", "400", "normal"))
    if arabic:
        wanted += [("htdy-arabic", "400", "normal"), ("htdy-arabic", "700", "normal")]
    out = []
    for fam, weight, style in dict.fromkeys(wanted):
        out.append((fam, weight, style, FAMILIES[fam][(weight, style)]))
    return out


@functools.lru_cache(maxsize=64)
def font_face_css(pair: str, *, cjk: bool, inline: bool, italic: bool = True, arabic: bool = False) -> str:
    rules = []
    for fam, weight, style, name in faces_for(pair, cjk=cjk, italic=italic, arabic=arabic):
        if inline:
            mime, _ = web_font(name)
            fmt = {"font/woff2": "woff2", "font/otf": "opentype"}.get(mime, "truetype")
            src = f'url("{_font_data_uri(name)}") format("{fmt}")'
        else:
            src = f'url("{ASSET_SCHEME}fonts/{name}")'
        rules.append(f'@font-face{{font-family:"{fam}";font-weight:{weight};font-style:{style};'
                     f'src:{src}}}')
    return "".join(rules)


def font_stacks(pair: str, *, cjk: bool, arabic: bool = False) -> tuple[str, str]:
    head, body = PAIRS.get(pair, PAIRS["sans"])
    tail = (',"htdy-cjk"' if cjk else "") + (',"htdy-arabic"' if arabic else "")
    return f'"{head}"{tail}', f'"{body}"{tail}'


def bullet_hang(pair: str) -> str:
    """CSS ``text-indent`` that hangs a text bullet in the body font of ``pair``."""
    return f"-{BULLET_HANG_EM[PAIRS.get(pair, PAIRS['sans'])[1]]:g}em"


def make_fetcher(template_path: Any, allowed_data: frozenset[str] = frozenset()) -> Any:
    """A WeasyPrint ``URLFetcher`` that serves only packaged fonts, the template's own
    files and the exact ``data:`` URIs in ``allowed_data``; every other URL fails."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedAssetsFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=set(), fail_on_errors=False)
            self.blocked: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(ASSET_SCHEME):
                rel = url[len(ASSET_SCHEME):].lstrip("/")
                if (not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*", rel)
                        or ".." in rel or Path(rel).suffix.lower() not in _MIME):
                    return self._block(url)
                if rel.startswith("fonts/"):
                    body = font_bytes(rel[6:]) if (FONTS_DIR / rel[6:]).is_file() else None
                else:
                    f = template_path.joinpath(*rel.split("/"))
                    body = f.read_bytes() if f.is_file() else None
                if body is None:
                    return self._block(url)
                mime = _MIME.get(Path(rel).suffix.lower(), "application/octet-stream")
                return URLFetcherResponse(url, body, {"Content-Type": mime})
            if url in allowed_data:
                head, payload = url.split(",", 1)
                return URLFetcherResponse(url, base64.b64decode(payload),
                                          {"Content-Type": head[5:].split(";")[0]})
            return self._block(url)

        def open(self, url: Any, data: Any = None, timeout: Any = None) -> Any:
            return self.fetch(url if isinstance(url, str) else url.full_url)

        def _block(self, url: str) -> Any:
            self.blocked.append(url[:80])
            raise ValueError(f"htdy: blocked resource {url[:80]!r}")

    return PackagedAssetsFetcher()


if __name__ == "__main__":
    for woff, info in build_woff2().items():
        print(f"{woff}: from {info['source']} ({(FONTS_DIR / woff).stat().st_size} bytes)")
