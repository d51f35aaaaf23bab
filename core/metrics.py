"""Prometheus metrics (prometheus-client). Defined once per process on a registry of
our own, so several apps in one process (tests) share them without clashes."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter("htdy_http_requests_total", "HTTP requests by route, method and status.",
                   ["method", "route", "status"], registry=REGISTRY)
LATENCY = Histogram("htdy_http_request_duration_seconds", "HTTP request latency by route.",
                    ["method", "route"], registry=REGISTRY,
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10))
IN_FLIGHT = Gauge("htdy_http_requests_in_flight", "Requests being handled.", registry=REGISTRY)
QUEUE_DEPTH = Gauge("htdy_queue_depth", "Jobs waiting in the queue backend, by kind.", ["kind"],
                    registry=REGISTRY)
JOBS = Gauge("htdy_jobs", "Job rows by kind and status (sampled at scrape time).", ["kind", "status"],
             registry=REGISTRY)
JOB_OUTCOMES = Counter("htdy_job_outcomes_total", "Finished job attempts by kind and outcome.",
                       ["kind", "outcome"], registry=REGISTRY)
PARSE_SECONDS = Histogram("htdy_parse_duration_seconds", "Time to parse one document (worker side).",
                          registry=REGISTRY, buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60))
RENDER_SECONDS = Histogram("htdy_render_duration_seconds", "Time to answer a render request, by format.",
                           ["format", "cached"], registry=REGISTRY,
                           buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10))


def exposition() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
