"""PDF extraction by OCR: pages rendered with pypdfium2, read by the ``tesseract`` command.

Each page is rendered grey at ``dpi`` (fewer dots when the page would exceed ``max_pixels``), piped
to ``tesseract stdin stdout … hocr`` (a subprocess with a timeout per page; ``OMP_THREAD_LIMIT``
keeps it to ``threads`` cores: the parser pool already runs one parse per core) and its hOCR words
become lines of words in image pixels (:class:`OcrPage`, put together by
:func:`htdy.parsers.ocr.read_page`); :mod:`~htdy.parsers.layout.ocr_layout` turns those into the
layout the other backends produce. Parsing the hOCR fixes what OCR gets wrong on CVs: lines of noise
(photos, rules, logos) are dropped (and listed: a large one is read again alone); an OCR line is cut
where its type size changes (a larger company name beside its dates); bullets OCR reads as letters
("+", "«", "e") or leaves out become "•", icons ("©", "YM" for an envelope) U+E000 as an icon font
reads; a word broken at a line end ("architec-" / "ture") ends with pdfium's soft-hyphen mark.
"""
from __future__ import annotations

import functools
import math
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from htdy.core.host.errors import ParseError

# tesseract's row height (x-height + ascenders + descenders) in em, when no letter can be measured
ROW_EM = 0.93
ASCENDER_EM = 0.75  # how far b, d, f, h, k, l rise above the baseline, in em
CAPITAL_EM = 0.71  # capitals and digits (the document's own is measured: ocr_layout.capital_height)
SQUARE_EM = 0.88  # the height of Han and Hangul characters
KANA_EM = 0.82  # of a word of kana (the tallest of them)
MIN_CONF = 40  # lines tesseract is less sure of are dropped (noise: photos, rules, logos)
SIZE_STEP = 1.18  # words on one OCR line whose sizes differ by more are set in two sizes
SECOND_LOOKS = 3  # dropped lines per page read again alone
_ASCENDER = re.compile(r"[bdfhkl]")
_CAPITAL = re.compile(r"[A-Z0-9]")
_SQUARE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]")
_KANA = re.compile(r"[\u3041-\u30ff]")
_KANA_OR_SQUARE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af]")
_DESCENDER = re.compile(r"[gjpqyQJ,;()\[\]{}|/@$_µ]")
_NS = "{http://www.w3.org/1999/xhtml}"
Box = tuple[int, int, int, int]


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
    sure: bool = False  # the size is measured on letters that rise to the ascender or cap height


@dataclass
class OcrPage:
    """One page as read: lines of words in image pixels, and how to turn pixels into points."""

    width: float
    height: float
    scale: float  # pixels per point
    lines: list[OcrLine] = field(default_factory=list)
    noise: int = 0  # characters on lines dropped as noise (what a language pack could not read)
    langs: dict[str, int] = field(default_factory=dict)  # characters read by each language pack

    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in ln.words) for ln in self.lines)

    def confidence(self) -> tuple[int, float]:
        """Characters read and their mean word confidence."""
        n = sum(len(w.text) for ln in self.lines for w in ln.words)
        c = sum(len(w.text) * w.conf for ln in self.lines for w in ln.words)
        return n, (c / n if n else 0.0)



# --------------------------------------------------------------------------- tesseract
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


@dataclass
class Hocr:
    lines: list[OcrLine] = field(default_factory=list)
    noise: list[tuple[Box, int]] = field(default_factory=list)  # lines dropped: box, characters
    langs: dict[str, int] = field(default_factory=dict)  # characters read by each language pack


