"""JSON Resume themes from the npm registry: node renders the HTML, headless Chromium prints the PDF.

The themes format dates and pick fields themselves, so a document is rendered from the person's
*truth* (``render(view, theme, out_stem, resume=person.resume)``); without it a JSON Resume is rebuilt
from the view. Both schema eras are given (``work.name``/``company``, ``url``/``website``,
``languages.language``/``name``) so old themes print the company too; themes with a strict schema
get the current one only.

``setup()`` installs the pinned themes (``LOCK``) and the CSS/font packages their CDN links point at
(``ASSETS``) into ``var/corpus-tools/npm``. At print time those CDN URLs are rewritten to the local
files, so bootstrap, tachyons, Font Awesome and the Google fonts below render offline; any other
remote resource is dropped (Chromium fetches nothing).

    python -m htdy.parsers.training.families.jsonresume_npm [--setup] [--theme T] [--lang L] OUT_DIR
"""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from htdy.parsers.training.families._chromium_print import print_pdf
from htdy.parsers.training.families._view_resume import resume_from_view

NAME = "jsonresume"
REPO = Path(__file__).resolve().parents[3]
ROOT = REPO / "var" / "corpus-tools" / "npm"
NODE_MODULES = ROOT / "node_modules"
NODE = shutil.which("node") or "/usr/bin/node"
TIMEOUT_S = 120

# theme -> pinned version. Layouts (as printed by Chromium, offline):
LOCK: dict[str, str] = {
    "8-bit-sheep": "1.7.0",      # single column, light, section titles on the left; strict schema
    "autumn": "1.0.1",           # single column, coloured header band, Font Awesome icons
    "caffeine": "1.2.3",         # card-like sections, icons, bold header
    "classy": "1.0.9",           # serif, centred header, classic one column
    "colophon": "0.2.0",         # typographic single column, small caps headings
    "compact": "1.0.4",          # bootstrap grid, dense
    "cora": "0.1.1",             # left sidebar with contact and skills
    "crisp": "0.2.12",           # bootswatch "journal" columns: dates left, entries right
    "dinesh": "0.0.7",           # plain, headings with rules
    "direct": "0.1.1",           # flexbox grid, two columns of headings and entries
    "eloquent": "5.0.0",         # wide header, timeline-like sections
    "elite": "1.2.0",            # sidebar with skills/languages cards, durations ("2 years 3 months")
    "eventide": "0.29.12",       # even-like with icons
    "flat-fr": "0.0.1",          # bootstrap, flat blocks, French-era fields
    "folio": "1.3.1",            # modern one column, Font Awesome 6
    "full": "0.0.4",             # two columns, long header
    "github": "0.0.5",           # GitHub profile look (Primer CSS compiled by sass)
    "jacrys": "1.0.4",           # bootstrap 3 with a dark sidebar
    "kards": "1.0.2",            # cards per section, embedded fonts
    "kwan": "0.0.2",             # centred, minimal
    "latte": "1.0.3",            # caffeine-derived, icons in headings
    "lucide": "1.1.0",           # modern, lucide/Font Awesome icons, one column
    "microdata": "0.2.0",        # schema.org microdata markup, Lato
    "minyma": "0.0.5",           # minimal, black headings with rules
    "mocha-responsive": "1.1.1",  # responsive two columns, Font Awesome 5 inlined
    "modern": "0.0.18",          # bootswatch "lumen", header block
    "orbit": "3.0.0",            # left sidebar (photo, contact, skills), timeline on the right
    "papirus": "0.0.5",          # bootstrap 3, paper-like header
    "relaxed": "0.2.1",          # airy one column, skill level bars
    "rocketspacer": "1.2.2",     # bootstrap 3 + octicons, Lato
    "sceptile": "1.0.5",         # green accent one column
    "simplyelegant": "1.7.2",    # bootstrap 3, Roboto, side headings
    "slick": "0.1.16",           # bootswatch "lumen", panels
    "smart": "1.0.2",            # print-friendly, skill ranges
    "straightforward": "0.5.0",  # plain one column, right-aligned dates
    "tachyons-clean": "0.0.9",   # tachyons utility CSS, clean one column
}
# installed and rendering, but left out: pumpkin@1.1.4 prints the render date as the end of a current job
# ("Apr 2021 — Dec 2026"), which the truth calls "present".

