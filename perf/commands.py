"""Plugin adding ``htdy perf`` (benchmarks) to the CLI. Shipped in the htdy distribution but
not built in: it registers through the ``htdy`` entry-point group (pyproject.toml), exactly as
a third-party plugin does, so the core names it nowhere.

Each benchmark lives in its own module exposing a click ``command``, imported only when
that benchmark runs (or ``htdy perf --help`` lists them); they end with their figures as
``NAME=value`` lines so runs can be compared."""
from __future__ import annotations

import click

from htdy import hookimpl
from htdy.core.commands.cli import LazyGroup

BENCHMARKS = {
    "parse": "htdy.perf.parse_bench:command",
    "render": "htdy.perf.render_bench:command",
    "api": "htdy.perf.api_bench:command",
    "restore": "htdy.perf.restore_bench:command",
    "match": "htdy.perf.match_bench:command",
    "run": "htdy.perf.harness.cli:run",
    "report": "htdy.perf.harness.cli:report_cmd",
}


@click.group("perf", cls=LazyGroup, lazy_subcommands=BENCHMARKS)
def perf() -> None:
    """Benchmarks against the performance targets (figures end as NAME=value lines)."""


@hookimpl
def htdy_register_commands(cli: click.Group) -> None:
    cli.add_command(perf)
