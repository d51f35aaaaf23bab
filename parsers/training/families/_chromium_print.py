"""Print an HTML string to PDF with Debian's headless Chromium, offline.

Through Playwright when it is importable (one browser per process, restarted after a fork or a crash;
every request that is not ``file:``/``data:``/``about:`` is aborted, so nothing waits on the network),
else (or with HTDY_CHROMIUM_CLI=1) one ``chromium --headless --print-to-pdf`` process per document.
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

CHROMIUM = os.environ.get("HTDY_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--font-render-hinting=none"]
TIMEOUT_S = 120
LOCAL = ("file:", "data:", "about:", "blob:")


def available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


class _Browser:
    pid: int | None = None
    pw: Any = None
    browser: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.pid != os.getpid() or cls.browser is None or not cls.browser.is_connected():
            if cls.pid == os.getpid():
                cls.close()
            from playwright.sync_api import sync_playwright

            cls.pw = sync_playwright().start()
            cls.browser = cls.pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            cls.pid = os.getpid()
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
        cls.browser = cls.pw = cls.pid = None


atexit.register(_Browser.close)


def _playwright_ok() -> bool:
    if os.environ.get("HTDY_CHROMIUM_CLI") == "1":
        return False
    try:
        import asyncio

        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    try:  # Playwright's sync API refuses to run inside an event loop
        asyncio.get_running_loop()
        return False
    except RuntimeError:
        return True


def _route(route: Any) -> None:
    if route.request.url.startswith(LOCAL):
        route.continue_()
    else:
        route.abort()


def print_pdf(html: str, out: Path, paper: str = "A4", base: Path | None = None) -> None:
    """``html`` printed to ``out`` (``paper`` unless the page's CSS sets a size; relative URLs from ``base``)."""
    if not available():
        raise RuntimeError(f"chromium not found at {CHROMIUM}")
    if base is not None:  # relative URLs (a theme's own images and CSS) resolve from its folder
        tag = f'<base href="{base.resolve().as_uri()}/">'
        head = re.search(r"<head\b[^>]*>", html, re.I)
        html = html[:head.end()] + tag + html[head.end():] if head else tag + html
    with tempfile.TemporaryDirectory(prefix="htdy-cr-") as tmp:
        src = Path(tmp) / "cv.html"
        src.write_text(html, encoding="utf-8")
        if _playwright_ok():
            page = _Browser.get().new_page()
            try:
                page.route("**/*", _route)
                page.goto(src.as_uri(), wait_until="load", timeout=TIMEOUT_S * 1000)
                page.evaluate("document.fonts.ready.then(() => true)")
                page.pdf(path=str(out), format=paper, prefer_css_page_size=True, print_background=True,
                         margin={"top": "0.4in", "bottom": "0.4in", "left": "0.4in", "right": "0.4in"})
            finally:
                page.close()
        else:
            cmd = [CHROMIUM, "--headless", *FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                   f"--print-to-pdf={out}", "--no-pdf-header-footer", src.as_uri()]
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
            if r.returncode != 0:
                raise RuntimeError(f"chromium exited {r.returncode}: {r.stderr[-400:]}")
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {out.name}")
