"""PDF extraction by OCR: pages rendered with pypdfium2, read by the ``tesseract`` command.

Each page is rendered grey at ``dpi`` (fewer dots when the page would exceed ``max_pixels``), piped
to ``tesseract stdin stdout … hocr`` (a subprocess with a timeout per page; ``OMP_THREAD_LIMIT``
keeps it to ``threads`` cores, the parser pool already runs one parse per core) and its hOCR words
become the :class:`~htdy.parsers.layout.model.Layout` the other backends produce: a word's box in
points (top-left origin), its line's type size estimated from tesseract's row height (ascender to
descender line), bold from the strokes' width in the image (a word whose strokes are clearly wider
than the document's body text, for its size), italic unknown. Words of one OCR line set close
together form a span; :func:`~htdy.parsers.layout.chars.lines_from_spans` then builds lines and
cells from the boxes exactly as for a text layer. Sizes are snapped to the few sizes the document
uses, so that lines of one type compare equal downstream as they do in a PDF.
"""
from __future__ import annotations

import functools
import math
import os
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from htdy.core.errors import ParseError
from htdy.parsers.layout.chars import is_cjk, lines_from_spans
from htdy.parsers.layout.model import Page, Span

# tesseract's row height (x-height + ascenders + descenders) in em of the font, measured on
# fonts rendered at known sizes (DejaVu, Liberation, Lato, Source Sans, Charter)
ROW_EM = 1.0
BOLD_RATIO = 1.3  # stroke width (per em) over the body text's that reads as bold
MIN_CONF = 20  # words tesseract is less sure of are dropped (noise, photos, rules)
SPAN_GAP = 0.6  # a gap between words wider than this (in em) starts a new span

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class OcrConfig:
    tesseract: str = "tesseract"
    dpi: int = 300
    psm: int = 3
    page_timeout_s: float = 60.0
    threads: int = 1
    max_pixels: int = 40_000_000


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    bold: bool = False
    stroke: float | None = None


@dataclass(slots=True)
class OcrLine:
    words: list[Word]
    size: float  # em in pixels
    baseline: float = 0.0
    slope: float = 0.0


@dataclass
class OcrPage:
    """One page as read: lines of words in image pixels, and how to turn pixels into points."""

    width: float
    height: float
    scale: float  # pixels per point
    lines: list[OcrLine] = field(default_factory=list)
    langs: dict[str, int] = field(default_factory=dict)  # characters read per language pack

    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in ln.words) for ln in self.lines)

    def confidence(self) -> tuple[int, float]:
        """Characters read and their mean word confidence."""
        n = sum(len(w.text) for ln in self.lines for w in ln.words)
        c = sum(len(w.text) * w.conf for ln in self.lines for w in ln.words)
        return n, (c / n if n else 0.0)



# --------------------------------------------------------------------------- tesseract
def tesseract_path(cmd: str) -> str | None:
    import shutil
    return shutil.which(cmd)


@functools.lru_cache(maxsize=8)
def installed_languages(cmd: str = "tesseract") -> tuple[str, ...]:
    """The language packs ``tesseract --list-langs`` names (``osd`` included when installed)."""
    p = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    if p.returncode != 0:
        raise OSError(f"{cmd} --list-langs failed: {(p.stderr or p.stdout).strip()[-200:]}")
    return tuple(sorted(ln.strip() for ln in p.stdout.splitlines()[1:] if ln.strip()))


def render(page: object, dpi: int, max_pixels: int) -> tuple[np.ndarray, float]:
    """A grey image of ``page`` (a pypdfium2 page) and its pixels per point."""
    w, h = page.get_size()  # type: ignore[attr-defined]
    scale = dpi / 72
    if w * h * scale * scale > max_pixels:
        scale = math.sqrt(max_pixels / max(w * h, 1.0))
    bitmap = page.render(scale=scale, grayscale=True)  # type: ignore[attr-defined]
    img = np.ascontiguousarray(bitmap.to_numpy())
    if img.ndim == 3:
        img = np.ascontiguousarray(img[:, :, 0])
    return img, scale


def _pgm(img: np.ndarray) -> bytes:
    h, w = img.shape
    return b"P5 %d %d 255\n" % (w, h) + img.tobytes()