# CSS and font packages that the themes load from CDNs, served locally instead
ASSETS: dict[str, str] = {
    "bootstrap": "3.3.7", "bootswatch": "3.3.7", "font-awesome": "4.7.0", "tachyons": "4.10.0",
    "flexboxgrid": "6.3.0", "octicons": "2.4.1", "fa5": "npm:@fortawesome/fontawesome-free@5.15.4",
    "fa6": "npm:@fortawesome/fontawesome-free@6.4.2", "bs5": "npm:bootstrap@5.0.2", "heroicons": "2.2.0",
    "underscore.string": "3.3.6",  # jsonresume-theme-kwan requires it without declaring it
    "@fontsource/ubuntu": "5.3.0", "@fontsource/lato": "5.3.0", "@fontsource/open-sans": "5.3.0",
    "@fontsource/roboto": "5.3.0", "@fontsource/roboto-condensed": "5.3.0",
}
STRICT = {"8-bit-sheep"}  # zod-validated: unknown keys are an error
PROFILES_OR_NOTHING = {"classy", "cora", "sceptile"}  # read profiles[0] whenever the list exists
# themes that map skill levels to bars and throw on any other word
LEVEL_WORDS = {"relaxed": ("beginner", "intermediate", "advanced", "master")}
# themes that print years only ("2017 - 2021") whatever the truth's precision: the scorer needs
# masks.year_only for their dates (truth "2017-09" vs printed "2017")
YEAR_ONLY = {"crisp", "modern", "orbit", "smart"}

CDN = [  # (URL pattern, local file under node_modules)
    (r"bootswatch\.com/(\w+)/bootstrap(?:\.min)?\.css", r"bootswatch/\1/bootstrap.min.css"),
    (r"(?:bootstrapcdn\.com|cloudflare\.com/ajax/libs)/(?:twitter-)?bootstrap/3[\d.]*/css/bootstrap(?:\.min)?\.css",
     "bootstrap/dist/css/bootstrap.min.css"),
    (r"font-awesome/4[\d.]*/css/font-awesome(?:\.min)?\.css", "font-awesome/css/font-awesome.min.css"),
    (r"font-awesome/5[\d.]*/css/all(?:\.min)?\.css", "fa5/css/all.min.css"),
    (r"font-awesome/6[\d.]*/css/all(?:\.min)?\.css", "fa6/css/all.min.css"),
    (r"unpkg\.com/tachyons@[\d.]+/css/tachyons(?:\.min)?\.css", "tachyons/css/tachyons.min.css"),
    (r"flexboxgrid/[\d.]+/flexboxgrid(?:\.min)?\.css", "flexboxgrid/dist/flexboxgrid.min.css"),
    (r"octicons/2[\d.]*/octicons(?:\.min)?\.css", "octicons/octicons/octicons.css"),
    (r"bootstrap@5[\d.]*/dist/css/bootstrap(?:\.min)?\.css", "bs5/dist/css/bootstrap.min.css"),
    (r"heroicons/master/src/24/(outline|solid)/([\w-]+\.svg)", r"heroicons/24/\1/\2"),
]
GOOGLE_FONTS = {"ubuntu": "ubuntu", "lato": "lato", "open sans": "open-sans", "roboto": "roboto",
                "roboto condensed": "roboto-condensed"}
_REMOTE = r"(?:https?:)?//[^\"')\s]+"


def templates() -> list[str]:
    return sorted(LOCK)


def installed(theme: str) -> bool:
    return (NODE_MODULES / f"jsonresume-theme-{theme}" / "package.json").exists()


def supports(template: str, lang: str) -> bool:
    # every theme renders CJK and Arabic through Chromium's fallback to Noto (fonts-noto-cjk, -core); for
    # Arabic <html dir="rtl"> mirrors their layouts, and the text layer comes out partly in visual order
    return template in LOCK and installed(template)


# ---------------------------------------------------------------- the resume a theme gets
def _clean(v: Any) -> Any:
    """No None values and no empty lists (old themes test ``if (x)`` and then read ``x[0]``)."""
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items() if x is not None and x != []}
    if isinstance(v, list):
        return [_clean(x) for x in v if x is not None]
    return v


