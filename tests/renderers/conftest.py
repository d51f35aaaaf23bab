"""Fixtures for the rendering tests: registries, sample CVs, a local listener."""
from __future__ import annotations

import copy
import json
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.plugins import build_registries, get_plugin_manager

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "core" / "commands" / "render_sample.json"
PERF_REF = ROOT.parent / "shared" / "perf-reference"
BUILTIN_TEMPLATES = ("academic", "bold", "classic", "compact", "modern")


@pytest.fixture(scope="session")
def regs() -> Any:
    return build_registries(get_plugin_manager(load_entrypoints=False))


@pytest.fixture(scope="session")
def full_cv_data() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def full_cv(full_cv_data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(full_cv_data)


@pytest.fixture
def sparse_cv() -> dict[str, Any]:
    return {"basics": {"name": "Sam Sparse", "email": "sam@example.org", "profiles": []},
            "work": [{"name": "Solo Ltd", "position": "Developer", "startDate": "2022-01",
                      "highlights": []}],
            "education": [], "skills": [{"name": "", "keywords": []}], "awards": [],
            "publications": [{}], "languages": [{"language": "", "fluency": ""}]}


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    return settings_from_dict({"rendering": {"workers": 1, "timeout_s": 60}}, environ={})


class Listener:
    """A real TCP socket on 127.0.0.1 counting every connection attempt."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            try:
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/css\r\n\r\nbody{color:red}")
            finally:
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Any:
    lst = Listener()
    yield lst
    lst.close()
