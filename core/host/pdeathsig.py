"""Pool workers die with the server that started them.

``kill -9`` of ``htdy serve`` gives it no chance to stop its parse and render pools; without
this their workers (~65 MB each) lived on, orphaned. A worker watches the server's process
through a pidfd (Linux ≥ 5.3) and exits the moment it ends; where the server is the worker's
direct parent the kernel is asked for SIGKILL as well (``PR_SET_PDEATHSIG``). Watching the
server rather than the parent matters for the render pool: its workers are children of
multiprocessing's forkserver, which itself only exits once no worker holds its pipe."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1


def parent_death_signal(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent exits (Linux)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def die_with(server_pid: int) -> bool:
    """End this process when ``server_pid`` exits; True when a watch is in place."""
    if not sys.platform.startswith("linux"):
        return False
    if os.getppid() == server_pid:
        parent_death_signal()
    try:
        pidfd = os.pidfd_open(server_pid)
    except (AttributeError, OSError):   # gone already, or a kernel without pidfds
        if not _alive(server_pid):
            os._exit(1)
        return False

    def watch() -> None:
        select.select([pidfd], [], [])  # readable once the process has exited
        os._exit(1)

    threading.Thread(target=watch, name="htdy-die-with-server", daemon=True).start()
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
