"""``htdy parse FILE…``: print the JSON Resume document (one file) or JSON lines (many)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from htdy.core.commands.cli import Context, pass_ctx

_SURROGATE = re.compile("[\ud800-\udfff]")


def _dump(obj: Any, compact: bool, ascii_only: bool = False) -> str:
    if compact:
        text = json.dumps(obj, ensure_ascii=ascii_only, separators=(",", ":"))
    else:
        text = json.dumps(obj, ensure_ascii=ascii_only, indent=2)
    if _SURROGATE.search(text):  # a lone UTF-16 surrogate (half a character) cannot be encoded: U+FFFD
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _print(obj: Any, compact: bool, err: bool = False) -> None:
    """One JSON document on stdout (``err``: stderr); ``\\u`` escapes where the stream cannot
    encode a character."""
    try:
        click.echo(_dump(obj, compact), err=err)
    except UnicodeEncodeError:
        click.echo(_dump(obj, compact, ascii_only=True), err=err)


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "compact", is_flag=True, help="Compact JSON (one line per document).")
@click.option("--extras", is_flag=True, help='Print {"resume": …, "extras": …} (confidence, spans, warnings).')
@click.option("--jobs", "-j", type=int, default=1, show_default=True,
              help="Parse in N worker processes (with the per-file timeout).")
@click.option("--backend", metavar="NAME", default=None,
              help="Text extraction backend, given to the parser as its `backend` option, overriding "
                   "[plugins.parsers.<name>] (the built-in PDF parser: pdfium or pdfminer); parsers "
                   "without that option ignore it.")
@pass_ctx
def command(ctx: Context, files: tuple[str, ...], compact: bool, extras: bool, jobs: int,
            backend: str | None) -> None:
    """Parse CV documents (PDF, DOCX, text) into JSON Resume.

    One file: its JSON on stdout, or on failure an {"error": {code, message}} document on
    stderr. Several files: one JSON line per file on stdout (a failed one as {"file", "error"}),
    and a line per failure on stderr. The exit status is 1 when any file failed."""
    from htdy.core.host.plugin_checks import check_config
    from htdy.core.host.plugins import build_registries

    settings = ctx.settings
    regs = build_registries(ctx.pm, slots=("parsers",))  # the other slots' hooks cost imports
    check_config(regs, settings, parsers_only=True)  # a config mistake is not the document's
    opts = {"backend": backend} if backend else None
    many = len(files) > 1
    failures = 0

    def emit(path: str, result: Any, error: dict[str, Any] | None) -> None:
        nonlocal failures
        if error is not None:
            failures += 1
            if not many:  # nothing to print on stdout: the error document goes to stderr
                _print({"error": error}, compact, err=True)
                return
            # several files: the JSON lines name every file, failures included; stderr says so too
            _print({"file": path, "error": error}, True)
            click.echo(f"htdy: error: {path}: {error.get('message')} ({error.get('code')})", err=True)
            return
        doc = {"resume": result.resume, "extras": result.extras} if extras else result.resume
        if many:
            doc = {"file": path, **({"resume": result.resume, "extras": result.extras} if extras
                                   else {"resume": result.resume})}
        _print(doc, compact or many)

    def read(path: str) -> bytes | dict[str, Any]:
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            return {"code": "not_found", "message": f"{path}: {exc.strerror or exc}"}

    from htdy.core.host.errors import ParseError

    if jobs <= 1 and not many:
        from htdy.core.services.parsing.pipeline import parse_document

        data = read(files[0])
        if isinstance(data, dict):
            emit(files[0], None, data)
        else:
            opts_for = _opts(settings, opts)
            try:
                r = parse_document(data, Path(files[0]).name, settings, regs, ctx.pm, parser_options=opts_for)
                emit(files[0], r, None)
            except ParseError as exc:
                emit(files[0], None, {"code": exc.code, "message": exc.message})
        sys.exit(1 if failures else 0)

    from htdy.core.services.parsing.pipeline import ParserPool

    with ParserPool(settings, workers=max(1, jobs), parser_options=_opts(settings, opts)) as pool, \
            _progress(len(files)) as advance:
        pending = []
        for path in files:
            data = read(path)
            pending.append((path, data if isinstance(data, dict) else pool.submit(data, Path(path).name)))
        for path, fut in pending:
            if isinstance(fut, dict):
                emit(path, None, fut)
            else:
                try:
                    emit(path, pool.result(fut), None)
                except ParseError as exc:
                    emit(path, None, {"code": exc.code, "message": exc.message})
            advance()
    sys.exit(1 if failures else 0)


def _opts(settings: Any, opts: dict[str, Any] | None) -> dict[str, Any] | None:
    """Overrides; ``parse_document`` applies each only to parsers whose options know it."""
    return opts or None


class _progress:
    """A rich progress bar on stderr (shown only for several files)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._p: Any = None

    def __enter__(self) -> Any:
        if self.total > 1:
            from rich.console import Console
            from rich.progress import Progress

            self._p = Progress(console=Console(stderr=True), transient=True)
            self._p.start()
            task = self._p.add_task("parsing", total=self.total)
            return lambda: self._p.advance(task)
        return lambda: None

    def __exit__(self, *exc: Any) -> None:
        if self._p is not None:
            self._p.stop()
