"""DOCX -> PDF with headless LibreOffice. One long-lived converter per process and thread
(``_lo_server.py`` run by the system Python, which has the uno bridge), with its own profile so
parallel workers never share one; falls back to one ``soffice --convert-to pdf`` per document when
the uno bridge is missing or ``HTDY_LO_MODE=cli``."""
from __future__ import annotations

import atexit
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

_SERVERS: dict[tuple[int, int], _Server] = {}
_SERVER_PY = Path(__file__).with_name("_lo_server.py")
_UNO_OK: bool | None = None


def soffice_bin() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile() -> Path:
    return Path(tempfile.gettempdir()) / f"lo-profile-{os.getpid()}-{threading.get_ident()}"


def _uno_ok() -> bool:
    global _UNO_OK
    if _UNO_OK is None:
        py = shutil.which("python3", path="/usr/bin:/bin")
        _UNO_OK = bool(py) and os.environ.get("HTDY_LO_MODE") != "cli" and subprocess.run(
            [py or "python3", "-c", "import uno"], capture_output=True).returncode == 0
    return _UNO_OK


class _Server:
    def __init__(self, exe: str) -> None:
        py = shutil.which("python3", path="/usr/bin:/bin") or "python3"
        pipe = f"htdy-lo-{os.getpid()}-{threading.get_ident()}"
        self.profile = _profile()
        self.proc = subprocess.Popen([py, str(_SERVER_PY), self.profile.as_uri(), pipe, exe],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, bufsize=1, start_new_session=True)
        try:
            answer = self._answer(180.0)
        except TimeoutError:
            answer = "timeout"
        if answer != "ready":
            self.kill()
            raise RuntimeError(f"the LibreOffice converter did not start ({answer})")

    def _answer(self, timeout: float) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError("LibreOffice did not answer in time")
        return self.proc.stdout.readline().strip()

    def convert(self, src: Path, dest: Path, filter_name: str, timeout: float) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{src}\t{dest}\t{filter_name}\n")
        self.proc.stdin.flush()
        answer = self._answer(timeout)
        if answer != "ok":
            raise RuntimeError(f"LibreOffice did not convert {src.name}: {answer or 'converter died'}")

    def kill(self) -> None:
        """The converter and its soffice (one process group of their own)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def close(self) -> None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(30)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


@atexit.register
def _close_all() -> None:
    for key in [k for k in _SERVERS if k[0] == os.getpid()]:
        _SERVERS.pop(key).close()
    for profile in Path(tempfile.gettempdir()).glob(f"lo-profile-{os.getpid()}-*"):  # the CLI fallback's
        shutil.rmtree(profile, ignore_errors=True)


def to_pdf(src: Path, dest: Path, timeout: float = 180.0) -> Path:
    """Export ``src`` (DOCX, ODT…) to the PDF ``dest``."""
    return convert(src, dest, "writer_pdf_Export", timeout)


def convert(src: Path, dest: Path, filter_name: str, timeout: float = 180.0) -> Path:
    """Store ``src`` as ``dest`` with a LibreOffice export filter (e.g. "MS Word 2007 XML")."""
    exe = soffice_bin()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    dest.parent.mkdir(parents=True, exist_ok=True)
    src, dest = Path(src).resolve(), Path(dest).resolve()
    if _uno_ok():
        key = (os.getpid(), threading.get_ident())
        try:
            server = _SERVERS.get(key) or _SERVERS.setdefault(key, _Server(exe))
            server.convert(src, dest, filter_name, timeout)
            return dest
        except (RuntimeError, TimeoutError, OSError, ValueError) as exc:
            bad = _SERVERS.pop(key, None)
            if bad is not None:
                bad.kill()
            if dest.exists():
                return dest
            err: Exception = exc
        raise RuntimeError(str(err))
    return _convert_cli(exe, src, dest, filter_name, timeout)


def _convert_cli(exe: str, src: Path, dest: Path, filter_name: str, timeout: float) -> Path:
    with tempfile.TemporaryDirectory(prefix="htdy-lo-") as tmp:
        cmd = [exe, f"-env:UserInstallation={_profile().as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", f"{dest.suffix[1:]}:{filter_name}", "--outdir", tmp, str(src)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        out = Path(tmp) / (src.stem + dest.suffix)
        if not out.exists():
            raise RuntimeError(f"LibreOffice did not convert {src.name}: {proc.stdout} {proc.stderr}".strip())
        shutil.move(str(out), dest)
    return dest
