"""Several worker processes behind one ``htdy serve`` (``[server] workers``).

``supervisor``: binds the listening socket once, forks the workers (each runs the whole app
on that socket; the kernel hands each connection to one of them), restarts a worker that
dies, and stops them all on SIGTERM/SIGINT. ``siblings``: the cache-invalidation channel
between the workers of one server, so a change made through one worker is seen by the
next request whichever worker takes it.

A worker learns its place from ``HTDY_WORKER`` (``index/count/group``, set by the
supervisor; unset in a one-process server).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

WORKER_ENV = "HTDY_WORKER"  # (no "__": not a settings override)


@dataclass(frozen=True)
class WorkerPlace:
    index: int   # 0 … count-1
    count: int   # workers of this server
    group: int   # the supervisor's process id: names the sibling channel


def current() -> WorkerPlace | None:
    """This process's place among the workers of a multi-process server, or None."""
    raw = os.environ.get(WORKER_ENV, "")
    try:
        index, count, group = (int(x) for x in raw.split("/"))
    except ValueError:
        return None
    return WorkerPlace(index, count, group) if count > 1 and 0 <= index < count else None


def cpu_count() -> int:
    """The cores this process may run on (its affinity; ``os.cpu_count`` elsewhere)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
