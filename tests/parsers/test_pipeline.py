"""parse_document (hook, schema validation), the parser pool (timeouts kill the
worker), the CLI, and the JSON Resume schema helpers."""
from __future__ import annotations

import hashlib
import json
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from htdy import hookimpl
from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ParseError
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.schema import prune_invalid, validate_resume
from htdy.core.services.parsing.pipeline import ParserPool, parse_document


class SkillTaxonomy:
    """A tiny integrator plugin: maps skill keywords to canonical names."""

    CANON = {"postgresql": "PostgreSQL (database)"}

    @hookimpl
    def htdy_cv_parsed(self, resume, extras, filename):
        for group in resume.get("skills", []):
            group["keywords"] = [self.CANON.get(k.lower(), k) for k in group.get("keywords", [])]
        extras.setdefault("taxonomy", "demo-1")
        extras["seen_filename"] = filename


class BreaksSchema:
    @hookimpl
    def htdy_cv_parsed(self, resume, extras, filename):
        resume["basics"]["email"] = 42  # not a string: must be dropped, not fail


def test_cv_parsed_hook_post_processes(docs):
    pm = get_plugin_manager(extra=[SkillTaxonomy()], load_entrypoints=False)
    settings = settings_from_dict({}, environ={})
    r = parse_document(docs["en.docx"], "maria.docx", settings, build_registries(pm), pm)
    keywords = [k for s in r.resume["skills"] for k in s.get("keywords", [])]
    assert "PostgreSQL (database)" in keywords and "PostgreSQL" not in keywords
    assert r.extras["taxonomy"] == "demo-1" and r.extras["seen_filename"] == "maria.docx"


def test_invalid_bits_are_dropped_with_a_warning(docs):
    pm = get_plugin_manager(extra=[BreaksSchema()], load_entrypoints=False)
    settings = settings_from_dict({}, environ={})
    r = parse_document(docs["en.docx"], "x.docx", settings, build_registries(pm), pm)
    assert "email" not in r.resume["basics"]
    assert any("basics.email" in w for w in r.extras["warnings"])
    assert validate_resume(r.resume) == []


def test_schema_is_the_pinned_official_one():
    path = Path(__file__).resolve().parents[2] / "core" / "schema" / "jsonresume.schema.json"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == \
        "a07eedd3d86ac5bb61d72e136d788269e35baf42c35391e15d0be39b3dc5a4bd"
    assert validate_resume({"basics": {"name": "A"}, "work": [{"startDate": "2020-01"}]}) == []
    errs = validate_resume({"work": [{"startDate": "January"}]})
    assert errs and errs[0].startswith("work[0].startDate")
    fixed, warnings = prune_invalid({"basics": {"name": "A", "email": 3}})
    assert fixed == {"basics": {"name": "A"}} and warnings


SLOW_PLUGIN = textwrap.dedent('''
    import time
    from htdy import hookimpl
    from htdy.core.host.interfaces import Parser, ParseResult

    class SlowParser(Parser):
        name = "slow"
        kinds = ("text",)

        def parse(self, data, *, filename=None):
            if data.startswith(b"hang"):
                time.sleep(60)
            return ParseResult(resume={"basics": {"name": data.decode().strip()}})

    @hookimpl
    def htdy_register_parsers():
        return [SlowParser]
''')


