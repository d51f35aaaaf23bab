"""Configuration mistakes fail at start-up (``check_config``: ``htdy check``, ``create_app``,
``htdy parse``) naming the file, the key and what is expected or known — each message below is
the exact text an operator sees after ``htdy: error:``."""
from __future__ import annotations

import pytest

from htdy.core.host.config import settings_from_dict
from htdy.core.host.errors import ConfigError, ServiceUnavailable
from htdy.core.host.plugin_checks import check_config, plugin_options
from htdy.core.host.plugins import build_registries, get_plugin_manager

SRC = "htdy.toml"
SECRET = "kq3VbZ0-p9yN4tWm7Lr2XcA8sD5fG1hJ6uE"  # a split node needs a real one
SLOTS = "cache_tiers, mailers, matchers, parsers, queue_backends, renderers, search_backends, storage_backends, templates"


@pytest.fixture(scope="module")
def regs():
    return build_registries(get_plugin_manager(load_entrypoints=False))


def settings(data: dict) -> object:
    return settings_from_dict(data, SRC, environ={})


def problems(regs, data: dict) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        check_config(regs, settings(data))
    return exc.value.message.splitlines()


# ------------------------------------------------------------------ the old form
def test_old_form_names_both_slots_of_a_shared_name():
    with pytest.raises(ConfigError) as exc:
        settings({"plugins": {"pdf": {"backend": "pdfminer"}}})
    assert exc.value.message == (
        "htdy.toml: [plugins.pdf]: plugin options are keyed by slot now; move this table to "
        "[plugins.parsers.pdf] or [plugins.renderers.pdf] ('pdf' is registered in 2 slots; each reads only "
        'its own table) (docs/plugins.md, "Plugin options")')


def test_old_form_of_a_single_slot_and_of_an_unknown_name():
    with pytest.raises(ConfigError) as exc:
        settings({"plugins": {"local": {"root": "x"}, "nosuch": {"x": 1}}})
    assert exc.value.message.splitlines() == [
        'htdy.toml: [plugins.local]: plugin options are keyed by slot now; move this table to '
        '[plugins.storage_backends.local] (docs/plugins.md, "Plugin options")',
        f"htdy.toml: [plugins.nosuch]: plugin options are keyed by slot now: [plugins.<slot>.nosuch], <slot> "
        f"being one of {SLOTS}; no installed plugin registers 'nosuch' (docs/plugins.md, \"Plugin options\")"]


def test_old_form_through_the_environment_fails_too():
    with pytest.raises(ConfigError, match=r"\[plugins.redis\]: .*\[plugins.cache_tiers.redis\] or "
                                          r"\[plugins.queue_backends.redis\]"):
        settings_from_dict({}, SRC, environ={"HTDY_PLUGINS__REDIS__URL": "redis://x"})


def test_misspelled_slot_and_a_value_that_is_not_a_table():
    with pytest.raises(ConfigError) as exc:
        settings({"plugins": {"parser": {"pdf": {"backend": "pdfminer"}}, "renderers": {"pdf": 3}}})
    assert exc.value.message.splitlines() == [
        f"htdy.toml: [plugins.parser]: unknown plugin slot 'parser' (did you mean [plugins.parsers.*]?); "
        f"known slots: {SLOTS}",
        "htdy.toml: [plugins.renderers] pdf: expected a table of options, [plugins.renderers.pdf]"]


# ------------------------------------------------------------------ tables and options
def test_a_table_for_a_plugin_nobody_registered(regs):
    assert problems(regs, {"plugins": {"parsers": {"pfd": {"backend": "pdfminer"}}}}) == [
        "htdy.toml: [plugins.parsers.pfd]: no parser 'pfd' is registered; known: docx, ocr_pdf, pdf, text — "
        "is the plugin installed?"]


def test_option_typos_name_the_key_and_what_is_known(regs):
    assert problems(regs, {"plugins": {"parsers": {"pdf": {"backend": "pdfmnier", "max_page": 3}}}}) == [
        "htdy.toml: [plugins.parsers.pdf] backend: Input should be 'pdfium' or 'pdfminer' (got 'pdfmnier'); "
        "max_page: unknown option; known: backend, extractor, max_pages, max_mb"]


def test_every_table_is_validated_not_only_the_selected_ones(regs):
    # ocr_pdf is not selected, its table is still checked; so is a renderer's and a cache tier's
    assert problems(regs, {"plugins": {"parsers": {"ocr_pdf": {"langs": ["eng"]}},
                                       "renderers": {"pdf": {"backend": "pdfium"}},
                                       "cache_tiers": {"redis": {"urls": "redis://x"}}}}) == [
        "htdy.toml: [plugins.cache_tiers.redis] urls: unknown option; known: url, prefix, socket_timeout_s, "
        "socket_connect_timeout_s, max_connections, channel, heartbeat_s",
        "htdy.toml: [plugins.parsers.ocr_pdf] langs: unknown option; known: backend, extractor, max_pages, "
        "max_mb, ocr, languages, dpi, page_timeout_s, threads, max_megapixels, tesseract",
        "htdy.toml: [plugins.renderers.pdf] backend: unknown option; known: max_pages"]


