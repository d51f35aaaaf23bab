"""The pre-fork supervisor of a multi-process ``htdy serve``.

One listening socket, bound here before any worker exists (so ``--port 0`` and a busy port
behave as in one process), inherited by ``count`` forked workers (and kept open here for
the workers started again later; the supervisor itself accepts nothing). Each worker runs the whole
app (``run_one(sock)``) and accepts from the shared socket. The supervisor

* forwards SIGTERM/SIGINT to every worker, waits for their graceful shutdown
  (``[server] shutdown_timeout_s`` + a margin) and kills what is left;
* restarts a worker that dies, unless it failed to start (exit code 2: a configuration or
  start-up error, which every worker would meet) or keeps dying (5 times within a minute):
  then it stops the others and exits with that code;
* makes the kernel kill a worker whose supervisor was killed (``PR_SET_PDEATHSIG``), so
  ``kill -9`` of ``htdy serve`` ends everything, as it does a one-process server (whose pool
  workers follow it the same way, core/host/pdeathsig.py).

Forking before anything starts (no event loop, thread or connection exists yet in the
supervisor) is what makes the fork safe.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable

from htdy.core.host.errors import HtdyError
from htdy.core.http.workers import WORKER_ENV

log = logging.getLogger("htdy.supervisor")
START_FAILED = 2          # a worker's exit code for a start-up or configuration error
RESTART_LIMIT = (5, 60.0)  # more deaths than this within that many seconds: give up
KILL_MARGIN_S = 10.0


def bind(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """The listening socket every worker accepts from."""
    infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise HtdyError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", code="bind_failed") from None
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


class Supervisor:
    def __init__(self, count: int, run_one: Callable[[socket.socket], None], sock: socket.socket, *,
                 shutdown_timeout_s: float) -> None:
        self.count, self.run_one, self.sock = count, run_one, sock
        self.shutdown_timeout_s = shutdown_timeout_s
        self.children: dict[int, int] = {}          # pid → worker index
        self.deaths: deque[float] = deque(maxlen=RESTART_LIMIT[0])
        self.stopping = False
        self.exit_code = 0

    # ------------------------------------------------------------------ workers
    def spawn(self, index: int) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            os._exit(self._worker(index))
        self.children[pid] = index

    def _worker(self, index: int) -> int:
        code = 1
        try:
            from htdy.core.host.pdeathsig import parent_death_signal

            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
                signal.signal(sig, signal.SIG_DFL)  # the app installs its own
            parent_death_signal(signal.SIGKILL)      # the supervisor killed (kill -9): as one process would
            if os.getppid() == 1:
                return 1
            os.environ[WORKER_ENV] = f"{index}/{self.count}/{os.getppid()}"
            import structlog

            structlog.contextvars.bind_contextvars(worker=index)  # every log line says which worker
            self.run_one(self.sock)
            code = 0
        except HtdyError as exc:
            for line in exc.message.splitlines() or [""]:
                print(f"htdy: error: {line}", file=sys.stderr)
            code = START_FAILED
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except KeyboardInterrupt:
            code = 0
        except BaseException:  # noqa: BLE001 - a worker reports and exits, never returns into the supervisor
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return code

    def once(self, fn: Callable[[], None]) -> int:
        """Run ``fn`` in a forked process before the workers start (migrations); its exit code."""
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                fn()
                code = 0
            except HtdyError as exc:
                print(f"htdy: error: {exc.message}", file=sys.stderr)
                code = START_FAILED
            except BaseException:  # noqa: BLE001
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

    # ------------------------------------------------------------------ supervision
    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            for i in range(self.count):
                self.spawn(i)
            self._watch()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self.exit_code

    def _on_signal(self, signum: int, frame: object) -> None:
        if not self.stopping:
            log.info("stopping %d worker(s) (%s)", len(self.children), signal.Signals(signum).name)
        self.stop()

    def stop(self, code: int | None = None) -> None:
        if code is not None and not self.exit_code:
            self.exit_code = code
        if not self.stopping:
            self.stopping = True
            self.deadline = time.monotonic() + self.shutdown_timeout_s + KILL_MARGIN_S
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def _watch(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                if self.stopping and time.monotonic() > self.deadline:
                    for child in list(self.children):
                        log.warning("worker %d (pid %d) did not stop in time: killed", self.children[child], child)
                        try:
                            os.kill(child, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    self.deadline = float("inf")
                time.sleep(0.1)
                continue
            index = self.children.pop(pid, None)
            if index is None:
                continue  # not a worker (cannot happen: the workers are the only children)
            self._exited(pid, index, os.waitstatus_to_exitcode(status))

    def _exited(self, pid: int, index: int, code: int) -> None:
        if self.stopping:
            return
        if code == START_FAILED:
            log.error("worker %d could not start: stopping", index)
            self.stop(START_FAILED)
            return
        now = time.monotonic()
        self.deaths.append(now)
        if len(self.deaths) == self.deaths.maxlen and now - self.deaths[0] < RESTART_LIMIT[1]:
            log.error("workers keep dying (%d within %.0f s): stopping", len(self.deaths), RESTART_LIMIT[1])
            self.stop(1)
            return
        log.warning("worker %d (pid %d) exited with code %d: starting it again", index, pid, code)
        self.spawn(index)
