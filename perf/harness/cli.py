"""``htdy perf run`` (the seed's scenarios against a target, with verdicts) and ``htdy perf
report DIR`` (re-render report.md / report.html from results.json). docs/perf.md explains
both, the stream mix, the verdict rules and how to turn the target's rate limits off."""
from __future__ import annotations

import asyncio
import json
import math
import shlex
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from htdy.perf.harness import seed

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def _say(msg: str) -> None:
    click.echo(f"[perf run {datetime.now(UTC):%H:%M:%S}] {msg}", err=True)


def _scenarios(_ctx: Any, _param: Any, value: tuple[str, ...]) -> list[str]:
    names = [n.strip() for v in value for n in v.split(",") if n.strip()] or ["base"]
    unknown = [n for n in names if n not in seed.SCENARIOS]
    if unknown:
        raise click.BadParameter(f"unknown scenario {', '.join(unknown)}; known: {', '.join(seed.SCENARIOS)}")
    return list(dict.fromkeys(names))


def _jsonable(x: Any) -> Any:
    if isinstance(x, float):
        return None if math.isnan(x) or math.isinf(x) else round(x, 4)
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    return x


@click.command("run")
@click.option("--target", required=True, metavar="URL", help="Base URL of the deployment, e.g. http://127.0.0.1:8080.")
@click.option("--scenario", "scenarios", multiple=True, callback=_scenarios, metavar="NAME[,NAME]",
              help=f"One or more of {', '.join(seed.SCENARIOS)} (repeatable or comma-separated; default base).")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(0.0001, 100),
              help="Multiply the seed's rates (1,000 API req/s, 10 parses/s, 20 renders/s) for a smaller machine.")
@click.option("--duration", default=30.0, show_default=True, type=click.FloatRange(1, 7 * 86400),
              help="Seconds per repeat (spike: the whole base → peak → base; ramp: per step).")
@click.option("--repeats", default=3, show_default=True, type=click.IntRange(1, 50),
              help="Repeats per scenario; verdicts use the median and the range.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for results.json, report.md, report.html, plots/ (default perf/reports/run-<time>).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Generator processes (default: one per 1,500 req/s offered, at most one per CPU).")
@click.option("--users", default=10, show_default=True, type=click.IntRange(1, 1000), help="Test accounts to create.")
@click.option("--cvs-per-user", default=4, show_default=True, type=click.IntRange(2, 100),
              help="CVs per account: one nobody edits (cached renders, stats, shares), the rest take the writes.")
@click.option("--connections", default=256, show_default=True, type=click.IntRange(1, 10_000),
              help="Client connections in total (split over the generator processes).")
@click.option("--timeout", "timeout_s", default=10.0, show_default=True, type=float,
              help="Seconds a read or write may take, from its scheduled send, before it is an error.")
@click.option("--slow-timeout", "slow_timeout_s", default=60.0, show_default=True, type=float,
              help="The same for uploads and renders.")
@click.option("--parse-timeout", "parse_timeout_s", default=120.0, show_default=True, type=float,
              help="Seconds a parse job may take after its upload was accepted.")
@click.option("--keep-data", is_flag=True, help="Keep the test accounts (credentials go to DIR/test-data.json).")
@click.option("--allow-remote", is_flag=True,
              help="Confirm that --target is not this machine: load goes over the network to someone's deployment.")
@click.option("--target-pid", type=int, default=None,
              help="Process to watch (RSS, open files, CPU); default: the one listening on the target's port.")