def run(img: np.ndarray, langs: Sequence[str], cfg: OcrConfig, *, scale: float, page: int = 0,
        psm: int | None = None, fmt: str = "hocr") -> str:
    """tesseract's output (hOCR, or with ``psm=0`` the OSD report) for one page image."""
    cmd = [cfg.tesseract, "stdin", "stdout", "--psm", str(cfg.psm if psm is None else psm),
           "--dpi", str(max(70, round(scale * 72)))]
    if langs:
        cmd += ["-l", "+".join(langs)]
    if fmt:
        cmd.append(fmt)
    env = {**os.environ, "OMP_THREAD_LIMIT": str(cfg.threads)}
    try:
        p = subprocess.run(cmd, input=_pgm(img), capture_output=True, timeout=cfg.page_timeout_s, env=env,
                           check=False)
    except subprocess.TimeoutExpired:
        raise ParseError(f"OCR of page {page + 1} took longer than {cfg.page_timeout_s:g} s",
                         code="timeout") from None
    except OSError as exc:
        raise RuntimeError(f"the OCR engine {cfg.tesseract!r} could not be run: {exc}") from None
    if p.returncode != 0:
        if psm == 0:  # OSD finds too few characters on a nearly empty page: not an error
            return ""
        tail = p.stderr.decode("utf-8", "replace").strip()[-300:]
        raise ParseError(f"OCR of page {page + 1} failed ({tail or p.returncode})", code="corrupt")
    return p.stdout.decode("utf-8", "replace")


def osd(img: np.ndarray, cfg: OcrConfig, *, scale: float, page: int = 0) -> tuple[int, str] | None:
    """(degrees to rotate the image clockwise to make it upright, script) from tesseract's OSD."""
    out = run(img, ["osd"], cfg, scale=scale, page=page, psm=0, fmt="")
    rot = re.search(r"Rotate:\s*(\d+)", out)
    script = re.search(r"Script:\s*(\S+)", out)
    if not rot or not script:
        return None
    return int(rot.group(1)), script.group(1)


