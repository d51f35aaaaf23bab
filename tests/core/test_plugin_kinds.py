"""A parser plugin teaches the sniffer a new document kind (``Parser.sniff``): a Markdown parser
is a new parser beside the text parser, not a replacement of it."""
from __future__ import annotations

import pytest

from htdy import hookimpl
from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError, ParseError
from htdy.core.host.interfaces import Parser, ParseResult
from htdy.core.host.plugin_checks import check_config
from htdy.core.host.plugins import build_registries, get_plugin_manager
from htdy.core.services.parsing.pipeline import parse_document


class MarkdownParser(Parser):
    name = "md"
    kinds = ("markdown",)

    @classmethod
    def sniff(cls, data, *, filename=None):
        text = data[:4096].decode("utf-8", "replace")
        return "markdown" if any(line.startswith("# ") for line in text.splitlines()) else None

    def parse(self, data, *, filename=None):
        title = next(ln[2:] for ln in data.decode().splitlines() if ln.startswith("# "))
        return ParseResult(resume={"basics": {"name": title.strip()}})


class BrokenSniffer(MarkdownParser):
    name = "broken_md"

    @classmethod
    def sniff(cls, data, *, filename=None):
        raise RuntimeError("sniffer bug")


class NoSniff(Parser):
    name = "odt_guess"
    kinds = ("odt",)

    def parse(self, data, *, filename=None):
        return ParseResult(resume={})


class Kinds:
    @hookimpl
    def htdy_register_parsers(self):
        return [MarkdownParser, BrokenSniffer, NoSniff]


MAPPED = {"pdf": "pdf", "docx": "docx", "text": "text", "markdown": "md"}


@pytest.fixture(scope="module")
def env():
    pm = get_plugin_manager([Kinds()], load_entrypoints=False)
    return pm, build_registries(pm)


def test_a_new_kind_goes_to_its_parser_and_text_stays_with_the_text_parser(env):
    pm, regs = env
    settings = settings_from_dict({"parsing": {"parsers": MAPPED}}, "htdy.toml", environ={})
    check_config(regs, settings)
    md = parse_document(b"# Ada Lovelace\n\nAnalyst.\n", "cv.md", settings, regs, pm)
    assert md.extras["kind"] == "markdown" and md.extras["parser"] == "md"
    assert md.resume["basics"]["name"] == "Ada Lovelace"
    txt = parse_document(b"Ada Lovelace\nada@example.org\n", "cv.txt", settings, regs, pm)
    assert txt.extras["kind"] == "text" and txt.extras["parser"] == "text"
    assert txt.resume["basics"]["email"] == "ada@example.org"


def test_without_the_mapping_the_kind_is_not_sniffed(env):
    pm, regs = env
    settings = settings_from_dict({}, "htdy.toml", environ={})
    r = parse_document(b"# Ada Lovelace\n", "cv.md", settings, regs, pm)
    assert r.extras["kind"] == "text"


def test_a_sniffer_that_raises_is_skipped(env):
    pm, regs = env
    settings = settings_from_dict({"parsing": {"parsers": {**MAPPED, "markdown": "broken_md"}}}, environ={})
    r = parse_document(b"# Ada Lovelace\n", "cv.md", settings, regs, pm)
    assert r.extras["kind"] == "text"
    with pytest.raises(ParseError) as exc:
        parse_document(b"  \n", "cv.md", settings, regs, pm)
    assert exc.value.code == "empty"


def test_a_kind_nobody_recognises_fails_at_start_up(env):
    _pm, regs = env
    settings = settings_from_dict({"parsing": {"parsers": {**MAPPED, "odt": "odt_guess", "rtf": "text"}}},
                                  "htdy.toml", environ={})
    with pytest.raises(ConfigError) as exc:
        check_config(regs, settings)
    assert exc.value.message.splitlines() == [
        "htdy.toml: parsing.parsers.odt: unknown document kind 'odt'; parser 'odt_guess' declares it but does "
        "not recognise it (no Parser.sniff) (a parser plugin can teach it more: docs/plugins.md)",
        "htdy.toml: parsing.parsers.rtf: unknown document kind 'rtf'; the sniffer knows: docx, markdown, pdf, "
        "text (a parser plugin can teach it more: docs/plugins.md)"]


def test_uploads_sniff_the_new_kind_on_the_api_node(env, tmp_path):
    from htdy.core.host.testing import make_settings
    from htdy.core.http import appkeys
    from htdy.core.http.app import create_app
    from htdy.core.services.uploads import sniff

    app = create_app(make_settings(tmp_path, parsing={"parsers": MAPPED}), plugins=[Kinds()])
    svc = app[appkeys.services]
    assert sniff(b"# Ada\n", svc, "cv.md") == "markdown"
    assert sniff(b"Ada\n", svc, "cv.txt") == "text"
