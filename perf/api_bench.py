"""``htdy perf api`` — how fast the API answers reads, against an aiohttp hello-world baseline.

Starts two servers on free loopback ports (subprocesses): an aiohttp hello world, and
``htdy serve`` with a throw-away ``htdy.toml`` (SQLite in a temp dir, everything embedded).
Creates a user and a CV through the JSON API (docs/api-contract.md), makes it discoverable,
then measures

* closed loop with ``wrk --latency`` (``-t2 -c64``): the hello handler, the owner's cached
  ``GET /api/v1/cvs/{id}`` (bearer token), the public ``GET /api/v1/profiles/{slug}`` and the
  HTML profile ``GET /p/{slug}`` — req/s and p50/p99;
* open loop (htdy.perf.loadgen, constant arrival rate, latency from the scheduled send time,
  so stalls are not hidden) on ``GET /api/v1/cvs/{id}`` at each ``--rates`` value.

Ends with ``NAME=value`` lines and writes a latency plot to perf/reports/. Load goes to
127.0.0.1 only and every run is bounded by ``--duration`` / ``--open-duration``.
"""
from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from htdy.perf import loadgen

REPORTS = Path(__file__).resolve().parent / "reports"
READ_P95_TARGET_MS = 200.0    # seed §1.1 API read operations
READ_P99_TARGET_MS = 500.0
BASELINE_RPS = 1000.0         # seed §1.2 API servers baseline capacity

HELLO_SERVER = """
import sys
from aiohttp import web
async def hello(request):
    return web.Response(text="Hello, world")
app = web.Application()
app.router.add_get("/", hello)
try:
    import uvloop
    loop_factory = uvloop.new_event_loop
except ImportError:
    loop_factory = None
kw = {"loop": loop_factory()} if loop_factory else {}
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None, **kw)
"""

RESUME = {
    "basics": {"name": "Ada Bench", "label": "Performance Engineer", "email": "ada@example.org",
               "summary": "Measures things; distrusts averages.",
               "location": {"city": "Zurich", "countryCode": "CH"}},
    "work": [{"name": "Analytical Engines AG", "position": "Engineer", "startDate": "2020-01-01",
              "highlights": ["Cut P99 latency by 60 %", "Wrote the load generator"]}],
    "education": [{"institution": "ETH Zurich", "area": "Computer Science", "studyType": "MSc"}],
    "skills": [{"name": "Python", "keywords": ["asyncio", "aiohttp"]},
               {"name": "Performance", "keywords": ["wrk", "HdrHistogram"]}],
}


# ------------------------------------------------------------------------------ servers
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A subprocess in its own session (so its children stop with it), logs to a file."""

    def __init__(self, name: str, argv: list[str], port: int, log: Path, env: dict[str, str] | None = None):
        self.name, self.port, self.log = name, port, log
        self._log_fh = log.open("wb")
        self.proc = subprocess.Popen(argv, stdout=self._log_fh, stderr=subprocess.STDOUT,
                                     env=env, start_new_session=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise click.ClickException(f"{self.name} exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.base + path, timeout=1) as resp:
                    if resp.status < 500:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise click.ClickException(f"{self.name} not ready after {timeout:.0f}s:\n{self.tail()}")

    def tail(self, n: int = 30) -> str:
        self._log_fh.flush()
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=5)
        self._log_fh.close()


def write_config(tmp: Path, port: int) -> Path:
    cfg = tmp / "htdy.toml"
    cfg.write_text(f"""# written by htdy perf api
[server]
host = "127.0.0.1"
port = {port}
public_url = "http://127.0.0.1:{port}"
workers = 1   # the API figures are for one process, against a one-process hello world

[database]
url = "sqlite://{tmp / 'htdy.sqlite3'}"

[auth]
secret_key = "{secrets.token_hex(32)}"

[ratelimit]
enabled = false   # one load generator is one client: the benchmark measures capacity, not limits

[logging]
level = "WARNING"

