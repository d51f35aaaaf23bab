"""The target under test: where it is (loopback or not), which process serves it (for RSS,
open files and CPU from ``/proc`` when it runs on this machine), and a sampler that reads
those and the target's ``/metrics`` once a second during a run."""
from __future__ import annotations

import ipaddress
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return parts.hostname


def is_loopback(url: str) -> bool:
    """True when every address the host resolves to is a loopback address."""
    host = host_of(url)
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    addrs = {str(info[4][0]) for info in infos}
    return bool(addrs) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addrs)


def port_of(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)


def listening_pid(port: int) -> int | None:
    """The process listening on ``port`` on this machine (``/proc/net/tcp*`` → socket inode →
    ``/proc/<pid>/fd``); None when not found or not allowed to look."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as fh:
                next(fh)
                for line in fh:
                    f = line.split()
                    if f[3] == "0A" and int(f[1].rsplit(":", 1)[1], 16) == port:   # 0A = LISTEN
                        inodes.add(f[9])
        except OSError:
            continue
    if not inodes:
        return None
    wanted = {f"socket:[{i}]" for i in inodes}
    found: list[int] = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") in wanted:
                    found.append(int(pid))
                    break
        except OSError:
            continue
    return min(found) if found else None   # several (SO_REUSEPORT workers, a supervisor): the eldest


def _stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return fh.read().rsplit(")", 1)[1].split()     # fields from 3 (state) on


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the parser and renderer pools of an htdy process)."""
    children: dict[int, list[int]] = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            children.setdefault(int(_stat(int(entry))[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def proc_sample(pid: int) -> dict[str, float] | None:
    """RSS (MB), open files and CPU seconds of a process with its descendants (None when the
    process is gone or not ours to read)."""
    rss_kb = fds = ticks = 0
    for i, p in enumerate(process_tree(pid)):
        try:
            fields = _stat(p)
            with open(f"/proc/{p}/status", encoding="ascii") as fh:
                rss_kb += next((int(ln.split()[1]) for ln in fh if ln.startswith("VmRSS:")), 0)
            fds += len(os.listdir(f"/proc/{p}/fd"))
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            if i == 0:
                return None
    return {"rss_mb": rss_kb / 1024.0, "open_files": float(fds), "cpu_s": ticks / os.sysconf("SC_CLK_TCK")}


_METRIC = re.compile(r'^(htdy_queue_depth\{kind="(parse|render)"\}|htdy_http_requests_in_flight|'
                     r'process_resident_memory_bytes|process_open_fds)\s+([0-9.eE+-]+)$', re.M)


def metrics_sample(base: str) -> dict[str, float]:
    """Queue depths and requests in flight from the target's Prometheus ``/metrics``."""
    try:
        with urllib.request.urlopen(f"{base}/metrics", timeout=2) as resp:
            text = resp.read().decode(errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return {}
    out: dict[str, float] = {}
    for name, kind, value in _METRIC.findall(text):
        key = f"queue_{kind}" if kind else name.replace("htdy_http_", "").replace("process_", "")
        out[key] = float(value)
    return out


class Sampler(threading.Thread):
    """Once a second: the target process (``/proc``) and its ``/metrics``, keyed by the
    second of the run (t0 = the generators' common start)."""

    def __init__(self, base: str, pid: int | None) -> None:
        super().__init__(daemon=True, name="perf-sampler")
        self.base, self.pid = base, pid
        self.t0: float | None = None
        self.samples: list[dict[str, float]] = []
        self._halt = threading.Event()
        self._last_cpu: tuple[float, float] | None = None

    def begin(self, t0: float) -> None:
        self.t0 = t0
        self.start()

    def run(self) -> None:
        assert self.t0 is not None
        while not self._halt.wait(max(0.0, self.t0 + len(self.samples) + 1 - time.monotonic())):
            now = time.monotonic()
            row: dict[str, float] = {"t": round(now - self.t0, 2)}
            if self.pid:
                p = proc_sample(self.pid)
                if p:
                    if self._last_cpu:
                        row["cpu_pct"] = 100.0 * (p["cpu_s"] - self._last_cpu[1]) / max(1e-3, now - self._last_cpu[0])
                    self._last_cpu = (now, p["cpu_s"])
                    row.update(rss_mb=round(p["rss_mb"], 1), open_files=p["open_files"])
            row.update(metrics_sample(self.base))
            self.samples.append(row)

    def finish(self) -> list[dict[str, float]]:
        self._halt.set()
        if self.is_alive():
            self.join(timeout=5)
        return self.samples


def loadavg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def describe(url: str) -> dict[str, Any]:
    return {"url": url, "loopback": is_loopback(url), "port": port_of(url)}