def test_templates_take_no_options(regs):
    assert problems(regs, {"plugins": {"templates": {"classic": {"accent": "#000"}}}}) == [
        "htdy.toml: [plugins.templates.classic]: templates take no options"]


def test_parser_and_renderer_named_pdf_read_their_own_tables(regs):
    s = settings({"plugins": {"parsers": {"pdf": {"backend": "pdfminer", "max_mb": 5, "max_pages": 50}}},
                  "rendering": {"max_pages": 7}})
    check_config(regs, s)
    parser_opts = plugin_options(s, regs.parsers, "pdf")
    renderer_opts = plugin_options(s, regs.renderers, "pdf")
    assert (parser_opts.backend, parser_opts.max_pages) == ("pdfminer", 50)
    assert renderer_opts.max_pages == 7  # [rendering] max_pages; the parser's 50 no longer leaks in
    s2 = settings({"plugins": {"renderers": {"pdf": {"max_pages": 3}}}})
    assert plugin_options(s2, regs.renderers, "pdf").max_pages == 3
    assert plugin_options(s2, regs.parsers, "pdf").max_pages == s2.parsing.max_pages


def test_the_render_service_builds_renderers_from_their_own_table(regs):
    from htdy.core.services.rendering.service import RenderService

    s = settings({"plugins": {"parsers": {"pdf": {"backend": "pdfminer", "max_pages": 50}},
                              "renderers": {"typst": {"ppi": 144}}}})
    svc = RenderService(s, mode="inprocess")
    assert svc._local_renderer("pdf").options.max_pages == s.rendering.max_pages
    assert svc._local_renderer("typst").options.ppi == 144
    assert svc._local_renderer("html").options.model_dump() == {}


# ------------------------------------------------------------------ [rendering] and [parsing]
def test_unknown_default_template_and_pdf_engine(regs):
    assert problems(regs, {"rendering": {"default_template": "clasic", "pdf_engine": "weasy"}}) == [
        "htdy.toml: rendering.default_template: unknown template 'clasic'; known: academic, bold, classic, "
        "compact, modern — is the template pack installed?",
        "htdy.toml: rendering.pdf_engine: unknown renderer 'weasy'; known: html, md, pdf, txt, typst — "
        "is the plugin installed?"]


def test_pdf_engine_must_make_pdfs(regs):
    assert problems(regs, {"rendering": {"pdf_engine": "html"}}) == [
        "htdy.toml: rendering.pdf_engine: renderer 'html' does not make PDFs (its formats: html)"]


def test_rendering_checks_apply_to_nodes_that_render(regs):
    data = {"node": {"roles": ["parser"]}, "auth": {"secret_key": SECRET},
            "rendering": {"default_template": "clasic"}}
    check_config(regs, settings(data))  # a parser node renders nothing


def test_http_gateway_needs_a_renderer_url(regs):
    assert problems(regs, {"rendering": {"gateway": "http"}, "auth": {"secret_key": SECRET}}) == [
        "htdy.toml: rendering.renderer_url: required when rendering.gateway is 'http'"]


def test_parser_kinds_the_sniffer_does_not_know_or_the_parser_does_not_read(regs):
    assert problems(regs, {"parsing": {"parsers": {"pdf": "pdf", "odt": "text", "docx": "pdf"}}}) == [
        "htdy.toml: parsing.parsers.odt: unknown document kind 'odt'; the sniffer knows: docx, pdf, text "
        "(a parser plugin can teach it more: docs/plugins.md)",
        "htdy.toml: parsing.parsers.docx: parser 'pdf' does not read 'docx' documents (it reads: pdf)"]


def test_unknown_selection_is_reported_with_the_file(regs):
    assert problems(regs, {"storage": {"backend": "floppy"}}) == [
        "htdy.toml: unknown storage backend 'floppy'; known: local, s3 — is the plugin installed?"]


def test_default_configuration_passes(regs):
    check_config(regs, settings({}))


def test_create_app_refuses_before_starting_anything(tmp_path):
    from htdy.core.host.testing import make_settings
    from htdy.core.http.app import create_app

    s = make_settings(tmp_path, plugins={"storage_backends": {"local": {"root": str(tmp_path), "bogus": 1}}})
    with pytest.raises(ConfigError, match=r"<htdy tests>: \[plugins.storage_backends.local\] bogus: unknown "
                                          r"option; known: root, fsync"):
        create_app(s)
    assert not (tmp_path / "htdy.sqlite3").exists()  # the database was not even opened


def test_a_render_config_error_is_a_503_not_a_property_of_the_cv():
    from htdy.core.services.rendering.service import _result

    with pytest.raises(ServiceUnavailable) as exc:
        _result(("error", "config_error", "htdy.toml: [plugins.renderers.pdf] x: unknown option", None))
    assert exc.value.status == 503 and exc.value.code == "config_error"
    assert "htdy.toml" not in exc.value.message  # the operator's detail goes to the log
