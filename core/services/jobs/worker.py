"""Parse-job workers (the parser role).

The job row is the truth. A worker takes ids from the queue backend — or, when the
queue is quiet, scans for queued rows (lost messages, retries after back-off) — and
claims one with a compare-and-set ``UPDATE jobs SET status='running' … WHERE
status='queued'``: only the worker whose update touched a row runs the job. The CV,
its version and the job's ``done`` are written in one transaction, guarded by the
same compare-and-set on (status, worker), so a job whose lease was taken over can never
write twice. Running jobs carry a lease; a sweeper re-queues jobs whose lease expired
(a dead process). Shutdown waits for running jobs, then re-queues what is left.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import structlog
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from htdy.core.host.errors import ConfigError, HtdyError, ParseError, ServiceUnavailable
from htdy.core.models import CVVersion, Job, StoredFile
from htdy.core.observability import metrics
from htdy.core.services import Services, cvs, utcnow

log = logging.getLogger("htdy.worker")
job_log = structlog.get_logger("htdy.jobs")
RETRYABLE_PARSE_CODES = {"timeout"}
CONFIG_RETRY_S = 60.0  # a job that met a configuration error waits this long for the operator


class LeaseLost(Exception):
    """Another worker took this job over (our lease expired)."""


class JobWorker:
    def __init__(self, svc: Services, *, concurrency: int | None = None,
                 pool_factory: Callable[[], Any] | None = None) -> None:
        self.svc = svc
        self.pool_factory = pool_factory
        self.settings = svc.settings
        self.concurrency = concurrency or svc.settings.parsing.workers
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.lease_s = svc.settings.queue.lease_s
        self.beat_s = self.lease_s / 3
        self.poll_s = svc.settings.queue.poll_interval_s
        self._stopping = asyncio.Event()
        self._loops: list[asyncio.Task[None]] = []
        self._running: dict[str, asyncio.Task[None]] = {}

    def pool(self) -> Any:
        """The parser process pool, created on first use (or at start-up when warm)."""
        if self.svc.parser_pool is None:
            if self.pool_factory is None:
                raise RuntimeError("no parser pool configured")
            self.svc.parser_pool = self.pool_factory()
        return self.svc.parser_pool

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        for outcome in ("done", "retry", "failed"):  # the series exist (at 0) before the first job:
            metrics.JOB_OUTCOMES.labels("parse", outcome)  # rate() and the SLO ratio have a baseline
        await self.sweep()
        self._loops = [asyncio.create_task(self._loop(i)) for i in range(self.concurrency)]
        self._loops.append(asyncio.create_task(self._sweeper()))
        self._loops.append(asyncio.create_task(self._heartbeat()))

    async def stop(self, timeout: float | None = None) -> None:
        """Stop taking jobs; let running ones finish within ``timeout``; re-queue the rest."""
        self._stopping.set()
        running = list(self._running.values())
        if running:
            await asyncio.wait(running, timeout=self.settings.server.shutdown_timeout_s if timeout is None else timeout)
        for t in self._loops + list(self._running.values()):
            t.cancel()
        await asyncio.gather(*self._loops, *self._running.values(), return_exceptions=True)

    async def _heartbeat(self) -> None:
        """Renew the leases of the jobs this process is running."""
        while not self._stopping.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.beat_s)
            try:
                await self.renew()
            except Exception:
                log.exception("lease renewal failed")

    async def renew(self) -> int:
        ids = list(self._running)
        if not ids:
            return 0
        now = utcnow()
        n = await Job.filter(id__in=ids, status="running", worker=self.worker_id).update(
            lease_until=now + timedelta(seconds=self.lease_s), updated_at=now)
        if n < len(ids):
            log.warning("%d running job(s) lost their lease; their results will be dropped", len(ids) - n)
        return n

    async def _sweeper(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), min(self.poll_s * 5, self.beat_s))
            try:
                await self.sweep()
            except Exception:
                log.exception("job sweep failed")

    async def sweep(self) -> int:
        """Re-queue jobs left ``running`` past their lease by a dead process."""
        now = utcnow()
        n = await Job.filter(status="running", lease_until__lt=now).update(
            status="queued", lease_until=None, worker=None, available_at=now, updated_at=now)
        if n:
            log.warning("re-queued %d job(s) whose lease expired", n)
        return n

    async def _loop(self, slot: int) -> None:
        assert self.svc.queue is not None
        while not self._stopping.is_set():
            try:
                job_id = await self.svc.queue.pop("parse", timeout=self.poll_s)
                if job_id is None:
                    job_id = await self._next_queued()
                if job_id is None or self._stopping.is_set():
                    continue
                if await self.claim(job_id):
                    task = asyncio.create_task(self.run(job_id))
                    self._running[job_id] = task
                    try:
                        await asyncio.shield(task)
                    finally:
                        self._running.pop(job_id, None)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("worker loop error")
                await asyncio.sleep(self.poll_s)

    async def _next_queued(self) -> str | None:
        row = await Job.filter(status="queued", kind="parse", available_at__lte=utcnow()) \
            .order_by("-priority", "created_at").first().values("id")
        return str(row["id"]) if row else None

    # ------------------------------------------------------------------ one job
    async def claim(self, job_id: str) -> bool:
        now = utcnow()
        n = await Job.filter(id=job_id, status="queued", available_at__lte=now).update(
            status="running", attempts=F("attempts") + 1, worker=self.worker_id, started_at=now,
            lease_until=now + timedelta(seconds=self.lease_s), updated_at=now)
        return n == 1

    async def run(self, job_id: str) -> None:
        job = await Job.get(id=job_id).select_related("file")
        rid = str((job.payload or {}).get("request_id") or "")
        t0 = time.perf_counter()
        outcome, code = "error", None
        with structlog.contextvars.bound_contextvars(request_id=rid or None, job_id=job_id, job_kind=job.kind):
            try:
                outcome, code = await self._run(job, t0)
            finally:  # one line per job attempt, whatever happened (a cancel included)
                job_log.info("job", kind=job.kind, id=job_id, worker=self.worker_id, attempts=job.attempts,
                             duration_ms=round((time.perf_counter() - t0) * 1000, 1), outcome=outcome,
                             error_code=code)

    async def _run(self, job: Job, t0: float) -> tuple[str, str | None]:
        """Run one claimed job; returns (outcome, error code)."""
        job_id = str(job.id)
        try:
            result = await self._parse(job)
            metrics.PARSE_SECONDS.observe(time.perf_counter() - t0)
            cv_id, number = await self._commit(job, result)
        except asyncio.CancelledError:
            await self._requeue(job, uncount=True)
            raise
        except LeaseLost:
            log.warning("job %s: lease lost, result dropped", job_id)
            return "lease_lost", None
        except ConfigError as exc:
            # the operator's mistake, not the document's: the job waits (attempt not counted)
            log.error("job %s: configuration error, job kept queued: %s", job_id, exc.message)
            await self._requeue(job, uncount=True, delay_s=CONFIG_RETRY_S)
            return "requeued", exc.code
        except ParseError as exc:
            return await self._failed_or_retry(job, exc.code, exc.message,
                                               retry=exc.code in RETRYABLE_PARSE_CODES), exc.code
        except ServiceUnavailable as exc:  # the file store, say, is down: worth another try
            return await self._failed_or_retry(job, exc.code, exc.message, retry=True), exc.code
        except HtdyError as exc:
            return await self._failed_or_retry(job, exc.code, exc.message, retry=False), exc.code
        except Exception as exc:
            log.exception("job %s failed unexpectedly", job_id)
            return await self._failed_or_retry(job, "internal", f"internal error ({type(exc).__name__})",
                                               retry=True), "internal"
        metrics.JOB_OUTCOMES.labels("parse", "done").inc()
        _observe_latency(job, "done")
        await cvs.after_commit(self.svc, [cv_id], {cv_id: number})
        return "done", None

    async def _parse(self, job: Job) -> Any:
        assert self.svc.storage is not None
        if job.file is None:
            raise ParseError("the uploaded file is gone", code="missing_file")
        data = await self.svc.storage.get(job.file.storage_key)
        return await self.pool().parse(data, job.payload.get("filename"))

    async def _commit(self, job: Job, result: Any) -> tuple[str, int]:
        """The version (written by the CV service) and the job's ``done`` in one transaction,
        guarded by the compare-and-set on (status, worker)."""
        payload = job.payload or {}
        basics = result.resume.get("basics") or {} if isinstance(result.resume, dict) else {}
        async with in_transaction(self.svc.conn_name):
            cv_id, number = await cvs.add_parsed_version(
                job.user_id, result.resume, result.extras, cv_id=payload.get("cv_id"),
                title=payload.get("title") or basics.get("name") or payload.get("filename"),
                source_file_id=job.file_id)
            now = utcnow()
            done = await Job.filter(id=job.id, status="running", worker=self.worker_id).update(
                status="done", result={"cv_id": str(cv_id), "version": number}, lease_until=None,
                finished_at=now, updated_at=now, error_code=None, error_message=None)
            if done != 1:
                raise LeaseLost(str(job.id))
        return str(cv_id), number

    async def _failed_or_retry(self, job: Job, code: str, message: str, *, retry: bool) -> str:
        """Re-queue with back-off or fail the job; returns the outcome (``retry``, ``failed``,
        ``lease_lost`` when another worker holds it now)."""
        current = await Job.get(id=job.id)
        now = utcnow()
        if retry and current.attempts < self.settings.queue.max_attempts:
            delay = min(60.0, 2.0 ** current.attempts)
            n = await Job.filter(id=job.id, status="running", worker=self.worker_id).update(
                status="queued", worker=None, lease_until=None, available_at=now + timedelta(seconds=delay),
                error_code=code, error_message=message, updated_at=now)
            if not n:
                return "lease_lost"
            metrics.JOB_OUTCOMES.labels(job.kind, "retry").inc()
            metrics.JOB_FAILURES.labels(job.kind, code, "true").inc()
            log.info("job %s: attempt %d failed (%s); retrying in %.0fs", job.id, current.attempts, code, delay)
            return "retry"
        mine = Job.filter(id=job.id, status="running", worker=self.worker_id)
        if not await mine.exists():
            return "lease_lost"
        # the file goes before the job reads "failed": whoever sees the outcome sees it all
        await release_file(self.svc, job.file_id, except_job=job.id)
        n = await mine.update(status="failed", error_code=code, error_message=message, lease_until=None,
                              finished_at=now, updated_at=now)
        if not n:
            return "lease_lost"
        metrics.JOB_OUTCOMES.labels(job.kind, "failed").inc()
        metrics.JOB_FAILURES.labels(job.kind, code, "false").inc()
        _observe_latency(job, "failed")
        return "failed"

    async def _requeue(self, job: Job, *, uncount: bool, delay_s: float = 0.0) -> None:
        now = utcnow()
        with contextlib.suppress(Exception):
            await asyncio.shield(Job.filter(id=job.id, status="running", worker=self.worker_id).update(
                status="queued", worker=None, lease_until=None, available_at=now + timedelta(seconds=delay_s),
                updated_at=now,
                attempts=F("attempts") - (1 if uncount else 0)))


def _observe_latency(job: Job, outcome: str) -> None:
    """End-to-end latency of a finished job: from the upload that queued it to now."""
    if job.created_at is not None:
        metrics.JOB_LATENCY.labels(job.kind, outcome).observe(max(0.0, (utcnow() - job.created_at).total_seconds()))


async def release_file(svc: Services, file_id: Any, except_job: Any = None) -> bool:
    """Delete a stored file no CV version and no pending job (other than ``except_job``, the
    one failing) references: a failed parse must not leave the document behind. Returns
    True when it was removed."""
    if file_id is None:
        return False
    async with in_transaction(svc.conn_name):
        pending = Job.filter(file_id=file_id, status__in=("queued", "running"))
        if except_job is not None:
            pending = pending.exclude(id=except_job)
        if await CVVersion.filter(source_file_id=file_id).exists() or await pending.exists():
            return False
        file = await StoredFile.get_or_none(id=file_id)
        if file is None:
            return False
        await Job.filter(file_id=file_id).update(file_id=None)
        await file.delete()
    if svc.storage is not None:
        await svc.storage.delete(file.storage_key)
    return True
