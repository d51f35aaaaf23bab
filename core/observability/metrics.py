"""Prometheus metrics (prometheus-client). Defined once per process on a registry of
our own, so several apps in one process (tests) share them without clashes."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from htdy.core.observability.hotmetrics import HotCounter, HotGauge, HotHistogram

REGISTRY = CollectorRegistry(auto_describe=True)

# counted on every request: plain numbers exported at scrape time (core/observability/hotmetrics.py)
REQUESTS = HotCounter("htdy_http_requests_total", "HTTP requests by route, method and status.",
                      ["method", "route", "status"], registry=REGISTRY)
LATENCY = HotHistogram("htdy_http_request_duration_seconds", "HTTP request latency by route.",
                       ["method", "route"], registry=REGISTRY,
                       buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10))
IN_FLIGHT = HotGauge("htdy_http_requests_in_flight", "Requests being handled.", registry=REGISTRY)
QUEUE_DEPTH = Gauge("htdy_queue_depth", "Jobs waiting, by kind: parse = rows queued in the database (the "
                    "truth, whatever the queue backend holds); render = renders waiting for this node's pool.",
                    ["kind"], registry=REGISTRY)
QUEUE_BACKEND_DEPTH = Gauge("htdy_queue_backend_depth", "Job ids held by the queue backend (e.g. a Redis list), "
                            "by kind; may differ from htdy_queue_depth after a backend restart.", ["kind"],
                            registry=REGISTRY)
JOBS_LEASE_EXPIRED = Gauge("htdy_jobs_lease_expired", "Running jobs past their lease (a dead worker; the sweeper "
                           "re-queues them), by kind, sampled at scrape time.", ["kind"], registry=REGISTRY)
JOBS = Gauge("htdy_jobs", "Job rows by kind and status (sampled at scrape time).", ["kind", "status"],
             registry=REGISTRY)
JOB_OUTCOMES = Counter("htdy_job_outcomes_total", "Finished job attempts by kind and outcome.",
                       ["kind", "outcome"], registry=REGISTRY)
JOB_LATENCY = Histogram("htdy_job_latency_seconds", "End-to-end job latency, queued (created) to finished, by "
                        "kind and final outcome.", ["kind", "outcome"], registry=REGISTRY,
                        buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600))
JOB_FAILURES = Counter("htdy_job_failures_total", "Failed job attempts by kind, error code and whether the job "
                       "will be retried.", ["kind", "code", "retry"], registry=REGISTRY)
HTTP_ERRORS = Counter("htdy_http_errors_total", "Error responses by status and stable error code.",
                      ["status", "code"], registry=REGISTRY)
DB_POOL_IN_USE = Gauge("htdy_db_pool_in_use", "Database connections checked out of this process's pool, by "
                       "connection (sampled at scrape time).", ["connection"], registry=REGISTRY)
DB_POOL_SIZE = Gauge("htdy_db_pool_size", "Largest number of connections this process's pool may hold "
                     "([database] pool_max; 1 for SQLite), by connection.", ["connection"], registry=REGISTRY)
STORAGE_OPS = Counter("htdy_storage_operations_total", "File storage operations through the storage service, "
                      "by backend, operation and outcome (ok, not_found, error).", ["backend", "op", "outcome"],
                      registry=REGISTRY)
STORAGE_SECONDS = Histogram("htdy_storage_operation_duration_seconds", "File storage operation latency, by "
                            "backend and operation.", ["backend", "op"], registry=REGISTRY,
                            buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
CACHE_LOOKUPS = HotCounter("htdy_cache_lookups_total", "Cache reads per tier and result (hit, miss, unavailable: the "
                        "tier failed or its breaker is open).", ["tier", "result"], registry=REGISTRY)
CACHE_BREAKER_OPEN = Gauge("htdy_cache_breaker_open", "1 while a remote cache tier's circuit breaker is open or "
                           "half-open (the tier is being routed around), else 0.", ["tier"], registry=REGISTRY)
PARSE_SECONDS = Histogram("htdy_parse_duration_seconds", "Time to parse one document (worker side).",
                          registry=REGISTRY, buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60))
RENDER_SECONDS = Histogram("htdy_render_duration_seconds", "Time to answer a render request, by format.",
                           ["format", "cached"], registry=REGISTRY,
                           buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10))


def exposition() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