def parse_hocr(text: str, *, min_conf: float = MIN_CONF) -> Hocr:
    """Lines of words (pixel boxes) from tesseract's hOCR."""
    out = Hocr()
    if not text.strip():
        return out
    root = ET.fromstring(text)
    lines = out.lines
    for par in root.iter(f"{_NS}p"):
        first = len(lines)
        plang = par.get("lang") or ""
        for el in par.iter(f"{_NS}span"):
            cls = el.get("class") or ""
            if cls not in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
                continue
            t = _title(el)
            x0, y0, x1, y1 = (float(v) for v in t.get("bbox", ["0"] * 4))
            base = t.get("baseline", ["0", "0"])
            slope, off = float(base[0]), float(base[1])
            size = float(t["x_size"][0]) if t.get("x_size") else y1 - y0
            words = []
            for w in el.iter(f"{_NS}span"):
                if w.get("class") != "ocrx_word":
                    continue
                wt = _title(w)
                txt = "".join(w.itertext()).strip()
                conf = float((wt.get("x_wconf") or ["0"])[0])
                if txt:
                    bx = [float(v) for v in wt["bbox"]]
                    words.append(Word(txt, bx[0], bx[1], bx[2], bx[3], conf))
                    lang = w.get("lang") or plang
                    out.langs[lang] = out.langs.get(lang, 0) + len(txt)
            if not words:
                continue
            whole = OcrLine(words, size / ROW_EM, baseline=y1 + off - slope * x0, slope=slope)
            n = sum(len(w.text) for w in words)
            if sum(w.conf * len(w.text) for w in words) < min_conf * n:
                # a line of noise (a photo, a rule, a logo); a poor word in a good line stays
                out.noise.append(((int(x0), int(y0), int(x1), int(y1)), n))
                continue
            for ln in by_size(whole):
                ln.words = marks(ln)
                lines.append(ln)
        _soft_hyphens(lines[first:])
    return out


