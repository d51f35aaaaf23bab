"""``htdy render``: render a CV, list templates, build the gallery, run the ATS check."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click

from htdy.core.commands.cli import Context, pass_ctx
from htdy.core.host.errors import RenderError

SAMPLE_CV = Path(__file__).with_name("render_sample.json")


def _parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected k=v, got {pair!r}", param_hint="--option")
        out[key.strip()] = value.strip()
    return out


def _load_cv(path: str) -> dict[str, Any]:
    """The JSON Resume in ``path``, validated against the schema like the API and ``htdy import``
    do (an invalid CV fails naming the file and the problems)."""
    from htdy.core.host.errors import HtdyError
    from htdy.core.services.validation import validate_resume_or_raise

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"{path}: not a readable JSON file ({exc})", param_hint="CV") from None
    if not isinstance(data, dict):
        raise click.BadParameter(f"{path}: a JSON Resume object is expected", param_hint="CV")
    try:
        validate_resume_or_raise(data)
    except HtdyError as exc:
        problems = "; ".join(map(str, exc.details)) if isinstance(exc.details, list) else ""
        raise HtdyError(f"{path}: {exc.message}" + (f": {problems}" if problems else ""), code=exc.code) from None
    return data


# extensions that name a format by another name
EXTENSION_ALIASES = {"htm": "html", "markdown": "md", "text": "txt"}


def known_formats(svc: Any) -> list[str]:
    """Every format some installed renderer produces (its declared ``formats``)."""
    return sorted({f for name in svc.regs.renderers for f in svc.formats_of(name)})


def _format_for(fmt: str | None, output: str | None, known: list[str]) -> str:
    """``--format``, else the output name's extension, else pdf; a disagreement is an error."""
    if fmt is not None and fmt not in known:
        raise click.BadParameter(f"{fmt!r} is not a format any installed renderer produces "
                                 f"({', '.join(known)})", param_hint="--format")
    suffix = Path(output).suffix.lstrip(".").lower() if output and output != "-" else ""
    suffix = EXTENSION_ALIASES.get(suffix, suffix)
    implied = suffix if suffix in known else None
    if fmt is not None and implied is not None and implied != fmt:
        raise click.UsageError(f"--format {fmt} but the output name {output!r} says {implied}; "
                               f"name it .{fmt} or drop --format")
    return fmt or implied or "pdf"


def template_listing(svc: Any) -> list[dict[str, Any]]:
    return [{"id": t.id, "name": t.name, "version": t.version, "description": t.description,
             "engines": list(t.engines), "options": t.options, "preview": t.preview,
             "owner": svc.regs.templates.owner(t.id)}
            for _, t in svc.regs.templates.items()]


