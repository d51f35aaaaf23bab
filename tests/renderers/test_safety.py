"""CV content is untrusted: escaped everywhere, and no resource outside the package is
ever fetched — proven against a real socket on 127.0.0.1 and a secret file."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

ENGINES = [("html", "classic", "html"), ("pdf", "classic", "pdf"), ("pdf", "modern", "pdf"),
           ("pdf", "bold", "pdf"), ("typst", "classic", "pdf"), ("md", "classic", "md"), ("txt", "classic", "txt")]


def hostile_cv(cv: dict[str, Any], url: str, secret: Path) -> dict[str, Any]:
    cv = copy.deepcopy(cv)
    b = cv["basics"]
    b["name"] = f'<img src="file://{secret}"> Eve <script>alert(1)</script>'
    b["label"] = f'<link rel="stylesheet" href="{url}/evil.css"> {{{{t.contact}}}} {{{{{{basics.name}}}}}}'
    b["summary"] = (f'<style>@import url("{url}/import.css"); body{{background:url("file://{secret}")}}</style>'
                    f'<iframe src="{url}/frame"></iframe><object data="file://{secret}"></object>')
    b["image"] = f"{url}/photo.png"
    b["url"] = f"{url}/home"
    b["profiles"] = [{"network": "x", "url": f"javascript:fetch('{url}')"},
                     {"network": "y", "url": f"file://{secret}"}]
    cv["work"][0]["highlights"] = [f'<img src="{url}/hl.png">', f"url({url}/css) @import '{url}/i'",
                                   f'<svg><image href="file://{secret}"/></svg>']
    cv["work"][0]["url"] = f'{url}/x" onmouseover="alert(1)'
    cv["skills"][0]["keywords"] = ['"><base href="' + url + '/">']
    return cv


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text("TOP-SECRET-7f3a9c\n")
    return p


def text_of(out: Any) -> str:
    if out.media_type == "application/pdf":
        return "\n".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(out.content))
    return out.content.decode()


@pytest.mark.parametrize("engine,tid,fmt", ENGINES)
def test_hostile_cv_fetches_nothing_and_leaks_nothing(regs: Any, full_cv: dict, listener: Any, secret: Path,
                                                      engine: str, tid: str, fmt: str) -> None:
    cv = hostile_cv(full_cv, listener.url, secret)
    renderer = regs.renderers.get(engine)()
    out = renderer.render(cv, template=regs.templates.get(tid), fmt=fmt, options={"photo": "true"})
    listener.close()  # joins the accept loop: every attempt so far has been counted
    assert listener.connections == 0
    assert b"TOP-SECRET" not in out.content
    text = text_of(out)
    assert "TOP-SECRET" not in text
    if fmt == "html":
        body = out.content.decode().split("<body", 1)[1]
        assert "<script>" not in body and "<img src=" not in body and "<link" not in body
        assert "<style>" not in body and "<iframe" not in body and "<base" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "{{t.contact}}" in body  # CV text is never re-read as a template
        assert "javascript:" not in body.replace("javascript:fetch", "")  # only as escaped text
        assert 'href="javascript' not in body and f'href="file://{secret}"' not in body
        assert 'onmouseover="alert' not in body
    if fmt == "pdf":
        assert "<script>alert(1)</script>" in text.replace("\r\n", "")  # shown literally, as text


def test_fetcher_serves_only_packaged_assets(regs: Any, listener: Any, secret: Path) -> None:
    from htdy.renderers.assets import make_fetcher

    template = regs.templates.get("classic")
    fetch = make_fetcher(template.path, frozenset({"data:image/png;base64,iVBORw0KGgo="}))
    assert fetch("htdy-asset:fonts/NotoSans-Regular.ttf").read()[:4] == b"\x00\x01\x00\x00"
    assert b"--accent" in fetch("htdy-asset:style.css").read()  # the template's own files
    for url in (f"file://{secret}", f"{listener.url}/x.css", "https://example.org/x.css",
                "data:text/css,body{}", "data:image/png;base64,AAAA", "htdy-asset:../../../etc/passwd",
                "htdy-asset:fonts/../../../../etc/passwd", "htdy-asset:/etc/passwd", "ftp://127.0.0.1/x", "htdy-asset:manifest.json",
                "htdy-asset:.hidden.css", "htdy-asset:fonts/missing.ttf"):
        with pytest.raises(ValueError):
            fetch(url)
    listener.close()
    assert listener.connections == 0


def test_weasyprint_with_hostile_html_still_fetches_nothing(listener: Any, secret: Path, regs: Any) -> None:
    """Even markup that slipped past escaping could not reach out: the fetcher refuses."""
    from htdy.renderers.pdf import weasy_render

    html = (f'<html><head><link rel="stylesheet" href="{listener.url}/a.css">'
            f'<style>@import url("{listener.url}/b.css");p{{background:url("file://{secret}")}}</style></head>'
            f'<body><img src="file://{secret}"><img src="{listener.url}/c.png"><p>x</p>'
            f'<object data="file://{secret}"></object><embed src="{listener.url}/d"></body></html>')
    pdf, pages = weasy_render(html, regs.templates.get("classic").path, "", 5)
    listener.close()
    assert listener.connections == 0 and pages == 1 and b"TOP-SECRET" not in pdf


def test_unescaped_mustache_in_templates_rejected(tmp_path: Path) -> None:
    from htdy.core.host.interfaces import Template
    from htdy.renderers.html import compiled

    (tmp_path / "layout.mustache").write_text("<body>{{{basics.name}}}</body>")
    t = Template(id="evil", name="Evil", version="1", path=tmp_path)
    with pytest.raises(ValueError, match="unescaped"):
        compiled(t)


def test_typst_template_may_not_import_or_read(tmp_path: Path) -> None:
    from htdy.core.host.errors import ConfigError
    from htdy.renderers.manifest import load_template

    (tmp_path / "manifest.json").write_text('{"id": "t", "name": "T", "version": "1", "engines": ["typst"]}')
    for src in ('#import "@preview/cetz:0.2.0": *', '#read("/etc/passwd")', '#include "x.typ"'):
        (tmp_path / "template.typ").write_text(src)
        with pytest.raises(ConfigError):
            load_template(tmp_path)