@click.option("--baseline-port", default=0, type=click.IntRange(0, 65535), help="Port of the hello-world baseline (0: any free).")
@click.option("--note", default="", help="A line for the report (what else ran on the machine, the topology…).")
def run(target: str, scenarios: list[str], scale: float, duration: float, repeats: int, out_dir: Path | None,
        workers: int | None, users: int, cvs_per_user: int, connections: int, timeout_s: float, slow_timeout_s: float,
        parse_timeout_s: float, keep_data: bool, allow_remote: bool, target_pid: int | None, baseline_port: int,
        note: str) -> None:
    """Run the seed's load scenarios against a deployment and write a report with verdicts.

    Open loop (latency from each request's scheduled send), a realistic mix as separate
    streams, test accounts made through the API and deleted afterwards, a hello-world
    baseline measured in the same run. Example:

        htdy perf run --target http://127.0.0.1:8080 --scenario base,peak --scale 0.1 --duration 20
    """
    from htdy import __version__
    from htdy.perf.api_bench import free_port
    from htdy.perf.harness import report, runner
    from htdy.perf.harness import target as tgt

    try:
        import hdrh  # noqa: F401
    except ImportError:
        raise click.ClickException("htdy perf run needs the perf extra: pip install 'htdy[perf]'") from None
    target = target.rstrip("/")
    try:
        loopback = tgt.is_loopback(target)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--target") from None
    if not loopback and not allow_remote:
        raise click.UsageError(f"{target} is not a loopback address: this sends real load to another machine. "
                               "Pass --allow-remote to confirm you may load it.")
    _check_alive(target)
    out = out_dir or REPORTS / f"run-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    out.mkdir(parents=True, exist_ok=True)
    pid = target_pid or (tgt.listening_pid(tgt.port_of(target)) if loopback else None)
    opts = runner.RunOptions(base=target, scale=scale, duration=duration, repeats=repeats, workers=workers,
                             connections=connections, timeout_s=timeout_s, slow_timeout_s=slow_timeout_s,
                             parse_timeout_s=parse_timeout_s, target_pid=pid)
    results: dict[str, Any] = {"format": 1, "meta": {
        "target": target, "loopback": loopback, "target_pid": pid, "scale": scale, "duration": duration,
        "repeats": repeats, "scenarios": scenarios, "htdy_version": __version__, "cpus": _cpus(),
        "loadavg_start": tgt.loadavg(), "started_at": f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC", "note": note,
        "command": "htdy perf run " + shlex.join(sys.argv[3:] if sys.argv[1:3] == ["perf", "run"] else sys.argv[1:]),
        "seed_rates": report.seed_rates()}, "scenarios": {}, "baseline": {}}
    tmp = Path(tempfile.mkdtemp(prefix="htdy-perf-run-"))
    data = None
    try:
        _say("making test documents (PDF and DOCX of ~100 KB, 1 MB, 5 MB)")
        from htdy.perf.harness import fixtures
        docs = fixtures.build_documents(fixtures.documents_cache(), seed.UPLOAD_BYTES)
        _say(f"creating {users} test accounts with {cvs_per_user} CVs each through {target}/api/v1")
        data = asyncio.run(_setup(target, users, cvs_per_user, docs, timeout_s, parse_timeout_s))
        if keep_data:
            creds = out / "test-data.json"
            creds.write_text(json.dumps(data, indent=1), encoding="utf-8")
            creds.chmod(0o600)
        results["budget"] = runner.page_budget(target, data["users"][0]["cvs"][0]["slug"])
        for name in scenarios:
            top = max(s.multiplier for s in seed.profile(name, duration)[:1 if name == "ramp" else None])
            api_rate = seed.BASE_API_RPS * top * scale
            results["baseline"][name] = runner.hello_baseline(opts, api_rate, baseline_port or free_port(),
                                                               tmp / "hello.log", _say)
            results["scenarios"][name] = runner.run_scenario(opts, name, data, docs, _say)
    except fixtures.SetupError as exc:
        raise click.ClickException(str(exc)) from None
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if data is not None and not keep_data:
            _say("removing the test accounts (DELETE /api/v1/me)")
            problems = asyncio.run(_teardown(target, data))
            results["cleanup"] = ("removed " + str(len(data["users"])) + " accounts" if not problems
                                  else "could not remove: " + "; ".join(problems))
        elif data is not None:
            results["cleanup"] = f"kept {len(data['users'])} accounts (credentials in test-data.json)"
        shutil.rmtree(tmp, ignore_errors=True)
    results["meta"]["loadavg_end"] = tgt.loadavg()
    (out / "results.json").write_text(json.dumps(_jsonable(results)), encoding="utf-8")
    paths = report.write(_nan_tree(results), out)
    _print_summary(results, paths)


