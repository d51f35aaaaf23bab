"""Built-in plugin adding ``htdy perf`` (benchmarks) to the CLI.

Each benchmark lives in its own module exposing a click ``command``; they end with
their figures as ``NAME=value`` lines so runs can be compared."""
from __future__ import annotations

import importlib

import click

from htdy import hookimpl

BENCHMARKS = ("parse_bench", "render_bench", "api_bench")


@click.group("perf")
def perf() -> None:
    """Benchmarks against the performance targets (figures end as NAME=value lines)."""


@hookimpl
def htdy_register_commands(cli: click.Group) -> None:
    for name in BENCHMARKS:
        try:
            mod = importlib.import_module(f"htdy.perf.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"htdy.perf.{name}":
                continue
            raise
        perf.add_command(mod.command)
    cli.add_command(perf)
