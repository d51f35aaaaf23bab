"""``make fuzz-api``: schemathesis over the OpenAPI document against a real ``htdy serve``.

For each database (SQLite, PostgreSQL) it starts a fresh server (its own database, files and
search index under a temporary directory), runs ``schemathesis run`` with every check and
every phase (examples, coverage, fuzzing, stateful) as a signed-up user whose bearer token
``auth_hooks.py`` keeps valid, then reads the server's own request counters from
``/metrics``: requests served, 5xx answers. Violations are schemathesis's failed checks.

    python tests/fuzz/fuzz_api.py --database sqlite --database postgres --max-examples 60
    python tests/fuzz/fuzz_api.py --database sqlite --max-time 40      # the short CI run
    python tests/fuzz/fuzz_api.py --database postgres --pg-database htdy_mine --max-examples 400

PostgreSQL is the server of ``HTDY_TEST_PG_URL`` (default ``postgres://postgres@127.0.0.1:5432``);
the run gets a fresh database there, ``htdy_fuzz_<random>``, or the one ``--pg-database`` names
(dropped and created anew, so name one of your own), and drops it afterwards.

Exit status 0 only when no server error and no violation was seen on any database.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PG = os.environ.get("HTDY_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432")

CONFIG = """
[server]
host = "127.0.0.1"
port = {port}
max_upload_mb = 1
workers = 1  # one process: /metrics counts every request it served
[node]
warm_pools = false
[database]
url = "{db}"
[parsing]
workers = 1
timeout_s = 20
[rendering]
workers = 1
timeout_s = 20
[ratelimit]
enabled = false
[auth]
secret_key = "fuzz-{secret}"
argon2_time_cost = 1
argon2_memory_kib = 1024
[logging]
level = "WARNING"
[plugins.storage_backends.local]
root = "{tmp}/files"
fsync = false
[plugins.search_backends.embedded]
path = "{tmp}/search.sqlite3"
"""


@dataclass
class Result:
    database: str
    requests: int
    server_errors: int
    violations: int
    failed_checks: dict[str, int]
    tool_errors: int  # schemathesis's own errors (not answers of the API)
    exit_code: int
    seconds: float

    def line(self) -> str:
        checks = ", ".join(f"{k} {v}" for k, v in sorted(self.failed_checks.items())) or "none"
        return (f"{self.database}: {self.requests} requests, {self.server_errors} server errors (5xx), "
                f"{self.violations} violations ({checks}); {self.tool_errors} schemathesis errors; "
                f"exit {self.exit_code}; "
                f"{self.seconds:.0f} s")


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def request_counts(base: str) -> tuple[int, int]:
    """(all requests, 5xx answers) from the server's ``htdy_http_requests_total``."""
    _, body = _get(f"{base}/metrics")
    total = errors = 0
    for line in body.decode().splitlines():
        m = re.match(r'htdy_http_requests_total\{(.*)\} ([0-9.e+]+)$', line)
        if not m or 'route="/metrics"' in m.group(1):
            continue
        n = int(float(m.group(2)))
        total += n
        if re.search(r'status="5\d\d"', m.group(1)):
            errors += n
    return total, errors


