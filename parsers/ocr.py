"""The ``ocr_pdf`` parser: PDFs whose pages are images (scanned CVs) read by OCR.

A PDF parser like ``pdf`` whose pages without a text layer are rendered and read by tesseract
(:mod:`~htdy.parsers.layout.ocr_backend`) into the same layout the text layer gives; everything
after extraction (reading order, sections, entries, fields, learned models) is unchanged.
Selected with ``[parsing] parsers = { pdf = "ocr_pdf" }``; options in ``[plugins.parsers.ocr_pdf]``
(those of ``[plugins.parsers.pdf]`` plus the OCR ones below). The options check that tesseract and the
language packs named are installed, so a configuration selecting OCR on a machine without them
fails at start-up (``htdy check``, ``htdy serve``, ``htdy parse``), not on the first upload.

Languages: a fixed list of tesseract packs (``languages = ["deu", "eng"]``), or, when empty
(the default), chosen per document among the installed packs: the first OCR page is read with
``eng``; when it reads as Latin script, the language of its words picks the packs (``deu+eng``
for a German CV; an English one keeps that first reading); when it does not, tesseract's script
detection (OSD, pack ``osd``) picks them (``chi_sim`` or ``chi_tra`` + ``eng`` for Han: the one
that read more of the page) and the page's rotation. A later page that reads poorly is checked for
rotation the same way. Documented in docs/parsing.md, "Scanned PDFs (OCR)".
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import numpy as np
from pydantic import Field, model_validator

from htdy.core.host.errors import ParseError
from htdy.core.host.interfaces import ParseResult
from htdy.parsers.base import PdfOptions, PdfParser
from htdy.parsers.layout import Layout, Limits, extract_layout
from htdy.parsers.layout import ocr_backend as ocr
from htdy.parsers.layout.model import Page
from htdy.parsers.layout.ocr_layout import to_pages
from htdy.parsers.layout.sanitize import sanitize_layout

MIN_TEXT_CHARS = 20  # a page whose text layer holds fewer characters is read by OCR ("auto")
PROBE = "eng"

# distinctive words (as ``eng`` reads them: without diacritics) → the pack of their language
_WORDS = {
    "eng": "the and of to with at from experience education skills languages present university",
    "deu": "und der die das mit fur bei von zu im auf ist ein eine berufserfahrung ausbildung kenntnisse "
           "sprachen heute seit studium",
    "fra": "et le la les des du pour avec dans sur une au aux experience formation competences langues "
           "aujourd'hui depuis chez",
    "spa": "y el los las del para por una como experiencia formacion habilidades idiomas actualidad desde",
    "por": "os as dos das em um uma no na experiencia formacao habilidades idiomas atual ate",
    "ita": "il della delle dei gli di presso esperienza istruzione competenze lingue oggi sviluppo",
    "nld": "en het van een voor met op te bij als werkervaring opleiding vaardigheden talen heden",
    "pol": "w z oraz sie dla przez od jako jest przy doswiadczenie wyksztalcenie umiejetnosci jezyki obecnie "
           "zawodowe uniwersytet politechnika inzynier specjalista kierownik praca zainteresowania szkolenia "
           "kursy certyfikaty znajomosc",
    "tur": "ve bir bu ile icin olarak deneyim egitim yetenekler diller halen universitesi",
    "swe": "och att som pa ar av med till inom erfarenhet arbetslivserfarenhet utbildning kompetenser sprak "
           "nuvarande",
    "ces": "se je ve pro jsem pri take nebo v k ktery ktera ktere zkusenosti pracovni vzdelani dovednosti "
           "jazyky soucasnost dosud vyvoj znalosti rodily mluvci univerzita vysoka skola inzenyr vedouci "
           "spolecnost prace zamestnani osobni udaje shrnuti kurzy certifikace",
}
_OWNER: dict[str, str | None] = {}
for _pack, _words in _WORDS.items():
    for _w in _words.split():
        _OWNER[_w] = _pack if _OWNER.get(_w, _pack) == _pack else None

# tesseract OSD script names → the packs that read them
SCRIPTS = {
    "Han": ("chi_sim", "chi_tra"), "Japanese": ("jpn",), "Hiragana": ("jpn",), "Katakana": ("jpn",),
    "Hangul": ("kor",), "Korean": ("kor",), "Cyrillic": ("rus", "ukr"), "Arabic": ("ara",),
    "Hebrew": ("heb",), "Greek": ("ell",), "Devanagari": ("hin",), "Thai": ("tha",),
}


class OcrOptions(PdfOptions):
    # "auto": pages without a text layer are read by OCR; "always": every page (a text layer
    # that is garbage: broken font maps)
    ocr: Literal["auto", "always"] = "auto"
    # tesseract language packs ("deu", "eng", "chi_sim" …); empty: chosen per document
    languages: list[str] = Field(default_factory=list)
    dpi: int = Field(300, ge=100, le=600)
    page_timeout_s: float = Field(60, gt=0)  # per page and tesseract run → code "timeout"
    threads: int = Field(1, ge=1, le=64)  # tesseract's OpenMP threads per page
    max_megapixels: float = Field(40, gt=0, le=400)  # a larger page is rendered at fewer dpi
    tesseract: str = "tesseract"  # the command (a name on PATH or a path)

    @model_validator(mode="after")
    def _engine_installed(self) -> OcrOptions:
        path = shutil.which(self.tesseract)
        if path is None:
            raise ValueError(f"OCR needs tesseract, and {self.tesseract!r} is not installed (not on PATH): "
                             "install it (Debian: apt-get install tesseract-ocr tesseract-ocr-eng …) "
                             "or select the parser 'pdf'")
        try:
            have = ocr.installed_languages(path)
        except (OSError, ValueError) as exc:
            raise ValueError(f"tesseract ({path}) does not run: {exc}") from None
        if missing := [lang for lang in self.languages if lang not in have]:
            raise ValueError(f"tesseract language pack(s) not installed: {', '.join(missing)} "
                             f"(installed: {', '.join(have) or 'none'}; Debian: tesseract-ocr-<lang>)")
        if not [lang for lang in have if lang != "osd"]:
            raise ValueError("tesseract has no language pack installed (Debian: tesseract-ocr-eng …)")
        return self


class OcrPdfParser(PdfParser):
    name = "ocr_pdf"
    description = "PDF with OCR (tesseract) for pages without a text layer (scanned CVs)"
    Options = OcrOptions

    def parse(self, data: bytes, *, filename: str | None = None) -> ParseResult:
        opts = self.options
        assert isinstance(opts, OcrOptions)
        limits = self.limits()
        layout = extract_layout(data, "pdf", backend=self.backend() or "pdfium", limits=limits)
        todo = [i for i, p in enumerate(layout.pages)
                if opts.ocr == "always" or text_chars(p) < MIN_TEXT_CHARS]
        if todo:
            read_by_ocr(layout, data, todo, opts, limits)
        return self.result(layout)


def text_chars(page: Page) -> int:
    return sum(len(s.text.strip()) for ln in page.lines for s in ln.spans)


def read_by_ocr(layout: Layout, data: bytes, todo: Sequence[int], opts: OcrOptions, limits: Limits) -> None:
    """Replace the pages ``todo`` of ``layout`` by what OCR reads on them."""
    from htdy.parsers.layout.pdfium_backend import open_pdf

    path = shutil.which(opts.tesseract) or opts.tesseract
    cfg = ocr.OcrConfig(tesseract=path, dpi=opts.dpi, page_timeout_s=opts.page_timeout_s,
                        threads=opts.threads, max_pixels=int(opts.max_megapixels * 1_000_000))
    reader = Reader(cfg, opts.languages, ocr.installed_languages(path))
    done = []
    pdf = open_pdf(data, limits)
    try:
        for i in todo:
            page = pdf[i]
            try:
                img, scale = ocr.render(page, cfg.dpi, cfg.max_pixels)
            finally:
                page.close()
            read = reader.read(img, scale, i)
            if sum(len(w.text) for ln in read.lines for w in ln.words) > limits.max_chars_per_page:
                raise ParseError(f"page {i + 1} holds too many characters", code="too_large")
            done.append((i, read))
    finally:
        pdf.close()
    for i, page in to_pages(done):
        layout.pages[i] = page
    layout.backend = "tesseract" if len(todo) == len(layout.pages) else f"{layout.backend}+tesseract"
    layout.warnings.append(f"{len(todo)} page(s) read by OCR ({'+'.join(reader.packs or [PROBE])})")
    layout.warnings.extend(reader.warnings)
    sanitize_layout(layout)


class Reader:
    """Reads page images, choosing the language packs on the first page (unless fixed)."""

    def __init__(self, cfg: ocr.OcrConfig, fixed: Sequence[str], installed: Sequence[str]) -> None:
        self.cfg = cfg
        self.installed = tuple(installed)
        self.packs: list[str] | None = list(fixed) or None
        self.osd = "osd" in self.installed
        self.warnings: list[str] = []
        packs = [p for p in self.installed if p != "osd"]
        self.probe = [PROBE] if PROBE in packs else packs[:1]

    def read(self, img: np.ndarray, scale: float, index: int) -> ocr.OcrPage:
        if self.packs is None:
            return self._first(img, scale, index)
        page = read_page(img, scale, self.packs, self.cfg, index)
        if poor(page) and self.osd:
            found = ocr.osd(img, self.cfg, scale=scale, page=index)
            if found and found[0]:
                turned = read_page(ocr.rotate(img, found[0]), scale, self.packs, self.cfg, index)
                if _worth(turned) > _worth(page):
                    return turned
        return page

    def _first(self, img: np.ndarray, scale: float, index: int) -> ocr.OcrPage:
        page = read_page(img, scale, self.probe, self.cfg, index)
        packs: list[str] | None = None
        if not reads_as_latin(page) and self.osd:
            found = ocr.osd(img, self.cfg, scale=scale, page=index)
            if found:
                rotation, script = found
                if rotation:
                    img = ocr.rotate(img, rotation)
                    page = read_page(img, scale, self.probe, self.cfg, index)
                if not reads_as_latin(page) and script != "Latin":
                    packs = [p for p in SCRIPTS.get(script, ()) if p in self.installed]
                    if not packs:
                        self.warnings.append(f"OCR: no language pack installed for the {script} script")
                    packs = _dedup(packs + self.probe)
        if packs is None:
            if page.confidence()[0] < 40:  # too little text to tell: decide on the next page
                return page
            packs = _dedup([p for p in latin_packs(page.text()) if p in self.installed] + self.probe)
        self.packs = packs
        if packs != self.probe:
            page = read_page(img, scale, packs, self.cfg, index)
        if "chi_sim" in packs and "chi_tra" in packs:  # simplified or traditional: what read more
            drop = "chi_tra" if page.langs.get("chi_sim", 0) >= page.langs.get("chi_tra", 0) else "chi_sim"
            self.packs = [p for p in packs if p != drop]
            page = read_page(img, scale, self.packs, self.cfg, index)
        return page


def _dedup(packs: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(packs))


def _worth(page: ocr.OcrPage) -> float:
    n, conf = page.confidence()
    return n * conf


def poor(page: ocr.OcrPage) -> bool:
    """Little text or low confidence: maybe a page turned on its side."""
    n, conf = page.confidence()
    return n < 20 or conf < 60


def reads_as_latin(page: ocr.OcrPage) -> bool:
    """Read by the probe (Latin-script ``eng``) with confidence: most characters of sure words,
    few lines dropped as noise."""
    n, conf = page.confidence()
    sure = sum(len(w.text) for ln in page.lines for w in ln.words if w.conf >= 80)
    return n >= 40 and conf >= 76 and sure >= 0.65 * (n + page.noise)


def latin_packs(text: str) -> list[str]:
    """The packs of the languages whose distinctive words ``text`` uses most (one, or two when
    the second counts at least half as many)."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower())
                     if not unicodedata.combining(ch))
    counts = Counter(p for w in re.findall(r"[a-z']+", folded) if (p := _OWNER.get(w)))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3:
        return []
    out = [ranked[0][0]]
    if len(ranked) > 1 and ranked[1][1] >= max(3, ranked[0][1] / 2):
        out.append(ranked[1][0])
    return out