[plugins.storage_backends.local]
root = "{tmp / 'files'}"
""", encoding="utf-8")
    return cfg


def htdy_argv(cfg: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from htdy.core.commands.cli import main; main()", "--config", str(cfg), *args]


# ------------------------------------------------------------------------------ API calls
def call(method: str, url: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw, status = resp.read(), resp.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), exc.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


def seed_data(base: str) -> tuple[str, str, str]:
    """signup → token; create a CV; make it discoverable with a slug. Returns (token, id, slug)."""
    email = f"bench-{secrets.token_hex(4)}@example.org"
    status, body = call("POST", f"{base}/api/v1/auth/signup",
                        {"email": email, "password": secrets.token_urlsafe(16), "name": "Ada Bench"})
    if status != 201:
        raise click.ClickException(f"signup: HTTP {status}: {body}")
    token = body["token"]
    status, cv = call("POST", f"{base}/api/v1/cvs", {"title": "Benchmark CV", "resume": RESUME}, token)
    if status != 201:
        raise click.ClickException(f"create CV: HTTP {status}: {cv}")
    slug = f"ada-bench-{secrets.token_hex(3)}"
    status, body = call("PATCH", f"{base}/api/v1/cvs/{cv['id']}", {"discoverable": True, "slug": slug}, token)
    if status != 200:
        raise click.ClickException(f"make discoverable: HTTP {status}: {body}")
    return token, str(cv["id"]), slug


def check_get(url: str, token: str | None = None) -> None:
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        raise click.ClickException(f"GET {url}: HTTP {exc.code}: {exc.read()[:300]!r}") from None


# ------------------------------------------------------------------------------ report
def plot(path: Path, closed: dict[str, loadgen.WrkResult], open_loop: dict[str, loadgen.OpenLoopResult]) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    for name, r in closed.items():
        qs = sorted(r.percentiles_ms)
        ax1.plot([f"p{q}" for q in qs], [r.percentiles_ms[q] for q in qs], marker="o",
                 label=f"{name} ({r.rps:,.0f} req/s)")
    ax1.set(title="closed loop (wrk): latency percentiles", xlabel="percentile", ylabel="ms",
            yscale="log")
    qs2 = [50, 75, 90, 95, 99, 99.9]
    for name, o in open_loop.items():
        ax2.plot([f"p{q:g}" for q in qs2], [o.p(q) for q in qs2], marker="o",
                 label=f"{name}: {o.achieved_rate:,.0f}/{o.target_rate:,.0f} req/s")
    for ax in (ax1, ax2):
        ax.axhline(READ_P95_TARGET_MS, ls="--", c="grey", lw=0.8, label="seed read P95 target")
        ax.axhline(READ_P99_TARGET_MS, ls=":", c="grey", lw=0.8, label="seed read P99 target")
    ax2.set(title="open loop (constant rate, from schedule)", xlabel="percentile", ylabel="ms", yscale="log")
    ax1.legend(fontsize=8)
    ax2.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux ``/proc``; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return math.nan


def _fmt(v: float) -> str:
    return "nan" if math.isnan(v) else f"{v:.2f}"


@click.command("api")
@click.option("--duration", default=10, show_default=True, type=click.IntRange(1, 120),
              help="Seconds per wrk run.")
@click.option("--connections", default=64, show_default=True, type=click.IntRange(1, 1024))
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--rates", default="500,1000", show_default=True,
              help="Open-loop arrival rates (req/s), comma-separated.")
@click.option("--open-duration", default=10.0, show_default=True, type=click.FloatRange(0.5, 120),
              help="Seconds per open-loop run.")
@click.option("--keep-server", is_flag=True, help="Leave both servers running (prints how to reach them).")
@click.option("--report-dir", type=click.Path(file_okay=False, path_type=Path), default=REPORTS,
              show_default=True)
def command(duration: int, connections: int, threads: int, rates: str, open_duration: float,
            keep_server: bool, report_dir: Path) -> None:
    """Load-test the API (wrk, closed loop) and an open-loop generator against hello world."""
    try:
        rate_list = [float(r) for r in rates.split(",") if r.strip()]
    except ValueError:
        raise click.BadParameter(f"not a comma-separated list of numbers: {rates!r}",
                                 param_hint="--rates") from None
    if any(r <= 0 or r > 20_000 for r in rate_list):
        raise click.BadParameter("rates must be within 0 < rate <= 20000 req/s", param_hint="--rates")
    try:
        loadgen.wrk_path()
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    tmp = Path(tempfile.mkdtemp(prefix="htdy-perf-api-"))
    servers: list[Server] = []
    try:
        hello = Server("hello", [sys.executable, "-c", HELLO_SERVER, str(hp := free_port())], hp,
                       tmp / "hello.log")
        servers.append(hello)
        cfg = write_config(tmp, port := free_port())
        env = {**os.environ, "HTDY_CONFIG": str(cfg)}
        env = {k: v for k, v in env.items() if not (k.startswith("HTDY_") and "__" in k)}
        mig = subprocess.run(htdy_argv(cfg, "migrate"), capture_output=True, text=True, env=env,
                             timeout=120, cwd=tmp)
        serve = ["serve"]
        if mig.returncode != 0:
            if "No such command" not in mig.stderr:
                raise click.ClickException(f"htdy migrate failed:\n{mig.stdout}{mig.stderr}")
            serve.append("--migrate")   # a build without `htdy migrate`
        api = Server("htdy serve", htdy_argv(cfg, *serve), port, tmp / "htdy.log", env=env)
        servers.append(api)
        hello.wait_ready("/")
        api.wait_ready("/healthz")
        token, cv_id, slug = seed_data(api.base)
        auth = {"Authorization": f"Bearer {token}"}
        targets = {
            "hello": (f"{hello.base}/", None),
            "cv_get": (f"{api.base}/api/v1/cvs/{cv_id}", auth),
            "profile": (f"{api.base}/api/v1/profiles/{slug}", None),
            "profile_html": (f"{api.base}/p/{slug}", None),
        }
        for url, hdrs in targets.values():   # fail early, and warm the caches
            for _ in range(3):
                check_get(url, (hdrs or {}).get("Authorization", "").removeprefix("Bearer ") or None)

        closed: dict[str, loadgen.WrkResult] = {}
        cpu_us: dict[str, float] = {}  # server CPU per request: robust where the machine is shared
        for name, (url, hdrs) in targets.items():
            click.echo(f"wrk {name}: {url}", err=True)
            pid = hello.proc.pid if name == "hello" else api.proc.pid
            before = cpu_seconds(pid)
            try:
                closed[name] = loadgen.run_wrk(url, duration=duration, connections=connections,
                                               threads=threads, headers=hdrs)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from None
            done = closed[name].requests
            cpu_us[name] = (cpu_seconds(pid) - before) / done * 1e6 if done else math.nan
        open_loop: dict[str, loadgen.OpenLoopResult] = {}
        for rate in rate_list:
            click.echo(f"open loop cv_get @ {rate:g} req/s for {open_duration:g}s", err=True)
            open_loop[f"cv_get@{rate:g}"] = loadgen.run(targets["cv_get"][0], rate, open_duration,
                                                        headers=auth, connections=connections)
        if rate_list:
            top = max(rate_list)
            click.echo(f"open loop hello @ {top:g} req/s (generator floor)", err=True)
            open_loop[f"hello@{top:g}"] = loadgen.run(targets["hello"][0], top, open_duration,
                                                      connections=connections)

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        png = report_dir / f"api-bench-{stamp}.png"
        plotted = plot(png, closed, open_loop)
        _report(closed, open_loop, duration, connections, threads, png if plotted else None, cpu_us)
        if keep_server:
            click.echo(f"\nservers left running: hello {hello.base} (pid {hello.proc.pid}), "
                       f"htdy {api.base} (pid {api.proc.pid}); config {cfg}\n"
                       f"token: {token}\ncv: {cv_id}  slug: {slug}\n"
                       f"stop with: kill -- -{hello.proc.pid} -{api.proc.pid}", err=True)
            servers.clear()
    finally:
        for s in servers:
            s.stop()
        if not keep_server:
            shutil.rmtree(tmp, ignore_errors=True)


def _report(closed: dict[str, loadgen.WrkResult], open_loop: dict[str, loadgen.OpenLoopResult],
            duration: int, connections: int, threads: int, png: Path | None,
            cpu_us: dict[str, float] | None = None) -> None:
    cpu = cpu_us or {}
    click.echo(f"\nclosed loop: wrk -t{threads} -c{connections} -d{duration}s --latency "
               "(ratio: req/s over hello world's; CPU: the server's user+system time per request)")
    click.echo(f"{'scenario':<14}{'req/s':>10}{'ratio':>7}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'CPU us':>8}"
               f"{'non-2xx':>9}{'sock err':>9}")
    hello_rps = closed["hello"].rps if "hello" in closed else 0.0
    for name, r in closed.items():
        click.echo(f"{name:<14}{r.rps:>10,.0f}{r.rps / hello_rps if hello_rps else 0:>7.3f}{r.p(50):>9.2f}"
                   f"{r.p(90):>9.2f}{r.p(99):>9.2f}{cpu.get(name, math.nan):>8.1f}{r.non_2xx:>9}{r.socket_errors:>9}")
    click.echo("\nopen loop (latency from the scheduled send; seed read target P95 < 200 ms, P99 < 500 ms)")
    click.echo(f"{'scenario':<16}{'target':>8}{'achieved':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name, o in open_loop.items():
        click.echo(f"{name:<16}{o.target_rate:>8,.0f}{o.achieved_rate:>10,.0f}{o.p(50):>9.2f}"
                   f"{o.p(95):>9.2f}{o.p(99):>9.2f}{o.errors + o.dropped:>8}")
        if o.error_samples:
            click.echo(f"  errors: {o.error_samples}")
    if png:
        click.echo(f"\nplot: {png}")
    h, cv, pr, ph = (closed[k] for k in ("hello", "cv_get", "profile", "profile_html"))
    lines = [
        f"HELLO_RPS={h.rps:.1f}", f"HELLO_P99_MS={_fmt(h.p(99))}",
        f"CV_GET_RPS={cv.rps:.1f}", f"CV_GET_P50_MS={_fmt(cv.p(50))}", f"CV_GET_P99_MS={_fmt(cv.p(99))}",
        f"CV_GET_NON2XX={cv.non_2xx}",
        f"PROFILE_RPS={pr.rps:.1f}", f"PROFILE_P50_MS={_fmt(pr.p(50))}", f"PROFILE_P99_MS={_fmt(pr.p(99))}",
        f"PROFILE_NON2XX={pr.non_2xx}",
        f"PROFILE_HTML_RPS={ph.rps:.1f}", f"PROFILE_HTML_P50_MS={_fmt(ph.p(50))}",
        f"PROFILE_HTML_P99_MS={_fmt(ph.p(99))}", f"PROFILE_HTML_NON2XX={ph.non_2xx}",
        f"PROFILE_HTML_RATIO_VS_HELLO={ph.rps / h.rps if h.rps else 0:.3f}",
        f"CV_GET_RATIO_VS_HELLO={cv.rps / h.rps if h.rps else 0:.3f}",
        f"CV_GET_VS_BASELINE_1000={cv.rps / BASELINE_RPS:.2f}",
        f"PROFILE_RATIO_VS_HELLO={pr.rps / h.rps if h.rps else 0:.3f}",
    ]
    for name, key in (("hello", "HELLO"), ("cv_get", "CV_GET"), ("profile", "PROFILE"), ("profile_html", "PROFILE_HTML")):
        us = cpu.get(name, math.nan)
        lines.append(f"{key}_CPU_US_PER_REQ={_fmt(us)}")
        if name != "hello":  # hello world's CPU per request over ours: the ratio a quiet machine would show
            ratio = cpu.get("hello", math.nan) / us if us and not math.isnan(us) else math.nan
            lines.append(f"{key}_CPU_RATIO_VS_HELLO={'nan' if math.isnan(ratio) else f'{ratio:.3f}'}")
    for name, o in open_loop.items():
        target, _, rate = name.partition("@")
        lines += o.lines(f"OPEN_{target.upper()}_{int(float(rate))}")
    click.echo("")
    click.echo("\n".join(lines))