def _both_eras(resume: dict[str, Any], theme: str) -> dict[str, Any]:
    r = _clean(copy.deepcopy(resume))
    basics = r.setdefault("basics", {})
    if theme in STRICT:
        basics.pop("website", None)
        for w in r.get("work") or []:
            w.setdefault("name", w.pop("company", None))
            w.pop("website", None)
        r.pop("meta", None)
        return r
    if basics.get("url") and not basics.get("website"):
        basics["website"] = basics["url"]
    basics.setdefault("location", {})
    basics.setdefault("label", "")  # classy/sceptile upper-case it
    if theme not in PROFILES_OR_NOTHING:
        basics.setdefault("profiles", [])  # slick, simplyelegant: .length / .slice()
    for w in r.get("work") or []:
        name = w.get("name") or w.get("company")
        if name:
            w["name"] = w["company"] = name
        if w.get("url") and not w.get("website"):
            w["website"] = w["url"]
        w.setdefault("highlights", [])
    for e in r.get("education") or []:
        e.setdefault("courses", [])
        for key in ("studyType", "area"):  # orbit's helpers call .toLowerCase() on them
            e.setdefault(key, "")
    for lg in r.get("languages") or []:
        lg.setdefault("name", lg.get("language"))
        lg.setdefault("level", lg.get("fluency"))
    for s in r.get("skills") or []:
        s.setdefault("level", "")
    for key in ("skills", "interests"):
        for s in r.get(key) or []:
            s.setdefault("keywords", [])
    return r


def _levels(resume: dict[str, Any], words: tuple[str, ...]) -> None:
    for i, s in enumerate(resume.get("skills") or []):
        if str(s.get("level") or "").lower() not in words:
            s["level"] = words[(i + 1) % len(words)]


def _dates(resume: dict[str, Any], theme: str) -> None:
    """Themes that crash on a missing date. relaxed formats every start date: an entry with an end date
    only gets it as its one date (printed alone). crisp and modern slice years out of work start dates and
    education dates unguarded: "" (which they treat as missing elsewhere) instead of nothing."""
    for sec in ("work", "education", "volunteer", "projects"):
        for e in resume.get(sec) or []:
            if theme == "relaxed" and not e.get("startDate") and e.get("endDate"):
                e["startDate"] = e["endDate"]
            elif theme in ("crisp", "modern"):
                for key in ("startDate",) if sec == "work" else ("startDate", "endDate") if sec == "education" else ():
                    e.setdefault(key, "")


def theme_resume(resume: dict[str, Any], theme: str, lang: str | None = None) -> dict[str, Any]:
    r = _both_eras(resume, theme)
    if lang and theme not in STRICT:  # relaxed (x-lang) and colophon (language) localise dates and titles
        r["meta"] = {"language": lang, "x-lang": lang, **(r.get("meta") or {})}
    if theme in LEVEL_WORDS:
        _levels(r, LEVEL_WORDS[theme])
    _dates(r, theme)
    return r


# ---------------------------------------------------------------- HTML
DRIVER = r"""
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const [,, nm, theme, inp, out, cache] = process.argv;
function memoSass(dir) {  // jsonresume-theme-github compiles Primer with sass on every render (~15 s)
  let sass; try { sass = require(require.resolve('sass', {paths: [dir]})); } catch (e) { return; }
  const orig = sass.renderSync.bind(sass);
  sass.renderSync = (opts) => {
    const f = path.join(cache, 'sass-' + crypto.createHash('sha1').update(JSON.stringify(opts)).digest('hex') + '.css');
    if (fs.existsSync(f)) return {css: fs.readFileSync(f)};
    const r = orig(opts), tmp = f + '.' + process.pid;
    fs.mkdirSync(cache, {recursive: true}); fs.writeFileSync(tmp, r.css); fs.renameSync(tmp, f); return r;
  };
}
(async () => {
  const resume = JSON.parse(fs.readFileSync(inp, 'utf8'));
  const dir = path.join(nm, theme);
  process.chdir(dir);
  memoSass(dir);
  console.log = console.info = console.warn = () => {};  // themes chatter on stdout
  let m;
  try { m = require(dir); } catch (e) {
    if (!['ERR_REQUIRE_ESM', 'ERR_PACKAGE_PATH_NOT_EXPORTED'].includes(e.code)) throw e;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json')));
    m = await import(path.join(dir, pkg.exports['.'].import.default || pkg.exports['.'].import));
  }
  const render = m.render || (m.default && (m.default.render || m.default));
  if (typeof render !== 'function') throw new Error('no render() in ' + theme);
  const html = await render(resume);
  if (typeof html !== 'string' || !html) throw new Error(theme + ' rendered nothing');
  fs.writeFileSync(out, html);
})().catch(e => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
"""


