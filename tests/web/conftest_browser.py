"""Helpers for the browser tests: a real ``htdy serve`` on a free port with a temporary
configuration (SQLite, local storage), Debian's chromium through Playwright, screenshots.

Loaded by path from ``test_browser.py`` (tests/ holds no packages)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("HTDY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REQUIRE = os.environ.get("HTDY_REQUIRE_SERVICES", "") in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip locally; fail in CI (``HTDY_REQUIRE_SERVICES=1``)."""
    if REQUIRE:
        pytest.fail(f"required for the browser tests: {reason}")
    pytest.skip(reason)


def check_browser() -> None:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        unavailable(f"chromium not found at {CHROMIUM}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(root: Path, port: int) -> Path:
    (root / "files").mkdir(parents=True, exist_ok=True)
    cfg = root / "htdy.toml"
    cfg.write_text(f"""
[server]
host = "127.0.0.1"
port = {port}

[database]
url = "sqlite://{root / 'htdy.sqlite3'}"

auto_migrate = true

[auth]
secret_key = "browser-test-secret-key-0123456789"

[ratelimit]
enabled = false

[logging]
level = "WARNING"

[plugins.storage_backends.local]
root = "{root / 'files'}"
""")
    return cfg


RUNNER = """
import sys
from aiohttp import web
from htdy.core.http.app import create_app
from htdy.core.host.config import load_settings
web.run_app(create_app(load_settings(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]), print=None)
"""


class External:
    """A server someone else started (``HTDY_WEB_TEST_URL``); the tests use fresh accounts."""

    def __init__(self, url: str) -> None:
        self.url = url


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = write_config(root, self.port)
        self.log = root / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def htdy(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "from htdy.core.commands.cli import main; main()", *args],
                              env=self.env(), cwd=self.root, capture_output=True, text=True, timeout=timeout)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({"HTDY_CONFIG": str(self.config), "HTDY_DISABLE_ENTRYPOINTS": "1", "PYTHONUNBUFFERED": "1"})
        return env

    def start(self) -> None:
        """``htdy serve --port`` when this build has it, else ``create_app`` + ``web.run_app``
        in a child process; the configuration migrates the fresh SQLite database."""
        if " serve " in self.htdy("--help").stdout:
            cmd = [sys.executable, "-c", "from htdy.core.commands.cli import main; main()", "serve", "--port", str(self.port)]
        else:
            try:
                import htdy.core.http.app  # noqa: F401
            except ImportError as exc:
                unavailable(f"neither `htdy serve` nor htdy.core.http.app.create_app is available: {exc}")
            cmd = [sys.executable, "-c", RUNNER, str(self.config), str(self.port)]
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(cmd, env=self.env(), cwd=self.root, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"htdy serve exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"htdy serve did not answer /healthz in 90 s:\n{self.tail()}")

    def tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


CV_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:sans-serif;font-size:11pt} h1{font-size:22pt;margin:0} h2{font-size:13pt;border-bottom:1px solid #999}
</style></head><body>
<h1>Grace Hopper</h1>
<p>Computer Scientist · Arlington, VA · grace.hopper@example.org · +1 202 555 0147</p>
<h2>Experience</h2>
<p><b>Senior Programmer</b>, Eckert-Mauchly Computer Corporation — Jan 1949 – Dec 1960</p>
<ul><li>Wrote the first compiler (A-0) for the UNIVAC I.</li><li>Led the team behind FLOW-MATIC.</li></ul>
<p><b>Research Fellow</b>, Harvard University — Jul 1944 – Dec 1949</p>
<ul><li>Programmed the Mark I computer.</li></ul>
<h2>Education</h2>
<p><b>Yale University</b> — PhD in Mathematics, 1930 – 1934</p>
<p><b>Vassar College</b> — BA in Mathematics and Physics, 1924 – 1928</p>
<h2>Skills</h2>
<p>COBOL, FLOW-MATIC, Assembly, Compilers, Mathematics</p>
</body></html>"""


def make_cv_pdf(path: Path) -> Path:
    """A real PDF CV, made with WeasyPrint (falls back to the shared corpus)."""
    try:
        import weasyprint

        weasyprint.HTML(string=CV_HTML).write_pdf(str(path))
        return path
    except Exception:  # noqa: BLE001 — any WeasyPrint trouble: use a corpus document
        corpus = Path("/work/shared/cv-corpus/docs/001-rendercv-classic.pdf")
        if corpus.exists():
            shutil.copy(corpus, path)
            return path
        raise
