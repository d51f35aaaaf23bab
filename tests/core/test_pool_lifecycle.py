"""``kill -9`` of ``htdy serve`` leaves no pool worker behind (issue 11: it left four
processes, ~260 MB): workers ask the kernel to kill them when their parent exits."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")


def _ppids() -> dict[int, int]:
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                out[int(entry.name)] = int(fields[1])
    return out


def _descendants(root: int) -> set[int]:
    ppids, found, frontier = _ppids(), set(), {root}
    while frontier:
        children = {pid for pid, ppid in ppids.items() if ppid in frontier}
        frontier = children - found
        found |= children
    return found


def _alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if pid in _ppids()}


def test_kill_9_of_serve_takes_its_pool_workers_along(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = tmp_path / "htdy.toml"
    cfg.write_text(f"""
[server]
port = {port}
[database]
url = "sqlite://{tmp_path / 'htdy.sqlite3'}"
auto_migrate = true
[node]
warm_pools = true
[parsing]
workers = 2
[rendering]
workers = 2
[logging]
level = "WARNING"
[plugins.storage_backends.local]
root = "{tmp_path / 'files'}"
[plugins.search_backends.embedded]
path = "{tmp_path / 'search.sqlite3'}"
""")
    env = {**os.environ, "HTDY_CONFIG": str(cfg), "HTDY_DISABLE_ENTRYPOINTS": "1"}
    proc = subprocess.Popen([sys.executable, "-c", "from htdy.core.commands.cli import main; main()", "serve"],
                            env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline:
            assert proc.poll() is None, "htdy serve exited"
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
                workers = _descendants(proc.pid)
                if len(workers) >= 4:   # 2 parse workers, the render forkserver and its 2 workers
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert len(workers) >= 4, f"pool workers did not start: {workers}"
        time.sleep(1.0)
        workers = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(workers), f"orphaned after kill -9: {sorted(_alive(workers))}"
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _alive(_descendants(proc.pid)):
            os.kill(pid, signal.SIGKILL)