@pytest.fixture()
def slow_plugin(tmp_path, monkeypatch):
    (tmp_path / "htdy_test_slowparser.py").write_text(SLOW_PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    yield "htdy_test_slowparser"
    sys.modules.pop("htdy_test_slowparser", None)


async def test_pool_timeout_kills_and_replaces_worker(slow_plugin):
    settings = settings_from_dict({"parsing": {"parsers": {"text": "slow", "pdf": "pdf", "docx": "docx"},
                                               "workers": 1, "timeout_s": 1.0}}, environ={})
    pool = ParserPool(settings, extra_plugins=[slow_plugin])
    try:
        ok = await pool.parse(b"Jane Doe", "a.txt")
        assert ok.resume["basics"]["name"] == "Jane Doe"
        with pytest.raises(ParseError) as exc:
            await pool.parse(b"hang forever", "b.txt")
        assert exc.value.code == "timeout"
        again = await pool.parse(b"John Roe", "c.txt")  # the replacement worker serves
        assert again.resume["basics"]["name"] == "John Roe"
        with pytest.raises(ParseError) as exc:
            await pool.parse(b"", "empty.txt")
        assert exc.value.code == "empty"
    finally:
        pool.close()


async def test_pool_parses_real_documents(docs, tmp_path):
    # in a fresh interpreter: workers forked from the test process would count the memory every
    # earlier test left in it (fonts, browsers) as their own
    import subprocess
    import sys
    (tmp_path / "a.pdf").write_bytes(docs["en_single.pdf"])
    (tmp_path / "b.docx").write_bytes(docs["de.docx"])
    script = f"""
import asyncio, json
from htdy.core.host.config import settings_from_dict
from htdy.core.services.parsing.pipeline import ParserPool
async def main():
    with ParserPool(settings_from_dict({{"parsing": {{"workers": 2}}}}, environ={{}})) as pool:
        rs = await asyncio.gather(pool.parse(open({str(tmp_path / "a.pdf")!r}, "rb").read(), "a.pdf"),
                                  pool.parse(open({str(tmp_path / "b.docx")!r}, "rb").read(), "b.docx"))
        print(json.dumps([[r.resume["basics"]["name"] for r in rs], pool.peak_rss_mb()]))
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=240)
    names, rss = __import__("json").loads(out.stdout.strip().splitlines()[-1])
    assert names == ["Maria Kowalczyk-Stone", "Jonas Müller"]
    assert rss and all(r < 300 for r in rss)


def test_worker_peak_is_its_own_not_its_parents():
    """``ParserPool.peak_rss_mb`` reads the worker's own peak (VmHWM). ``ru_maxrss`` of a process
    started by fork+exec carries the parent's peak across the exec: a child of a parent that
    once held 250 MB would report 250 MB while it never used more than ~40."""
    import subprocess
    import sys
    child = "from htdy.core.services.parsing.pipeline import _peak_rss_mb; print(_peak_rss_mb())"
    parent = ("import subprocess, sys\n"
              "block = b'x' * (250 << 20); del block  # the parent's peak: 250 MB, freed again\n"
              f"subprocess.run([sys.executable, '-c', {child!r}], check=True)\n")
    out = subprocess.run([sys.executable, "-c", parent], capture_output=True, text=True, check=True, timeout=120)
    peak = float(out.stdout.strip().splitlines()[-1])
    assert 5 < peak < 150, peak


@pytest.fixture()
def cli_files(tmp_path, docs):
    paths = {}
    for name in ("en_single.pdf", "de.docx"):
        p = tmp_path / name
        p.write_bytes(docs[name])
        paths[name] = str(p)
    bad = tmp_path / "photo.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    paths["bad"] = str(bad)
    return paths


def _cli():
    from htdy.core.commands.cli import _load_commands, cli
    _load_commands()
    return cli


def test_cli_single_file_prints_the_resume(cli_files, monkeypatch):
    monkeypatch.setenv("HTDY_DISABLE_ENTRYPOINTS", "1")
    res = CliRunner().invoke(_cli(), ["parse", "--json", cli_files["en_single.pdf"]])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["basics"]["name"] == "Maria Kowalczyk-Stone" and "\n" not in res.output.strip()
    res = CliRunner().invoke(_cli(), ["parse", "--extras", "--backend", "pdfminer", cli_files["en_single.pdf"]])
    doc = json.loads(res.output)
    assert set(doc) == {"resume", "extras"} and doc["extras"]["backend"] == "pdfminer"


def test_cli_error_is_json_and_nonzero(cli_files, monkeypatch):
    monkeypatch.setenv("HTDY_DISABLE_ENTRYPOINTS", "1")
    res = CliRunner().invoke(_cli(), ["parse", "--json", cli_files["bad"]])
    assert res.exit_code == 1 and res.stdout == ""  # the error goes to stderr
    assert json.loads(res.stderr)["error"]["code"] == "unsupported_type"


def test_cli_many_files_json_lines(cli_files, monkeypatch):
    monkeypatch.setenv("HTDY_DISABLE_ENTRYPOINTS", "1")
    files = [cli_files["en_single.pdf"], cli_files["de.docx"], cli_files["bad"]]
    res = CliRunner().invoke(_cli(), ["parse", "--jobs", "2", *files])
    assert res.exit_code == 1
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["file"] for r in rows] == files
    assert res.stderr.strip() == f"htdy: error: {files[2]}: " + rows[2]["error"]["message"] + " (unsupported_type)"
    assert rows[0]["resume"]["basics"]["name"] == "Maria Kowalczyk-Stone"
    assert rows[2]["error"]["code"] == "unsupported_type"
