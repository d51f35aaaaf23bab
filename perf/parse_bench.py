"""``htdy perf parse``: parser speed and memory against the targets.

* ``PARSE_RATIO_VS_PDFMINER`` — median in-process parse time of each 2-page corpus PDF
  (default backend) ÷ pdfminer.six's own ``extract_pages`` of the same file, measured
  in the same run (median over the 2-page files); target ≤ 1.25.
* ``PARSES_PER_S`` — corpus PDFs through the parser process pool (2 workers); ≥ 10.
* ``PARSE_P95_S_5PAGE`` — P95 latency of 5-page PDFs (in-process); < 1 s.
* ``PEAK_RSS_MB`` — peak RSS of a parser worker; < 300 MB.
Per-backend figures follow (``…_PDFIUM`` / ``…_PDFMINER``). A PNG of the latency
distribution goes to ``perf/reports/``."""
from __future__ import annotations

import io
import statistics
import time
from pathlib import Path
from typing import Any

import click

DEFAULT_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "cv-corpus" / "docs"


def _median_time(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(0.95 * len(s)) - 1))] if s else 0.0


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


@click.command("parse")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False), default=None,
              help="Folder of PDF/DOCX CVs (default: ../shared/cv-corpus/docs next to the repo).")
@click.option("--repeat", type=int, default=5, show_default=True, help="Timing repetitions per file.")
@click.option("--rounds", type=int, default=3, show_default=True,
              help="How many times the pool parses the whole PDF set.")
@click.option("--workers", type=int, default=2, show_default=True)
def command(docs_dir: str | None, repeat: int, rounds: int, workers: int) -> None:
    """Parser speed and memory: ratio vs pdfminer, throughput, 5-page P95, worker RSS."""
    from pdfminer.high_level import extract_pages

    from htdy.core.host.config import settings_from_dict
    from htdy.parsers.base import PdfOptions, PdfParser

    root = Path(docs_dir) if docs_dir else DEFAULT_DOCS
    if not root.is_dir():
        click.echo(f"no documents at {root}; skipping (pass --docs DIR)")
        click.echo("PARSE_SKIPPED=1")
        return
    pdfs = {p.name: p.read_bytes() for p in sorted(root.glob("*.pdf"))}
    if not pdfs:
        click.echo(f"no PDFs in {root}; skipping")
        click.echo("PARSE_SKIPPED=1")
        return
    pages = {n: _pages(d) for n, d in pdfs.items()}
    parsers = {b: PdfParser(PdfOptions(backend=b)) for b in ("pdfium", "pdfminer")}
    for p in parsers.values():  # warm imports and caches
        p.parse(next(iter(pdfs.values())))
    figures: dict[str, float] = {}
    latencies: dict[str, list[float]] = {"pdfium": [], "pdfminer": []}

    two = [n for n, k in pages.items() if k == 2] or sorted(pdfs, key=lambda n: abs(pages[n] - 2))[:3]
    ratios: dict[str, list[float]] = {"pdfium": [], "pdfminer": []}
    click.echo(f"2-page files: {', '.join(two)}")
    for n in two:
        data = pdfs[n]
        base = _median_time(lambda d=data: list(extract_pages(io.BytesIO(d))), repeat)
        for b, parser in parsers.items():
            t = _median_time(lambda d=data, p=parser: p.parse(d), repeat)
            ratios[b].append(t / base)
        click.echo(f"  {n}: extract_pages {base * 1000:.0f} ms; parse pdfium "
                   f"{ratios['pdfium'][-1] * base * 1000:.0f} ms, pdfminer {ratios['pdfminer'][-1] * base * 1000:.0f} ms")
    for b in parsers:
        figures[f"PARSE_RATIO_VS_PDFMINER_{b.upper()}"] = statistics.median(ratios[b])

    for n, data in pdfs.items():
        for b, parser in parsers.items():
            for _ in range(max(1, repeat // 2)):
                t0 = time.perf_counter()
                parser.parse(data)
                latencies[b].append((time.perf_counter() - t0, pages[n]))  # type: ignore[arg-type]
    five = [n for n, k in pages.items() if k == 5]
    for b, parser in parsers.items():
        lat5 = []
        for n in five:
            for _ in range(repeat):
                t0 = time.perf_counter()
                parser.parse(pdfs[n])
                lat5.append(time.perf_counter() - t0)
        figures[f"PARSE_P95_S_5PAGE_{b.upper()}"] = _p95(lat5) if lat5 else float("nan")
        figures[f"PARSE_MEDIAN_MS_{b.upper()}"] = 1000 * statistics.median(x[0] for x in latencies[b])  # type: ignore[index]

    from htdy.core.services.parsing.pipeline import ParserPool
    rss: list[float] = []
    for b in parsers:
        settings = settings_from_dict({"parsing": {"workers": workers},
                                       "plugins": {"parsers": {"pdf": {"backend": b}}}}, environ={})
        with ParserPool(settings) as pool:
            for f in [pool.submit(d, n) for n, d in pdfs.items()]:  # warm-up: one pass
                pool.result(f)
            jobs = [d for _ in range(rounds) for d in pdfs.values()]
            t0 = time.perf_counter()
            for f in [pool.submit(d, "bench.pdf") for d in jobs]:
                pool.result(f)
            figures[f"PARSES_PER_S_{b.upper()}"] = len(jobs) / (time.perf_counter() - t0)
            rss.extend(pool.peak_rss_mb())
            figures[f"PEAK_RSS_MB_{b.upper()}"] = max(pool.peak_rss_mb() or [0.0])

    default = PdfOptions().backend.upper()
    figures["PARSE_RATIO_VS_PDFMINER"] = figures[f"PARSE_RATIO_VS_PDFMINER_{default}"]
    figures["PARSES_PER_S"] = figures[f"PARSES_PER_S_{default}"]
    figures["PARSE_P95_S_5PAGE"] = figures[f"PARSE_P95_S_5PAGE_{default}"]
    figures["PEAK_RSS_MB"] = max(rss or [0.0])
    plot = _plot(latencies)
    if plot:
        click.echo(f"latency plot: {plot}")
    click.echo(f"default backend: {default.lower()}; documents: {len(pdfs)} PDFs, "
               f"pages {min(pages.values())}–{max(pages.values())}")
    for k in ("PARSE_RATIO_VS_PDFMINER", "PARSES_PER_S", "PARSE_P95_S_5PAGE", "PEAK_RSS_MB"):
        click.echo(f"{k}={figures.pop(k):.3f}")
    for k in sorted(figures):
        click.echo(f"{k}={figures[k]:.3f}")


def _plot(latencies: dict[str, list[Any]]) -> str | None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    out_dir = Path(__file__).resolve().parent / "reports"
    out_dir.mkdir(exist_ok=True)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    for b, xs in latencies.items():
        ms = [1000 * t for t, _ in xs]
        ax1.hist(ms, bins=30, alpha=0.6, label=b)
        ax2.scatter([p for _, p in xs], ms, s=12, alpha=0.6, label=b)
    ax1.set_xlabel("parse latency (ms)")
    ax1.set_ylabel("parses")
    ax1.legend()
    ax2.set_xlabel("pages")
    ax2.set_ylabel("parse latency (ms)")
    ax2.legend()
    fig.suptitle("htdy parse latency by backend (in-process)")
    fig.tight_layout()
    path = out_dir / "parse-latency.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return str(path)