def theme_html(resume: dict[str, Any], theme: str) -> str:
    """The theme's own HTML for ``resume`` (already in the theme's schema)."""
    if not installed(theme):
        raise RuntimeError(f"jsonresume-theme-{theme} is not installed: run setup() (needs npm)")
    _fixups()
    with tempfile.TemporaryDirectory(prefix="htdy-jr-") as tmp:
        src, out, drv = Path(tmp) / "resume.json", Path(tmp) / "cv.html", Path(tmp) / "render.js"
        src.write_text(json.dumps(resume, ensure_ascii=False), encoding="utf-8")
        drv.write_text(DRIVER, encoding="utf-8")
        r = subprocess.run([NODE, str(drv), str(NODE_MODULES), f"jsonresume-theme-{theme}", str(src), str(out),
                            str(ROOT / "cache")], capture_output=True, text=True, timeout=TIMEOUT_S)
        if r.returncode != 0 or not out.exists():
            err = r.stderr.strip().splitlines() or [""]
            raise RuntimeError(f"{theme}: node exited {r.returncode}: {err[0][:300]} … {' '.join(err[1:3])[:300]}")
        return out.read_text(encoding="utf-8")


def _google_fonts(url: str) -> str | None:
    fams = re.findall(r"family=([^&:\"']+)", url.replace("%20", "+"))
    files = []
    for fam in fams:
        for part in fam.split("|"):
            pkg = GOOGLE_FONTS.get(part.split(":")[0].replace("+", " ").lower())
            if pkg:
                files += [NODE_MODULES / "@fontsource" / pkg / f"{w}.css" for w in ("300", "400", "700", "400-italic")]
    css = "".join(f"@import url('{f.as_uri()}');" for f in files if f.exists())
    if not css:
        return None
    out = ROOT / "cache" / ("fonts-" + "-".join(sorted(re.sub(r"\W", "", f).lower() for f in fams)) + ".css")
    if not out.exists():  # written once, atomically (several workers may race here)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(f".{os.getpid()}")
        tmp.write_text(css, encoding="utf-8")
        tmp.replace(out)
    return out.as_uri()


PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
_IMG_SRC = re.compile(r"\ssrc\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*)", re.I)


def _local(url: str) -> str:
    """A CDN URL's local copy (a file: URI), or the URL itself."""
    if "fonts.googleapis.com/css" in url:
        return _google_fonts(url) or "about:blank"
    for pat, path in CDN:
        hit = re.search(pat, url)
        if hit:
            f = NODE_MODULES / hit.expand(path)
            return f.as_uri() if f.exists() else "about:blank"
    return url


def _img(tag: str) -> str:
    """An <img> whose source is remote or empty (avatars, gravatar) shows nothing instead of a broken icon."""
    m = _IMG_SRC.search(tag)
    src = m.group(1).strip("\"'") if m else ""
    if src.startswith(("file:", "data:")) or (src and not re.match(r"(https?:|//|&#x2F;|%2F)", src, re.I)):
        return tag
    tag = _IMG_SRC.sub("", tag, count=1) if m else tag
    return tag.replace("<img", f'<img src="{PIXEL}"', 1)