def rotate(img: np.ndarray, degrees: int) -> np.ndarray:
    """``img`` turned clockwise by ``degrees`` (a multiple of 90)."""
    return np.ascontiguousarray(np.rot90(img, k=-(degrees // 90) % 4))


# --------------------------------------------------------------------------- hOCR
def _title(el: ET.Element) -> dict[str, list[str]]:
    out = {}
    for part in (el.get("title") or "").split(";"):
        bits = part.split()
        if bits:
            out[bits[0]] = bits[1:]
    return out


def parse_hocr(text: str, *, min_conf: float = MIN_CONF) -> tuple[list[OcrLine], dict[str, int]]:
    """Lines of words (pixel boxes) from tesseract's hOCR, and characters read per language."""
    if not text.strip():
        return [], {}
    root = ET.fromstring(text)
    lines: list[OcrLine] = []
    langs: dict[str, int] = {}
    for par in root.iter(f"{_NS}p"):
        plang = par.get("lang") or ""
        for el in par.iter(f"{_NS}span"):
            cls = el.get("class") or ""
            if cls not in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
                continue
            t = _title(el)
            x0, y0, x1, y1 = (float(v) for v in t.get("bbox", ["0"] * 4))
            base = t.get("baseline", ["0", "0"])
            slope, off = float(base[0]), float(base[1])
            size = float((t.get("x_size") or [y1 - y0])[0])
            words = []
            for w in el.iter(f"{_NS}span"):
                if w.get("class") != "ocrx_word":
                    continue
                wt = _title(w)
                txt = "".join(w.itertext()).strip()
                conf = float((wt.get("x_wconf") or ["0"])[0])
                if not txt or conf < min_conf:
                    continue
                bx = [float(v) for v in wt["bbox"]]
                words.append(Word(txt, bx[0], bx[1], bx[2], bx[3], conf))
                lang = w.get("lang") or plang
                langs[lang] = langs.get(lang, 0) + len(txt)
            if words:
                lines.append(OcrLine(words, size / ROW_EM, baseline=y1 + off - slope * x0, slope=slope))
    return lines, langs


# --------------------------------------------------------------------------- strokes (bold)
def stroke_width(img: np.ndarray, w: Word) -> float | None:
    """Mean stroke width in pixels of the word's glyphs: 2 × ink area / ink outline."""
    box = img[max(0, int(w.top)):int(w.bottom) + 1, max(0, int(w.x0)):int(w.x1) + 1]
    if box.size < 16:
        return None
    lo, hi = int(box.min()), int(box.max())
    if hi - lo < 48:
        return None
    ink = box < (lo + hi) / 2
    area = int(ink.sum())
    edges = int((ink[:, 1:] != ink[:, :-1]).sum()) + int((ink[1:, :] != ink[:-1, :]).sum())
    edges += int(ink[:, 0].sum() + ink[:, -1].sum() + ink[0, :].sum() + ink[-1, :].sum())
    return 2 * area / edges if edges else None


def mark_bold(pages: Sequence[OcrPage]) -> None:
    """Bold: stroke width per em well above the body text's (the median, by characters)."""
    ratios: list[tuple[float, int]] = []
    for p in pages:
        for ln in p.lines:
            for w in ln.words:
                if w.stroke is not None and ln.size > 0 and any(ch.isalnum() for ch in w.text):
                    ratios.append((w.stroke / ln.size, len(w.text)))
    if len(ratios) < 5:
        return
    ratios.sort()
    total = sum(n for _, n in ratios)
    acc = 0
    body = ratios[-1][0]
    for r, n in ratios:
        acc += n
        if acc >= total / 2:
            body = r
            break
    for p in pages:
        for ln in p.lines:
            for w in ln.words:
                w.bold = w.stroke is not None and ln.size > 0 and w.stroke / ln.size > BOLD_RATIO * body


# --------------------------------------------------------------------------- sizes
def snap_sizes(sizes: Sequence[tuple[float, int]], tolerance: float = 0.07) -> dict[float, float]:
    """Map each estimated size to the char-weighted mean of its cluster (sizes within
    ``tolerance`` of their neighbour belong together), rounded to a quarter point."""
    out: dict[float, float] = {}
    ordered = sorted(sizes)
    group: list[tuple[float, int]] = []

    def close() -> None:
        if group:
            n = sum(c for _, c in group) or 1
            mean = round(4 * sum(s * c for s, c in group) / n) / 4
            for s, _ in group:
                out[s] = mean
            group.clear()

    for s, c in ordered:
        if group and s > group[-1][0] * (1 + tolerance):
            close()
        group.append((s, c))
    close()
    return out


# --------------------------------------------------------------------------- layout
def _logical_to_visual(text: str) -> str:
    """tesseract gives right-to-left words in reading order; the layout wants the page's order."""
    return text[::-1] if _RTL.search(text) else text


def _joined(a: str, b: str, gap: float, size: float) -> str:
    if (is_cjk(a[-1:]) or is_cjk(b[:1])) and gap < 0.3 * size:
        return a + b
    return a + " " + b


def to_page(p: OcrPage, index: int, sizes: dict[float, float]) -> Page:
    """The page in points: each OCR line's words as spans (split at wide gaps and bold changes)."""
    k = 1 / p.scale
    spans: list[Span] = []
    for ln in p.lines:
        size = sizes.get(round(ln.size * k, 2), round(ln.size * k, 2))
        words = sorted(ln.words, key=lambda w: w.x0)
        cur: Span | None = None
        last: Word | None = None
        for w in words:
            text = w.text if _RTL.search(w.text) else unicodedata.normalize("NFKC", w.text)
            text = _logical_to_visual(text)
            base = ln.baseline + ln.slope * (w.x0 + w.x1) / 2
            top, bottom = (base - 0.95 * ln.size) * k, (base + 0.25 * ln.size) * k
            if cur is not None and last is not None and last.bold == w.bold \
                    and (w.x0 - last.x1) * k < SPAN_GAP * size:
                cur.text = _joined(cur.text, text, (w.x0 - last.x1) * k, size)
                cur.x1 = w.x1 * k
                cur.top, cur.bottom = min(cur.top, top), max(cur.bottom, bottom)
            else:
                cur = Span(text, w.x0 * k, top, w.x1 * k, bottom, "OCR", size, w.bold, False)
                spans.append(cur)
            last = w
    page = Page(width=p.width, height=p.height)
    page.lines = lines_from_spans(spans, index)
    return page


def read_page(img: np.ndarray, scale: float, langs: Sequence[str], cfg: OcrConfig, index: int) -> OcrPage:
    """OCR one page image into pixel lines (strokes measured for the bold estimate)."""
    lines, counts = parse_hocr(run(img, langs, cfg, scale=scale, page=index))
    for ln in lines:
        for w in ln.words:
            w.stroke = stroke_width(img, w)
    h, w = img.shape
    return OcrPage(width=w / scale, height=h / scale, scale=scale, lines=lines, langs=counts)


def to_pages(pages: Sequence[tuple[int, OcrPage]]) -> list[tuple[int, Page]]:
    """The OCR'd pages (with their page index) as layout pages, bold and sizes decided over all."""
    only = [p for _, p in pages]
    mark_bold(only)
    est = [(round(ln.size / p.scale, 2), sum(len(w.text) for w in ln.words)) for p in only for ln in p.lines]
    sizes = snap_sizes(est)
    return [(i, to_page(p, i, sizes)) for i, p in pages]
