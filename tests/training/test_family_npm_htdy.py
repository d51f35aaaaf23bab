"""jsonresume (npm themes through node + Chromium) and htdy (our own templates) families."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from htdy.parsers.training.families import FAMILIES
from htdy.parsers.training.families import htdy_templates as ht
from htdy.parsers.training.families import jsonresume_npm as jr

from .factory_helpers import VIEW, pdf_text

RESUME = {  # an invented person, in the current JSON Resume schema
    "basics": {"name": "Ilse Brandvold", "label": "Process Engineer", "email": "ilse.brandvold@example.no",
               "phone": "+47 412 34 567", "url": "https://brandvold.example.no",
               "location": {"city": "Trondheim", "countryCode": "NO"},
               "profiles": [{"network": "GitHub", "username": "ibrandvold", "url": "https://github.com/ibrandvold"}],
               "summary": "Process engineer with ten years in aluminium smelting and plant automation."},
    "work": [{"name": "Fjordmetall AS", "position": "Lead Process Engineer", "startDate": "2019-03",
              "highlights": ["Cut anode consumption by 4 %", "Led a team of five engineers"]},
             {"name": "Nordvik Automasjon", "position": "Automation Engineer", "startDate": "2014-08",
              "endDate": "2019-02", "url": "https://nordvik.example.no", "highlights": []}],
    "education": [{"institution": "NTNU", "studyType": "MSc", "area": "Chemical Engineering",
                   "startDate": "2009", "endDate": "2014"}],
    "skills": [{"name": "Automation", "keywords": ["PLC", "SCADA", "Python"]}],
    "languages": [{"language": "Norwegian", "fluency": "Native"}, {"language": "English", "fluency": "C1"}],
    "meta": {"language": "en"},
}


# ---------------------------------------------------------------- htdy
def test_htdy_catalogue() -> None:
    ids = ht.templates()
    assert FAMILIES[ht.NAME] == ht.__name__
    assert {"classic-weasy", "classic-typst", "compact-typst", "modern-weasy", "bold-weasy",
            "academic-weasy"} <= set(ids)
    assert all(t.rsplit("-", 1)[1] in ht.ENGINES for t in ids)
    assert all(ht.supports(t, lang) for t in ids for lang in ("en", "zh", "ar"))
    assert not ht.supports("nope-weasy", "en")
    a = ht.options_for("classic-weasy", "Ilse Brandvold", "de")
    assert a == ht.options_for("classic-weasy", "Ilse Brandvold", "de") and a["lang"] == "de"
    assert a.get("date_format", "month_year") in ht.DATE_FORMATS


@pytest.mark.parametrize("template", ["classic-weasy", "compact-typst"])
def test_htdy_render(template: str, tmp_path: Path) -> None:
    pdf = ht.render({"lang": "en"}, template, tmp_path / template, resume=RESUME)
    assert pdf == tmp_path / f"{template}.pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf)
    assert "Brandvold" in text and "Fjordmetall AS" in text


def test_htdy_from_view(tmp_path: Path) -> None:
    text = pdf_text(ht.render(VIEW, "classic-typst", tmp_path / "v"))
    assert "Weißmüller" in text and "Nordlicht Logistik GmbH" in text


# ---------------------------------------------------------------- jsonresume: no npm needed
def test_jsonresume_catalogue() -> None:
    assert FAMILIES[jr.NAME] == jr.__name__
    ids = jr.templates()
    assert len(ids) >= 15
    excluded = {"even", "elegant", "macchiato", "flat", "stackoverflow", "class", "onepage", "spartacus", "short",
                "paper", "kendall", "actual", "professional"}
    assert not excluded & set(ids)
    assert all(v.count(".") == 2 for v in jr.LOCK.values())


def test_jsonresume_schema_eras() -> None:
    r = jr.theme_resume(RESUME, "caffeine")
    assert r["work"][0]["name"] == r["work"][0]["company"] == "Fjordmetall AS"
    assert r["basics"]["website"] == RESUME["basics"]["url"] and r["work"][1]["website"] == "https://nordvik.example.no"
    assert r["languages"][0]["name"] == "Norwegian" and r["languages"][0]["level"] == "Native"
    assert "company" not in RESUME["work"][0]  # the truth is not touched
    strict = jr.theme_resume(RESUME, "8-bit-sheep")
    assert "company" not in strict["work"][0] and "website" not in strict["basics"] and "meta" not in strict
    relaxed = jr.theme_resume(RESUME, "relaxed")
    assert relaxed["skills"][0]["level"] in jr.LEVEL_WORDS["relaxed"]


def test_jsonresume_from_view() -> None:
    r = jr.resume_from_view(VIEW)
    assert r["basics"]["name"] == VIEW["name"]
    assert r["work"][0]["name"] == "Nordlicht Logistik GmbH" and r["work"][0]["startDate"] == "2021-04"
    assert "endDate" not in r["work"][0]  # "heute"
    assert r["work"][2]["startDate"] == "2014" and r["education"][0]["endDate"] == "2016-09"


def test_jsonresume_localise() -> None:
    html = ('<html lang="en"><head><link rel="stylesheet" href="https://example.invalid/x.css">'
            '<script src="//cdn.example.invalid/j.js"></script>'
            '<link rel="stylesheet" href="//maxcdn.bootstrapcdn.com/font-awesome/4.1.0/css/font-awesome.min.css">'
            '<style>@import url(https://fonts.example.invalid/a.css);</style></head>'
            '<body><img src="//www.gravatar.com/avatar/x?s=100" alt="me"><img src="" alt="pic">'
            '<img src="logo.png"><a href="https://github.com/x">gh</a></body></html>')
    out = jr.localise(html, "zh", rtl=False)
    assert out.startswith('<html lang="zh">')
    assert "example.invalid" not in out and "gravatar" not in out
    assert out.count(jr.PIXEL) == 2 and 'src="logo.png"' in out
    assert 'href="https://github.com/x"' in out
    fa = jr.NODE_MODULES / "font-awesome" / "css" / "font-awesome.min.css"
    assert (fa.as_uri() in out) if fa.exists() else ("bootstrapcdn" not in out)
    assert ' dir="rtl"' in jr.localise("<html><body>x</body></html>", "ar", rtl=True)


# ---------------------------------------------------------------- jsonresume: rendering (after setup())
needs_npm = pytest.mark.skipif(
    not jr.installed("straightforward") or shutil.which("node") is None or not Path("/usr/bin/chromium").exists(),
    reason="var/corpus-tools/npm not set up (jsonresume_npm.setup() needs the npm registry), or no node/chromium")


@needs_npm
@pytest.mark.parametrize("theme", ["straightforward", "caffeine", "8-bit-sheep"])
def test_jsonresume_render(theme: str, tmp_path: Path) -> None:
    assert jr.supports(theme, "en")
    pdf = jr.render({"lang": "en"}, theme, tmp_path / theme, resume=RESUME)
    assert pdf == tmp_path / f"{theme}.pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(pdf)
    assert "Brandvold" in text.title() and "Fjordmetall" in text.title()


@needs_npm
def test_jsonresume_from_view_render(tmp_path: Path) -> None:
    text = pdf_text(jr.render(VIEW, "straightforward", tmp_path / "v"))
    assert "Weißmüller" in text and "Nordlicht Logistik GmbH" in text


@needs_npm
def test_jsonresume_broken_theme_raises(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        jr.render({"lang": "en"}, "not-a-theme", tmp_path / "x", resume=RESUME)