def by_size(ln: OcrLine) -> list[OcrLine]:
    """The OCR line cut where its type size changes (tesseract puts a larger company name and the
    dates beside it on one line), each piece with its own size."""
    words = sorted(ln.words, key=lambda w: w.x0)
    est = [word_em(ln, w) for w in words]
    groups: list[list[int]] = [[]]
    for i, e in enumerate(est):
        known = sorted(k for j in groups[-1] if (k := est[j]) is not None)
        g = known[len(known) // 2] if known else None
        # (a CJK character's box is often as tall as its line: no evidence of another size)
        strong = sum(ch.isalnum() for ch in words[i].text) >= 4 and not _KANA_OR_SQUARE.search(words[i].text)
        if e is not None and g is not None and strong and max(e, g) > SIZE_STEP * min(e, g):
            groups.append([])
        groups[-1].append(i)
    out = []
    for grp in groups:
        size = line_em([words[j] for j in grp], [est[j] for j in grp]) or ln.size
        sure = any(est[j] is not None for j in grp)
        out.append(OcrLine([words[j] for j in grp], size, baseline=ln.baseline, slope=ln.slope, sure=sure))
    return out


def line_em(words: Sequence[Word], est: Sequence[float | None]) -> float | None:
    """A line's size from its words' estimates: the median; for CJK words, whose boxes OCR often
    makes as tall as the line, the lower quartile."""
    cjk = sorted(e for w, e in zip(words, est, strict=True)
                 if e is not None and _KANA_OR_SQUARE.search(w.text))
    if len(cjk) * 2 > sum(e is not None for e in est):
        return cjk[len(cjk) // 4]
    known = sorted(e for e in est if e is not None)
    return known[len(known) // 2] if known else None


def _soft_hyphens(par: list[OcrLine]) -> None:
    """A word hyphenated at the end of a line of a paragraph that goes on in lower case ("architec-"
    / "ture") ends with the soft-hyphen mark pdfium gives such a hyphen, so the lines join alike."""
    for ln, nxt in zip(par, par[1:], strict=False):
        last = max(ln.words, key=lambda w: w.x1)
        head = min(nxt.words, key=lambda w: w.x0).text[:1]
        if len(last.text) > 2 and last.text[-1] in "-\u2010" and last.text[-2].isalpha() and head.islower():
            last.text = last.text[:-1] + "\ufffe"


def rise(ln: OcrLine, w: Word) -> tuple[float, bool] | None:
    """How far the word's letters rise above the baseline (pixels), and whether to the ascender line
    (b d f h k l) rather than the cap height (capitals, digits); None for a word without either."""
    if len(w.text) < 3 or w.conf < 50:
        return None
    # a word without descenders sits on its own baseline (words of two sizes on one OCR line need
    # not share one)
    base = ln.baseline + ln.slope * w.x0 if _DESCENDER.search(w.text) else w.bottom
    rise = base - w.top
    if _ASCENDER.search(w.text):
        return rise, True
    if _CAPITAL.search(w.text):
        return rise, False
    return None


def word_em(ln: OcrLine, w: Word, capital: float = CAPITAL_EM) -> float | None:
    """A word's type size in pixels from how far its letters rise (tesseract's row height is less
    steady: a line without descenders comes out small); ``capital`` is the cap height in em."""
    if len(_SQUARE.findall(w.text)) >= 2 and w.conf >= 50:  # Han and Hangul fill most of the em
        return (w.bottom - w.top) / SQUARE_EM
    if len(_KANA.findall(w.text)) >= 3 and w.conf >= 50:  # kana a little less
        return (w.bottom - w.top) / KANA_EM
    r = rise(ln, w)
    if r is None:
        return None
    return r[0] / (ASCENDER_EM if r[1] else capital)


def marks(ln: OcrLine) -> list[Word]:
    """Bullets and icons, which OCR reads as letters ("+", "«", "e", "©", "YM"): a small round blob
    at the start of the line or of a cell is a bullet "•"; a lone glyph of about the type's height
    set apart before a word at such a place, or alone on its line, is an icon (U+E000, as a PDF's
    icon font reads)."""
    em = ln.size
    words = sorted(ln.words, key=lambda w: w.x0)
    for i, w in enumerate(words):
        starts = i == 0 or w.x0 - words[i - 1].x1 > 1.2 * em
        if not starts or len(w.text) > 2:
            continue
        width, height = w.x1 - w.x0, w.bottom - w.top
        square = 0.6 <= width / max(height, 1) <= 1.6
        odd = not w.text.isalnum() or w.conf < 60
        if len(words) == 1:
            if odd and square and w.text not in "-–—|":
                w.text, w.conf = "\ue000", 99.0
            continue
        if i + 1 == len(words):
            continue
        gap = words[i + 1].x0 - w.x1
        middle = (w.top + w.bottom) / 2
        base = ln.baseline + ln.slope * (w.x0 + w.x1) / 2
        if width <= 0.4 * em and height <= 0.4 * em and 0.5 <= width / max(height, 1) <= 2 \
                and base - 0.6 * em < middle < base - 0.1 * em and w.text not in "-–—":
            w.text, w.conf = "•", 99.0
        elif (odd or (len(w.text) == 1 and w.conf < 85)) and 0.45 * em <= height <= 1.1 * em and square \
                and gap > 0.25 * em:
            w.text, w.conf = "\ue000", 99.0
    return words


def find_bullet(img: np.ndarray, ln: OcrLine) -> None:
    """A bullet OCR left out (a dot before the line's first word): one small, compact blob of ink
    at the middle of the x-height, within an em and a half left of the word."""
    first = min(ln.words, key=lambda w: w.x0)
    if first.text == "•":
        return
    em = ln.size
    base = ln.baseline + ln.slope * first.x0
    y0, y1 = int(base - 0.7 * em), int(base + 0.05 * em)
    x0, x1 = int(first.x0 - 1.6 * em), int(first.x0 - 0.15 * em)
    if y0 < 0 or x0 < 0 or y1 >= img.shape[0] or x1 <= x0:
        return
    ink = img[y0:y1, x0:x1] < 128
    if not ink.any():
        return
    rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
    h, w = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    if not (0.12 * em <= h <= 0.45 * em and 0.12 * em <= w <= 0.45 * em and 0.6 <= w / h <= 1.6):
        return
    if int(ink.sum()) < 0.3 * h * w or rows[0] == 0 or cols[0] == 0:
        return  # hollow or cut by the window's edge: part of something larger
    bx0, by0 = x0 + cols[0], y0 + rows[0]
    ln.words.append(Word("•", float(bx0), float(by0), float(bx0 + w), float(by0 + h), 99.0))


def stroke_width(img: np.ndarray, w: Word, em: float) -> float | None:
    """The word's stroke width in pixels: the mean length of the ink runs across a row that are no
    longer than a quarter em (the stems; a horizontal stroke's long runs left out)."""
    box = img[max(0, int(w.top)):int(w.bottom) + 1, max(0, int(w.x0)):int(w.x1) + 1]
    if box.size < 16:
        return None
    lo, hi = int(box.min()), int(box.max())
    if hi - lo < 48:
        return None
    ink = np.pad(box < (lo + hi) / 2, ((0, 0), (1, 1)))
    edges = np.diff(ink.astype(np.int8), axis=1)
    runs = np.nonzero(edges.ravel() == -1)[0] - np.nonzero(edges.ravel() == 1)[0]
    runs = runs[runs <= 0.25 * em]
    return float(runs.mean()) if len(runs) else None
