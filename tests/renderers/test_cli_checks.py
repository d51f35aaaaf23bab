"""Issue 9 §4: ``htdy render`` checks its input and its output name; PNG output says when it
holds page 1 only; ``make run PORT=`` reaches ``htdy serve``."""
from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from htdy.core.commands.cli import cli

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "core" / "commands" / "render_sample.json"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    from htdy.core.commands.cli import _load_commands

    if "render" not in cli.commands:
        _load_commands()
    return CliRunner()


def test_render_validates_the_cv_like_the_api(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"basics": {"name": 42, "email": "not an email"}, "work": "nope"}))
    res = runner.invoke(cli, ["render", str(bad), "-f", "html", "-o", str(tmp_path / "out.html")])
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr.startswith(f"htdy: error: {bad}: ") and "work" in res.stderr
    assert not (tmp_path / "out.html").exists()


@pytest.mark.parametrize(("fmt", "name"), [("pdf", "cv.html"), ("html", "cv.pdf"), ("md", "cv.txt"),
                                           ("txt", "cv.markdown")])
def test_an_output_name_that_disagrees_with_format_is_an_error(runner: CliRunner, tmp_path: Path,
                                                                fmt: str, name: str) -> None:
    res = runner.invoke(cli, ["render", str(SAMPLE), "-f", fmt, "-o", str(tmp_path / name)])
    assert res.exit_code == 2 and f"--format {fmt} but the output name" in res.output
    assert not (tmp_path / name).exists()


def test_the_output_name_picks_the_format(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["render", str(SAMPLE), "-o", str(tmp_path / "cv.htm")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "cv.htm").read_text().lstrip().lower().startswith("<!doctype html>")
    res = runner.invoke(cli, ["render", str(SAMPLE), "-f", "md", "-o", str(tmp_path / "cv.out")])  # unknown: fine
    assert res.exit_code == 0 and (tmp_path / "cv.out").read_text().startswith("# ")


def test_png_says_it_holds_page_one_only(runner: CliRunner, tmp_path: Path) -> None:
    long = json.loads(SAMPLE.read_text())
    work = long.get("work") or []
    long["work"] = [copy.deepcopy(w) for _ in range(8) for w in work]  # several pages
    src = tmp_path / "long.json"
    src.write_text(json.dumps(long))
    res = runner.invoke(cli, ["render", str(src), "--engine", "typst", "-t", "classic", "-o", str(tmp_path / "cv.png")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "cv.png").read_bytes().startswith(b"\x89PNG")
    assert "page 1 only of" in res.stderr and "--format pdf" in res.stderr


def _make_run_dry(*args: str) -> str:
    """The command `make run ARGS` would start (a dry run; under `make test` too)."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    out = subprocess.run(["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "run", *args], cwd=REPO,
                         env=env, capture_output=True, text=True, check=True).stdout
    return next(line for line in out.splitlines() if "htdy serve" in line).strip()


def test_make_run_passes_port_through() -> None:
    assert _make_run_dry("PORT=9123").endswith("htdy serve --port 9123")
    assert _make_run_dry().endswith("htdy serve")


def test_an_engine_the_template_lacks_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    from htdy.core.host.plugins import build_registries, get_plugin_manager

    regs = build_registries(get_plugin_manager(load_entrypoints=False), slots=("templates",))
    no_typst = next(tid for tid, t in regs.templates.items() if "typst" not in t.engines and "pdf" in t.engines)
    res = runner.invoke(cli, ["render", str(SAMPLE), "-t", no_typst, "--engine", "typst", "-o", str(tmp_path / "cv.pdf")])
    assert res.exit_code == 2 and f"template {no_typst} cannot be rendered as 'pdf' with the 'typst' engine" in res.stderr
    assert not (tmp_path / "cv.pdf").exists()
    ok = runner.invoke(cli, ["render", str(SAMPLE), "-t", no_typst, "--engine", "pdf", "-o", str(tmp_path / "cv.pdf")])
    assert ok.exit_code == 0 and (tmp_path / "cv.pdf").read_bytes().startswith(b"%PDF")