def thumbnail(pdf: Path, png: Path, dpi: int = 60) -> bool:
    """First page of ``pdf`` as ``png`` through poppler's pdftoppm."""
    exe = shutil.which("pdftoppm")
    if not exe:
        return False
    subprocess.run([exe, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True, capture_output=True, timeout=60)
    return png.exists()


def build_gallery(svc: Any, out_dir: Path, resume: dict[str, Any], progress: bool = True) -> list[dict[str, Any]]:
    """Every template rendered to PDF by each page-layout renderer it supports, with a PNG
    thumbnail (``<template>.pdf`` from the template's default PDF renderer, ``<template>.<renderer>.pdf``
    from the others)."""
    from rich.progress import Progress

    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = []
    for _, t in svc.regs.templates.items():
        default = svc.engine_for(t, "pdf")
        for engine in t.engines:
            if engine in svc.regs.renderers and svc.layout_engine(engine) and "pdf" in svc.formats_of(engine):
                jobs.append((t, engine, engine == default))
    jobs.sort(key=lambda j: (j[0].id, not j[2], j[1]))
    entries = []
    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("rendering gallery", total=len(jobs))
        for t, engine, is_default in jobs:
            stem = t.id if is_default else f"{t.id}.{engine}"
            out = svc.render_sync(resume, template_id=t.id, fmt="pdf", engine=engine)
            pdf = out_dir / f"{stem}.pdf"
            pdf.write_bytes(out.content)
            png = out_dir / f"{stem}.png"
            if "png" in svc.formats_of(engine):  # a renderer that draws page images makes its own preview
                png.write_bytes(svc.render_sync(resume, template_id=t.id, fmt="png", engine=engine).content)
                has_png = True
            else:
                has_png = thumbnail(pdf, png)
            entries.append({"template": t.id, "name": t.name, "engine": engine, "pages": out.pages,
                            "pdf": pdf.name, "png": png.name if has_png else None})
            bar.advance(task)
    cards = "".join(
        f'<figure><a href="{e["pdf"]}">' + (f'<img src="{e["png"]}" alt="" width="300">' if e["png"] else "")
        + f'</a><figcaption>{e["name"]} ({e["engine"]}, {e["pages"]} p.)</figcaption></figure>'
        for e in entries)
    (out_dir / "index.html").write_text(
        "<!DOCTYPE html><meta charset=utf-8><title>htdy templates</title><style>body{font-family:sans-serif;"
        "display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}img{border:1px solid #ccc}</style>" + cards,
        encoding="utf-8")
    (out_dir / "gallery.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    return entries


def _apply_design(svc: Any, ctx: Context, path: str, resume: dict[str, Any], template_id: str | None,
                  opts: dict[str, Any]) -> tuple[dict[str, Any], str | None, dict[str, Any]]:
    """The design file's template, options and hidden entries under the command line's."""
    from htdy.core.host.errors import HtdyError
    from htdy.core.services import design

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"{path}: not a readable JSON file ({exc})", param_hint="--design") from None
    try:
        d = design.check(svc.regs.templates, ctx.settings.rendering.default_template, raw)
    except HtdyError as exc:
        details = f": {exc.details}" if exc.details else ""
        raise HtdyError(f"{path}: {exc.message}{details}", code=exc.code) from None
    tid, merged = design.render_choice(d, template_id, opts, lambda t: svc.template(t).options)
    return design.without_hidden(resume, d), tid, merged or {}


@click.command("render")
@click.argument("cv", required=False, type=click.Path(dir_okay=False))
@click.option("--template", "-t", "template_id", help="Template id (default: [rendering] default_template).")
@click.option("--option", "-O", "options", multiple=True, metavar="K=V", help="Template option, repeatable.")
@click.option("--design", "design_file", type=click.Path(dir_okay=False, exists=True),
              help="A CV's design as JSON ({template, options, hidden_items}, as GET /api/v1/cvs/{id}/design "
                   "gives it); --template and --option win over it.")
@click.option("--format", "-f", "fmt", metavar="FORMAT",
              help="Output format: pdf, html, md, txt, png, svg… as the installed renderers offer "
                   "(default: from -o, else pdf).")
@click.option("--engine", metavar="RENDERER",
              help="Renderer for PDF and page images, by name (`htdy plugins` lists them; "
                   "default: [rendering] pdf_engine).")
@click.option("--output", "-o", type=click.Path(dir_okay=True), help="Output file (gallery: directory); - for stdout.")
@click.option("--list", "list_", is_flag=True, help="List templates.")
@click.option("--json", "as_json", is_flag=True, help="JSON output for --list and --ats-check.")
@click.option("--gallery", is_flag=True, help="Render every template with a sample CV to PDF and PNG into -o DIR.")
@click.option("--ats-check", "ats", is_flag=True, help="Render to PDF, read it back, report per section.")
@pass_ctx
def command(ctx: Context, cv: str | None, template_id: str | None, options: tuple[str, ...], design_file: str | None,
            fmt: str | None, engine: str | None, output: str | None, list_: bool, as_json: bool, gallery: bool,
            ats: bool) -> None:
    """Render CV (a JSON Resume file) with a template to PDF, HTML, Markdown or text."""
    from htdy.core.observability.logging import route_to_stdlib
    from htdy.core.services.rendering.service import RenderService

    route_to_stdlib()  # the render log lines go to stderr, never into -o - or --json output

    svc = RenderService(ctx.settings, ctx.pm, mode="inprocess")
    if engine is not None and engine not in svc.regs.renderers:
        raise click.BadParameter(f"unknown renderer {engine!r}; known: {', '.join(svc.regs.renderers.names())}",
                                 param_hint="--engine")
    if list_:
        rows = template_listing(svc)
        if as_json:
            click.echo(json.dumps(rows, indent=2))
        else:
            for r in rows:
                click.echo(f"{r['id']:<12} {r['version']:<8} {'/'.join(r['engines']):<26} {r['description']}")
        return
    if gallery:
        out_dir = Path(output or "var/gallery")
        resume = _load_cv(cv) if cv else _load_cv(str(SAMPLE_CV))
        entries = build_gallery(svc, out_dir, resume, progress=sys.stderr.isatty())
        click.echo(f"gallery: {len(entries)} renders in {out_dir}/ (index.html)")
        return
    if not cv:
        raise click.UsageError("a CV file is required (or --list / --gallery)")
    resume = _load_cv(cv)
    opts = _parse_options(options)
    if design_file:
        resume, template_id, opts = _apply_design(svc, ctx, design_file, resume, template_id, opts)
    if ats:
        from htdy.core.services.ats.service import ats_check

        report = ats_check(resume, template_id, settings=ctx.settings, pm=ctx.pm, options=opts, engine=engine)
        if as_json:
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
            return
        click.echo(f"template {report['template']} ({report['engine']}), {report['pages']} page(s); "
                   f"text recall {report['text_recall']:.2%}")
        for sec, s in report["sections"].items():
            click.echo(f"  {sec:<13} {s['found']}/{s['checked']} found"
                       + (f"; garbled: {s['garbled'][:3]}" if s["garbled"] else "")
                       + (f"; lost: {s['lost'][:3]}" if s["lost"] else ""))
        parser = report["parser"]
        click.echo(f"  parser field F1: {parser['f1']:.3f}" if parser["available"] else f"  parser: {parser['reason']}")
        return
    fmt = _format_for(fmt, output, known_formats(svc))
    try:
        out = svc.render_sync(resume, template_id=template_id, fmt=fmt, options=opts, engine=engine)
    except RenderError:
        raise
    if not output or output == "-":
        sys.stdout.buffer.write(out.content)
        return
    Path(output).write_bytes(out.content)
    if fmt in ("png", "svg") and out.pages and out.pages > 1:  # an image holds one page
        click.echo(f"wrote {output} ({len(out.content)} bytes): page 1 only of {out.pages}; "
                   "use --format pdf for every page", err=True)
        return
    click.echo(f"wrote {output} ({len(out.content)} bytes" + (f", {out.pages} page(s))" if out.pages else ")"),
               err=True)