@click.command("report")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def report_cmd(folder: Path) -> None:
    """Re-render report.md, report.html and plots/ from FOLDER/results.json."""
    from htdy.perf.harness import analysis, report

    if not (folder / "results.json").is_file():
        raise click.ClickException(f"{folder / 'results.json'} does not exist (is this an htdy perf run folder?)")
    results = _nan_tree(report.load(folder))
    analysis.rejudge(results)
    paths = report.write(results, folder)
    _print_summary(results, paths)


def _nan_tree(results: dict[str, Any]) -> dict[str, Any]:
    """Percentiles stored as null (NaN) come back as NaN so comparisons stay simple."""
    for sc in results["scenarios"].values():
        for r in sc["repeats"]:
            for s in (*r["streams"].values(), *r["groups"].values()):
                s["percentiles"] = {k: math.nan if v is None else v for k, v in s["percentiles"].items()}
    return results


def _print_summary(results: dict[str, Any], paths: dict[str, Path]) -> None:
    from htdy.perf.harness.report import verdict_table

    (_, head, body), rows = verdict_table(results)
    for r in body:
        click.echo(f"{r[0]:<10} {r[1]:<58} {r[3]:<34} {r[4].strip('*')}")
    counts = {v: sum(r.verdict == v for r in rows) for v in ("PASS", "WARN", "FAIL", "INVALID")}
    click.echo(" ".join(f"{k}={v}" for k, v in counts.items()))
    click.echo(f"report: {paths['md']}\nhtml: {paths['html']}")


def _cpus() -> int:
    import os
    return os.cpu_count() or 1


def _check_alive(base: str) -> None:
    import urllib.error
    import urllib.request

    for path in ("/livez", "/healthz"):
        try:
            with urllib.request.urlopen(base + path, timeout=5) as resp:
                if resp.status == 200:
                    return
        except urllib.error.HTTPError:
            continue
        except (urllib.error.URLError, OSError) as exc:
            raise click.ClickException(f"cannot reach {base}: {exc}") from None
    raise click.ClickException(f"{base} answers, but neither /livez nor /healthz says it is alive")


async def _setup(base: str, users: int, cvs_per_user: int, docs: dict[str, dict[str, str]], timeout_s: float,
                 parse_timeout_s: float) -> dict[str, Any]:
    """Accounts and CVs, then one request of every stream (fails early, warms caches and
    renders every stable CV once so ``render_cached`` is cached)."""
    import aiohttp

    from htdy.perf.harness import fixtures, generator
    from htdy.perf.harness import senders as rq

    async with aiohttp.ClientSession(headers={"User-Agent": rq.UA}) as session:
        data = (await fixtures.create(session, base, users=users, cvs_per_user=cvs_per_user)).to_json()
        try:
            ctx = generator._context({"data": data, "docs": docs, "workers": 1, "worker": 0, "base": base,
                                      "timeout_s": timeout_s, "parse_timeout_s": parse_timeout_s})
            for token, cv in ctx.stable:
                async with session.get(f"{base}/api/v1/cvs/{cv}/render?format=pdf&template=classic",
                                       headers={"Authorization": f"Bearer {token}"}) as r:
                    await r.read()
            for name, send in rq.SENDERS.items():
                if name == "hello":
                    continue
                out = await send(session, ctx)
                if out.error is None and out.follow_up is not None:
                    try:
                        await out.follow_up
                    except rq.JobFailed as exc:
                        out.error = str(exc)
                if out.error:
                    raise fixtures.SetupError(f"probe of stream {name} ({seed.stream(name).what}): {out.error}"
                                              + (" — rate limited: turn [ratelimit] off on the target for a benchmark"
                                                 if "429" in out.error else ""))
            for w in ctx.writes:       # the probe's write moved the ETag on
                for u in data["users"]:
                    for c in u["cvs"]:
                        if c["id"] == w.id:
                            c["etag"] = w.etag
        except BaseException:
            await fixtures.remove(session, base, fixtures.TestData.from_json(data))
            raise
    return data


async def _teardown(base: str, data: dict[str, Any]) -> list[str]:
    import aiohttp

    from htdy.perf.harness import fixtures

    async with aiohttp.ClientSession() as session:
        return await fixtures.remove(session, base, fixtures.TestData.from_json(data))
