"""``htdy render``: list, render every format to a file, the ATS report, the gallery."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from htdy.core.commands.cli import cli

SAMPLE = Path(__file__).resolve().parents[2] / "core" / "commands" / "render_sample.json"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    from htdy.core.commands.cli import _load_commands

    if "render" not in cli.commands:
        _load_commands()
    return CliRunner()


def test_list_json(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["render", "--list", "--json"])
    assert res.exit_code == 0, res.output
    rows = {r["id"]: r for r in json.loads(res.output)}
    assert {"classic", "modern", "compact", "academic", "bold"} <= set(rows)
    assert "typst" in rows["classic"]["engines"] and rows["classic"]["owner"] == "htdy.renderers.builtin"
    assert rows["modern"]["options"]["page_size"]["choices"] == ["a4", "letter"]
    plain = runner.invoke(cli, ["render", "--list"])
    assert plain.exit_code == 0 and "classic" in plain.output


@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>"), ("md", b"# "),
                                       ("txt", "Amélie".encode())])
def test_render_formats(runner: CliRunner, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"cv.{fmt}"
    res = runner.invoke(cli, ["render", str(SAMPLE), "--template", "modern", "--option", "accent=#334455",
                              "--option", "page_size=letter", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(magic)


def test_render_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(cli, ["render", str(SAMPLE), "-t", "nope", "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2 and "unknown template" in res.output
    res = runner.invoke(cli, ["render", str(SAMPLE), "-O", "accent=blue", "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2 and "accent" in res.output
    res = runner.invoke(cli, ["render", str(SAMPLE), "-O", "novalue", "-f", "txt"])
    assert res.exit_code == 2


def test_ats_check_cli(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["render", str(SAMPLE), "--template", "classic", "--ats-check", "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["template"] == "classic" and report["pages"] >= 1
    assert report["text_recall"] == 1.0
    assert report["sections"]["work"]["lost"] == [] and report["sections"]["basics"]["found"] >= 4
    human = runner.invoke(cli, ["render", str(SAMPLE), "--ats-check"])
    assert human.exit_code == 0 and "text recall" in human.output


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) not installed")
def test_gallery_pdfs_and_thumbnails(runner: CliRunner, tmp_path_factory: Any) -> None:
    out = tmp_path_factory.mktemp("gallery")  # screenshots stay in pytest's tmp dir, not committed
    res = runner.invoke(cli, ["render", "--gallery", "-o", str(out)])
    assert res.exit_code == 0, res.output
    entries = json.loads((out / "gallery.json").read_text())
    ids = {e["template"] for e in entries}
    assert {"classic", "modern", "compact", "academic", "bold"} <= ids
    assert {e["template"] for e in entries if e["engine"] == "typst"} >= {"classic", "compact"}
    for e in entries:
        png = out / e["png"]
        assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
        assert (out / e["pdf"]).read_bytes().startswith(b"%PDF")
    assert "<img" in (out / "index.html").read_text()


def test_render_with_a_design_file(runner: CliRunner, tmp_path: Path) -> None:
    """``--design``: a CV's saved design (the API's JSON) applied to a file; the command
    line's --template / --option win; a bad design fails naming the file and the option."""
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps({"basics": {"name": "Ada"}, "skills": [{"name": "Maths"}],
                              "work": [{"name": "Kept Co", "position": "Analyst"}, {"name": "Hidden Co", "position": "Clerk"}]}))
    design = tmp_path / "design.json"
    design.write_text(json.dumps({"template": "modern", "options": {"accent": "#123456", "hide": ["skills"]},
                                  "hidden_items": ["work.1"]}))
    res = runner.invoke(cli, ["render", str(cv), "--design", str(design), "-f", "html", "-o", str(tmp_path / "a.html")])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "a.html").read_text()
    assert "#123456" in html and "Kept Co" in html and "Hidden Co" not in html and "Maths" not in html
    assert 'class="side' in html or "62mm" in html  # modern's sidebar layout
    res = runner.invoke(cli, ["render", str(cv), "--design", str(design), "-O", "accent=#654321", "-t", "classic",
                              "-o", str(tmp_path / "b.html")])
    html = (tmp_path / "b.html").read_text()
    assert res.exit_code == 0 and "#654321" in html and "Hidden Co" not in html
    design.write_text(json.dumps({"options": {"font_size": "huge"}}))
    res = runner.invoke(cli, ["render", str(cv), "--design", str(design), "-o", str(tmp_path / "c.pdf")])
    assert res.exit_code == 2 and "design.json" in res.output and "font_size" in res.output