def read_page(img: np.ndarray, scale: float, langs: Sequence[str], cfg: ocr.OcrConfig,
              index: int) -> ocr.OcrPage:
    """OCR one page image into pixel lines (strokes measured for the bold estimate)."""
    hocr = ocr.parse_hocr(ocr.run(img, langs, cfg, scale=scale, page=index))
    lines = hocr.lines + second_look(img, hocr, langs, cfg, scale, index)
    for ln in lines:
        ocr.find_bullet(img, ln)
        for w in ln.words:
            w.stroke = ocr.stroke_width(img, w, ln.size)
    h, w = img.shape
    return ocr.OcrPage(width=w / scale, height=h / scale, scale=scale, lines=lines,
                       noise=sum(n for _, n in hocr.noise), langs=hocr.langs)


def second_look(img: np.ndarray, hocr: ocr.Hocr, langs: Sequence[str], cfg: ocr.OcrConfig, scale: float,
                index: int) -> list[ocr.OcrLine]:
    """Lines dropped as noise that are set larger than the text around them (a name in large type
    the page segmentation cut badly): each read again alone, as one line of raw text."""
    if not hocr.lines:
        return []
    sizes = sorted(ln.size for ln in hocr.lines)
    body = sizes[len(sizes) // 2]
    big = [b for b, _ in hocr.noise if b[3] - b[1] >= 1.5 * body]
    out: list[ocr.OcrLine] = []
    for x0, y0, x1, y1 in sorted(big, key=lambda b: b[1] - b[3])[:ocr.SECOND_LOOKS]:
        pad = (y1 - y0) // 3
        ox, oy = max(0, x0 - pad), max(0, y0 - pad)
        crop = np.ascontiguousarray(img[oy:y1 + pad, ox:x1 + pad])
        found = ocr.parse_hocr(ocr.run(crop, langs, cfg, scale=scale, page=index, psm=13), min_conf=60)
        for ln in found.lines:
            for w in ln.words:
                w.x0, w.x1, w.top, w.bottom = w.x0 + ox, w.x1 + ox, w.top + oy, w.bottom + oy
            ln.baseline += oy - ln.slope * ox
            out.append(ln)
    return out