def _admin(sql: str) -> None:
    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(f"{PG}/postgres", timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()
    asyncio.run(run())


def run_one(database: str, args: argparse.Namespace, port: int) -> Result:
    tmp = Path(tempfile.mkdtemp(prefix=f"htdy-fuzz-{database}-"))
    pg_name = args.pg_database or f"htdy_fuzz_{uuid.uuid4().hex[:10]}"
    if database == "postgres":
        _admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{pg_name}"')
        db = f"{PG}/{pg_name}"
    else:
        db = f"sqlite://{tmp}/htdy.sqlite3"
    (tmp / "htdy.toml").write_text(CONFIG.format(port=port, db=db, tmp=tmp, secret=uuid.uuid4().hex))
    # the server reads only its own file: HTDY_<SECTION>__<KEY> variables of the caller's
    # environment (a test run's, a shell's) would override it
    env = {k: v for k, v in os.environ.items() if not k.startswith("HTDY_")}
    env["HTDY_CONFIG"] = str(tmp / "htdy.toml")
    log = (tmp / "server.log").open("wb")
    server = subprocess.Popen([str(BIN / "htdy"), "serve", "--migrate"], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    t0 = time.monotonic()
    try:
        for _ in range(300):
            try:
                if _get(f"{base}/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                raise SystemExit(f"htdy serve exited: see {tmp / 'server.log'}")
            time.sleep(0.2)
        before = request_counts(base)
        report = tmp / "report.ndjson"
        cmd = [str(BIN / "schemathesis"), "--config-file", str(HERE / "schemathesis.toml"), "run",
               f"{base}/api/openapi.json", "--checks", "all",
               "--phases", "examples,coverage,fuzzing,stateful", "--workers", str(args.workers),
               "--report", "ndjson", "--report-ndjson-path", str(report), "--no-color",
               "--request-timeout", "30", "--seed", str(args.seed), "--suppress-health-check", "all",
               "--generation-database", "none", "--generation-allow-x00", "false", "--max-failures", "1000", "--continue-on-failure"]
        if args.max_examples:
            cmd += ["--max-examples", str(args.max_examples)]
        if args.max_time:
            cmd += ["--max-time", str(args.max_time)]
        st_env = {**os.environ, "SCHEMATHESIS_HOOKS": "auth_hooks", "PYTHONPATH": str(HERE),
                  "HTDY_FUZZ_BASE": base}
        out_path = tmp / "schemathesis.txt"
        with out_path.open("wb") as out:
            # (cwd: schemathesis keeps a .schemathesis/ cache in its working directory)
            code = subprocess.run(cmd, env=st_env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp).returncode
        after = request_counts(base)
        checks = failed_checks(out_path)
        if args.keep or code != 0:
            print(f"  schemathesis output: {out_path}; server log: {tmp / 'server.log'}", flush=True)
        tail = out_path.read_text(errors="replace").strip().splitlines()[-1:] or [""]
        tool_errors = int(m.group(1)) if (m := re.search(r"(\d+) errors?", tail[0])) else 0
        return Result(database, after[0] - before[0], after[1] - before[1], sum(checks.values()), checks,
                      tool_errors, code, time.monotonic() - t0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        if database == "postgres":
            _admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        if not args.keep:
            shutil.rmtree(tmp / "files", ignore_errors=True)


def failed_checks(output: Path) -> dict[str, int]:
    """Unique failures per check from schemathesis's summary ("Failures:" block)."""
    text = output.read_text(errors="replace") if output.exists() else ""
    if "SUMMARY" not in text:
        return {"no summary (schemathesis did not finish)": 1}
    block = text.split("Failures:", 1)[1].split("\n\n", 1)[0] if "Failures:" in text else ""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"(ST\d+ [^:\n]+): (\d+)", block)}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database", action="append", choices=["sqlite", "postgres"])
    p.add_argument("--max-examples", type=int, default=0, help="test cases per operation and phase")
    p.add_argument("--max-time", type=int, default=0, help="time budget per database, seconds")
    p.add_argument("--workers", type=int, default=1,
                   help="schemathesis workers (threads; more than one hit a Python 3.11 ast race in hypothesis)")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--port", type=int, default=int(os.environ.get("HTDY_FUZZ_PORT", "0")),
                   help="first server port (0: any free port)")
    p.add_argument("--pg-database", default=os.environ.get("HTDY_FUZZ_PG_DB", ""),
                   help="PostgreSQL database to use (dropped and created anew; default: a random htdy_fuzz_* one)")
    p.add_argument("--keep", action="store_true", help="keep the server's directory and print where it is")
    args = p.parse_args(argv)
    if not re.fullmatch(r"[A-Za-z0-9_]{0,63}", args.pg_database):
        p.error("--pg-database: letters, digits and _ only")
    results = []
    for i, database in enumerate(args.database or ["sqlite"]):
        results.append(run_one(database, args, args.port + i if args.port else free_port()))
        print(results[-1].line(), flush=True)
    total = sum(r.requests for r in results)
    bad = sum(r.server_errors + r.violations for r in results)
    print(f"TOTAL: {total} requests, {sum(r.server_errors for r in results)} server errors, "
          f"{sum(r.violations for r in results)} violations")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
