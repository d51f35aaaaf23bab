"""Packaged assets: fonts, ``@font-face`` rules and WeasyPrint's locked-down URL fetcher.

The PDF engine reaches assets only through ``htdy-asset:`` URLs served from the package
(fonts) or the template's own folder; the HTML output inlines the very same font files
as ``data:`` URIs, so preview and PDF use identical fonts. Nothing else is ever fetched:
no ``file:``, no ``http(s):``, no ``data:`` except the vetted photo."""
from __future__ import annotations

import base64
import functools
import re
from pathlib import Path
from typing import Any

FONTS_DIR = Path(__file__).parent / "fonts"
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
}
# Typst addresses fonts by their real family names.
TYPST_FAMILIES = {"htdy-sans": "Noto Sans", "htdy-serif": "Noto Serif", "htdy-inter": "Inter",
                  "htdy-cjk": "Droid Sans Fallback"}
# font pair -> (heading family, body family)
PAIRS: dict[str, tuple[str, str]] = {"sans": ("htdy-sans", "htdy-sans"),
                                     "serif": ("htdy-serif", "htdy-serif"),
                                     "mixed": ("htdy-serif", "htdy-sans"),
                                     "inter": ("htdy-inter", "htdy-inter")}
_MIME = {".ttf": "font/ttf", ".otf": "font/otf", ".png": "image/png", ".jpg": "image/jpeg",
         ".jpeg": "image/jpeg", ".svg": "image/svg+xml", ".css": "text/css", ".gif": "image/gif"}


@functools.lru_cache(maxsize=32)
def font_bytes(name: str) -> bytes:
    return (FONTS_DIR / name).read_bytes()


@functools.lru_cache(maxsize=32)
def _font_data_uri(name: str) -> str:
    mime = _MIME[Path(name).suffix]
    return f"data:{mime};base64,{base64.b64encode(font_bytes(name)).decode()}"


def faces_for(pair: str, *, cjk: bool, italic: bool = True) -> list[tuple[str, str, str, str]]:
    """(family, weight, style, file) for a font pair: the body's regular, bold (and
    italic), the headings' bold, and the CJK fallback only when the CV needs it."""
    head, body = PAIRS.get(pair, PAIRS["sans"])
    wanted = [(body, "400", "normal"), (body, "700", "normal"), (head, "700", "normal")]
    if italic:
        wanted.append((body, "400", "italic"))
    if cjk:
        wanted.append(("htdy-cjk", "400", "normal"))
    out = []
    for fam, weight, style in dict.fromkeys(wanted):
        out.append((fam, weight, style, FAMILIES[fam][(weight, style)]))
    return out


@functools.lru_cache(maxsize=64)
def font_face_css(pair: str, *, cjk: bool, inline: bool, italic: bool = True) -> str:
    rules = []
    for fam, weight, style, name in faces_for(pair, cjk=cjk, italic=italic):
        src = _font_data_uri(name) if inline else f"{ASSET_SCHEME}fonts/{name}"
        rules.append(f'@font-face{{font-family:"{fam}";font-weight:{weight};font-style:{style};'
                     f'src:url("{src}")}}')
    return "".join(rules)


def font_stacks(pair: str, *, cjk: bool) -> tuple[str, str]:
    head, body = PAIRS.get(pair, PAIRS["sans"])
    tail = ',"htdy-cjk"' if cjk else ""
    return f'"{head}"{tail}', f'"{body}"{tail}'


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