def localise(html: str, lang: str, rtl: bool) -> str:
    """CDN links to the local packages, other remote resources dropped, ``lang``/``dir`` on <html>."""
    html = re.sub(_REMOTE, lambda m: _local(m.group(0)), html)
    html = re.sub(r"<img\b[^>]*>", lambda m: _img(m.group(0)), html, flags=re.I)
    html = re.sub(r"<script[^>]+src=[\"']" + _REMOTE + r"[\"'][^>]*>\s*</script>", "", html, flags=re.I)
    html = re.sub(r"<link[^>]+href=[\"']" + _REMOTE + r"[\"'][^>]*>", "", html, flags=re.I)
    html = re.sub(r"@import\s+url\(\s*[\"']?" + _REMOTE + r"\)\s*;?", "", html)
    attrs = f' lang="{lang}"' + (' dir="rtl"' if rtl else "")
    if re.search(r"<html\b", html, re.I):
        html = re.sub(r"<html\b[^>]*>", lambda m: re.sub(r"\s(lang|dir)=(\"[^\"]*\"|'[^']*'|\S+)", "", m.group(0))
                      .replace("<html", "<html" + attrs, 1), html, count=1, flags=re.I)
    else:
        html = f"<!DOCTYPE html><html{attrs}><meta charset='utf-8'>{html}</html>"
    return html


def render(view: dict[str, Any], template: str, out_stem: Path, resume: dict[str, Any] | None = None) -> Path:
    lang = (view or {}).get("lang") or ((resume or {}).get("meta") or {}).get("language") or "en"
    rtl = (view or {}).get("dir") == "rtl" or lang in ("ar", "he", "fa", "ur")
    data = theme_resume(resume if resume is not None else resume_from_view(view), template, lang)
    html = localise(theme_html(data, template), lang, rtl)
    out = Path(out_stem).with_suffix(".pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    print_pdf(html, out, paper="Letter" if lang == "en" else "A4", base=NODE_MODULES / f"jsonresume-theme-{template}")
    return out


# ---------------------------------------------------------------- set-up
def setup() -> None:
    """npm-install the pinned themes and asset packages into var/corpus-tools/npm (idempotent)."""
    ROOT.mkdir(parents=True, exist_ok=True)
    wanted = {f"jsonresume-theme-{t}": v for t, v in LOCK.items()} | ASSETS
    pkg = ROOT / "package.json"
    if not pkg.exists():
        pkg.write_text(json.dumps({"name": "htdy-corpus-themes", "private": True}), encoding="utf-8")

    def have(name: str, version: str) -> bool:
        f = NODE_MODULES / name / "package.json"
        return f.exists() and (version.startswith("npm:")
                               or json.loads(f.read_text(encoding="utf-8")).get("version") == version)

    missing = [f"{n}@{v}" for n, v in wanted.items() if not have(n, v)]
    if missing:
        npm = shutil.which("npm")
        if not npm:
            raise RuntimeError("npm not found")
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps",
                        "--save-exact", *missing], cwd=ROOT, check=True, timeout=1800)
    _fixups()


def _fixups() -> None:
    """mocha-responsive reads Font Awesome from its own node_modules, which npm hoists away (and each
    later ``npm install`` prunes the link again)."""
    fa = NODE_MODULES / "jsonresume-theme-mocha-responsive" / "node_modules" / "@fortawesome" / "fontawesome-free"
    if fa.parent.parent.parent.exists() and not fa.exists():
        fa.parent.mkdir(parents=True, exist_ok=True)
        fa.symlink_to(os.path.relpath(NODE_MODULES / "fa5", fa.parent))


def main(argv: list[str] | None = None) -> int:
    import argparse
    import time

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--setup", action="store_true")
    ap.add_argument("--theme", action="append", help="theme (repeatable; default: all)")
    ap.add_argument("--resume", help="a JSON Resume file (default: make_person(seed, lang))")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.setup:
        setup()
    if a.resume:
        resume = json.loads(Path(a.resume).read_text(encoding="utf-8"))
        view = {"lang": a.lang}
    else:
        from htdy.parsers.training.people import make_person

        p = make_person(a.seed, a.lang)
        resume, view = p.resume, p.view
    for theme in a.theme or templates():
        t0 = time.monotonic()
        try:
            path = render(view, theme, Path(a.out) / f"{theme}-{a.lang}", resume=resume)
            print(f"{theme}: {path} {time.monotonic() - t0:.1f}s")
        except Exception as e:  # report and go on
            print(f"{theme}: FAILED {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
