"""Print HTML to PDF with WeasyPrint (in-process) or headless Chromium.

Chromium is driven through Playwright (one browser per process, started on first use and restarted
after a fork or a crash); without Playwright, or with HTDY_CHROMIUM_CLI=1, each document is printed by a
``chromium --headless --print-to-pdf`` process instead.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from htdy.parsers.training.families._chromium_print import _playwright_ok

CHROMIUM = os.environ.get("HTDY_CHROMIUM", "/usr/bin/chromium")
TIMEOUT_S = 120


def weasyprint_pdf(html: str, out: Path) -> None:
    import weasyprint

    weasyprint.HTML(string=html, base_url=str(out.parent)).write_pdf(out)


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


class _Browser:
    pid: int | None = None
    pw: Any = None
    browser: Any = None
    tab: Any = None

    @classmethod
    def page(cls) -> Any:
        """One reused tab (opening a tab costs more than printing a page)."""
        browser = cls.get()
        if cls.tab is None or cls.tab.is_closed():
            cls.tab = browser.new_page()
        return cls.tab

    @classmethod
    def get(cls) -> Any:
        if cls.pid != os.getpid() or cls.browser is None or not cls.browser.is_connected():
            if cls.pid == os.getpid():
                cls.close()
            from playwright.sync_api import sync_playwright

            cls.pw = sync_playwright().start()
            cls.browser = cls.pw.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                                "--disable-background-networking", "--disable-component-update",
                                                "--disable-sync", "--font-render-hinting=none"])
            cls.pid, cls.tab = os.getpid(), None
        return cls.browser

    @classmethod
    def close(cls) -> None:
        if cls.pid != os.getpid():
            return
        for obj, meth in ((cls.browser, "close"), (cls.pw, "stop")):
            try:
                if obj is not None:
                    getattr(obj, meth)()
            except Exception:  # already gone
                pass
        cls.browser = cls.pw = cls.pid = cls.tab = None


atexit.register(_Browser.close)


def chromium_pdf(html: str, out: Path) -> None:
    if not chromium_available():
        raise RuntimeError(f"chromium not found at {CHROMIUM}")
    with tempfile.TemporaryDirectory(prefix="htdy-hd-") as tmp:
        src = Path(tmp) / "cv.html"
        src.write_text(html, encoding="utf-8")
        if _playwright_ok():
            page = _Browser.page()
            try:
                page.goto(src.as_uri(), wait_until="load", timeout=TIMEOUT_S * 1000)
                page.evaluate("document.fonts.ready.then(() => true)")
                page.pdf(path=str(out), prefer_css_page_size=True, print_background=True, tagged=True)
            except Exception:
                _Browser.close()  # start afresh next time
                raise
        else:
            _cli(src, out, Path(tmp) / "profile")
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {out.name}")
    _pin_dates(out)


def _pin_dates(pdf: Path) -> None:
    """Same input, same bytes: overwrite the creation/modification time (same length, so offsets hold)."""
    data = pdf.read_bytes()
    pinned = re.sub(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", rb"\g<1>20240101000000", data)
    if pinned != data:
        pdf.write_bytes(pinned)


def _cli(src: Path, out: Path, profile: Path) -> None:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--font-render-hinting=none", f"--user-data-dir={profile}", f"--print-to-pdf={out}",
           "--no-pdf-header-footer", src.as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    if r.returncode != 0:
        raise RuntimeError(f"chromium exited {r.returncode}: {r.stderr[-400:]}")
