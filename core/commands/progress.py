"""Progress bars of long CLI commands: one rich bar per phase on stderr when it is a terminal,
nothing otherwise (``PhaseBar(labels)`` is the ``progress(phase, done, total)`` callback the
services take)."""
from __future__ import annotations

from typing import Any


class PhaseBar:
    def __init__(self, labels: dict[str, str], *, enabled: bool = True, transient: bool = False) -> None:
        from rich.console import Console

        console = Console(stderr=True)
        self.labels = labels
        self._p: Any = None
        self._tasks: dict[str, Any] = {}
        if enabled and console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            width = max(map(len, labels.values()), default=0)
            self._p = Progress(TextColumn(f"{{task.description:<{width}}}"), BarColumn(), MofNCompleteColumn(),
                               TimeElapsedColumn(), console=console, transient=transient)

    def __enter__(self) -> PhaseBar:
        if self._p is not None:
            self._p.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._p is not None:
            self._p.stop()

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if self._p is None:
            return
        if phase not in self._tasks:
            self._tasks[phase] = self._p.add_task(self.labels.get(phase, phase), total=total)
        self._p.update(self._tasks[phase], completed=done, total=total)
