"""Build an image-only copy of a PDF set, to evaluate the OCR parser (``ocr_pdf``).

Every page of every ``*.pdf`` in ``--src`` is rendered with pypdfium2 (grey, ``--dpi``) and the
pages are written back as a PDF that holds only those images (Pillow's PDF writer, JPEG-coded like
most scanners do; the page size in points is the original's), so the text layer is gone. The
source's ``MANIFEST.json`` is copied beside them: the scorer reads its masks.

An evaluation set only, never training data (``CONTRACT.md``): the images are not committed.

    python -m htdy.parsers.training.ocr_set [--src ../shared/cv-corpus/docs] [--out /tmp/ocr-corpus/docs]
    python3 ../shared/tools/score_parser.py --docs /tmp/ocr-corpus/docs --truth ../shared/cv-corpus/truth \\
        --parser '.venv/bin/htdy -c ocr.toml parse --json {file}' --jobs 2
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

DEFAULT_SRC = Path(__file__).resolve().parents[2].parent / "shared" / "cv-corpus" / "docs"


def image_pdf(data: bytes, dpi: int = 200) -> bytes:
    """The PDF ``data`` with every page replaced by a grey image of it at ``dpi`` (no text layer)."""
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        images = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            finally:
                page.close()
    finally:
        pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder of PDFs (and MANIFEST.json)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/ocr-corpus/docs"))
    ap.add_argument("--dpi", type=int, default=200)
    args = ap.parse_args(argv)
    files = sorted(args.src.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {args.src}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for f in files:
        (args.out / f.name).write_bytes(image_pdf(f.read_bytes(), args.dpi))
    manifest = args.src / "MANIFEST.json"
    if manifest.exists():
        shutil.copy(manifest, args.out / "MANIFEST.json")
    print(f"{len(files)} image-only PDFs at {args.dpi} dpi in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
