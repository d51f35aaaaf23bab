"""The seed's performance standards as data (../shared/seed: §1.1 response times, §1.2
throughput, §6.1 scenarios, §6.2 alert thresholds, §6.3 budgets) and the load mix that
``htdy perf run`` offers.

Rates are the seed's *baseline capacity* (§1.2: 1,000 API req/s, 10 parses/s, 20 renders/s);
a scenario multiplies them (§6.1: peak 3×, stress 5×, spike base → peak → base) and ``--scale``
shrinks everything for a machine smaller than the seed's (2 vCPU API servers, 4 vCPU parsers)."""
from __future__ import annotations

from dataclasses import dataclass

# §1.2 baseline capacity per service (per second)
BASE_API_RPS = 1000.0
BASE_PARSES_PER_S = 10.0
BASE_RENDERS_PER_S = 20.0
PEAK_API_RPS = 5000.0


@dataclass(frozen=True)
class ResponseTarget:
    """One §1.1 row: P95 target and P99 maximum, in the stream's unit (ms, or ms per MB)."""
    key: str
    label: str
    p95: float
    p99: float
    unit: str = "ms"


# §1.1 (page load FCP/TTI are browser metrics: measured by the web suite, not by load here)
RESPONSE = {
    "api_read": ResponseTarget("api_read", "§1.1 API read operations", 200, 500),
    "api_write": ResponseTarget("api_write", "§1.1 API write operations", 500, 1000),
    "upload": ResponseTarget("upload", "§1.1 File upload (per MB)", 2000, 5000, "ms/MB"),
    "parse": ResponseTarget("parse", "§1.1 CV parsing (upload → parsed)", 5000, 15000),
    "analytics": ResponseTarget("analytics", "§1.1 Complex data processing (CV stats)", 8000, 20000),
    "render": ResponseTarget("render", "§1.1 Template rendering", 1000, 3000),
}

# §6.2 alerting thresholds
ALERT_API_P95_WARN_MS = 500.0
ALERT_API_P95_CRIT_MS = 1000.0
ALERT_ERROR_WARN = 0.01
ALERT_ERROR_CRIT = 0.05

# §6.3 performance budget (gzipped bytes), checked on the public profile page
BUDGET_JS_GZ = 300 * 1024
BUDGET_CSS_GZ = 50 * 1024


@dataclass(frozen=True)
class Stream:
    """One kind of request with its own histogram. ``share`` is its part of its service's
    baseline rate (API streams share the 1,000 req/s; uploads the 10 parses/s; renders the
    20 renders/s). ``target`` names its §1.1 row."""
    name: str
    service: str        # api | parse | render
    share: float
    target: str
    what: str


STREAMS: tuple[Stream, ...] = (
    Stream("read_own_cv", "api", 0.30, "api_read", "GET /api/v1/cvs/{id} (owner, bearer token)"),
    Stream("read_profile_json", "api", 0.25, "api_read", "GET /api/v1/profiles/{slug}"),
    Stream("read_profile_html", "api", 0.15, "api_read", "GET /p/{slug} (public HTML profile)"),
    Stream("search", "api", 0.14, "api_read", "GET /api/v1/search?q=…&skill=…"),
    Stream("analytics", "api", 0.02, "analytics", "GET /api/v1/cvs/{id}/stats (owner)"),
    Stream("write_cv_update", "api", 0.10, "api_write", "PATCH /api/v1/cvs/{id} with If-Match (new version)"),
    Stream("write_share", "api", 0.04, "api_write", "POST /api/v1/cvs/{id}/shares (link share)"),
    Stream("upload_100k", "parse", 0.6, "upload", "POST /api/v1/uploads ~100 KB, PDF and DOCX alternating"),
    Stream("upload_1m", "parse", 0.3, "upload", "POST /api/v1/uploads ~1 MB, PDF and DOCX alternating"),
    Stream("upload_5m", "parse", 0.1, "upload", "POST /api/v1/uploads ~5 MB, PDF and DOCX alternating"),
    Stream("render_cached", "render", 0.5, "render", "GET /api/v1/cvs/{id}/render?format=pdf (rendered before)"),
    Stream("render_uncached", "render", 0.5, "render",
           "GET /api/v1/cvs/{id}/render?format=pdf&option.accent=<new colour> (never rendered)"),
)
# derived: one per upload, measured from the upload's scheduled send until the job is done
PARSE_STREAM = Stream("parse", "parse", 0.0, "parse", "upload → job done (GET /api/v1/jobs/{id} polled)")
UPLOAD_BYTES = {"upload_100k": 100 * 1024, "upload_1m": 1024 * 1024, "upload_5m": 5 * 1024 * 1024}
SERVICE_BASE = {"api": BASE_API_RPS, "parse": BASE_PARSES_PER_S, "render": BASE_RENDERS_PER_S}


def stream(name: str) -> Stream:
    for s in (*STREAMS, PARSE_STREAM):
        if s.name == name:
            return s
    raise KeyError(name)


@dataclass(frozen=True)
class Segment:
    """``seconds`` of load at ``multiplier`` × the baseline rates (× ``--scale``)."""
    seconds: float
    multiplier: float
    label: str = ""


@dataclass(frozen=True)
class Scenario:
    name: str
    what: str
    multiplier: float           # the steady (or top) multiplier; ramp: the first step


SCENARIOS = {
    "base": Scenario("base", "§6.1 base load: the seed's baseline rates (1×)", 1.0),
    "peak": Scenario("peak", "§6.1 peak load: 3× base", 3.0),
    "stress": Scenario("stress", "§6.1 stress test: 5× base", 5.0),
    "spike": Scenario("spike", "§6.1 spike: base → peak (3×) → base; time until the rolling P95 recovers", 3.0),
    "endurance": Scenario("endurance", "§6.1 endurance: sustained peak (3×) for --duration; RSS, open files, "
                          "latency drift", 3.0),
    "ramp": Scenario("ramp", "steps of rising load until the knee (P95 over target or errors > 1 %)", 1.0),
}
RAMP_STEPS = (1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0)


def profile(scenario: str, duration: float) -> list[Segment]:
    """The load over time of one repeat (ramp: one segment per step, run one at a time)."""
    sc = SCENARIOS[scenario]
    if scenario == "spike":
        third = duration / 3.0
        return [Segment(third, 1.0, "base"), Segment(third, 3.0, "spike"), Segment(third, 1.0, "after")]
    if scenario == "ramp":
        return [Segment(duration, m, f"{m:g}x") for m in RAMP_STEPS]
    return [Segment(duration, sc.multiplier, scenario)]


def stream_rate(s: Stream, multiplier: float, scale: float) -> float:
    """Requests per second of one stream at a multiplier of the baseline."""
    return SERVICE_BASE[s.service] * s.share * multiplier * scale
