"""``htdy import FILE.json --email USER`` and ``htdy export CV_ID``: JSON Resume in and
out of the database, validated against the schema both ways; ``htdy export --user EMAIL``:
all of an account's data as one zip (``htdy.core.services.export``)."""
from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import click

from htdy.core.commands.cli import Context, pass_ctx
from htdy.core.host.errors import HtdyError, NotFound


@asynccontextmanager
async def cli_services(ctx: Context, *, storage: bool = False) -> AsyncIterator[Any]:
    """Services for a one-shot command: database (must be migrated), cache, search, and with
    ``storage`` the storage backend."""
    from contextlib import AsyncExitStack

    from htdy.core.db import close_db, init_db
    from htdy.core.host.plugins import build_registries
    from htdy.core.http.app import instantiate
    from htdy.core.services import Services
    from htdy.core.services.cache import build_cache

    settings = ctx.settings
    regs = build_registries(ctx.pm)
    svc = Services(settings=settings, pm=ctx.pm, registries=regs, cache=build_cache(settings, regs))
    db = await init_db(settings)
    try:
        async with AsyncExitStack() as stack:
            wanted: list[tuple[str, Any, str]] = [("search", regs.search_backends, settings.search.backend)]
            if storage:
                wanted.append(("storage", regs.storage_backends, settings.storage.backend))
            for attr, registry, name in wanted:
                backend = instantiate(settings, registry, name)
                await backend.start()
                stack.push_async_callback(backend.close)
                setattr(svc, attr, backend)
            yield svc
    finally:
        await close_db(db)


def _load(path: str) -> dict[str, Any]:
    from htdy.core.services.validation import validate_resume_or_raise

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HtdyError(f"{path}: cannot read JSON: {exc}") from None
    try:
        validate_resume_or_raise(data)
    except HtdyError as exc:
        problems = "; ".join(exc.details or []) if isinstance(exc.details, list) else ""
        raise HtdyError(f"{path}: {exc.message}: {problems}", code=exc.code) from None
    return dict(data)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--email", required=True, help="Owner of the new CV (an existing user).")
@click.option("--title", default=None, help="CV title (default: basics.name or the file name).")
@click.option("--discoverable", is_flag=True, help="Make the CV discoverable (searchable, public profile).")
@pass_ctx
def import_cmd(ctx: Context, file: str, email: str, title: str | None, discoverable: bool) -> None:
    """Import a JSON Resume file as a new CV (version 1)."""
    import asyncio  # imported here: `htdy --help` imports this module

    from htdy.core.models import User
    from htdy.core.services import cvs
    from htdy.core.services.accounts import normalise_email

    resume = _load(file)

    async def main() -> str:
        async with cli_services(ctx) as svc:
            user = await User.get_or_none(email=normalise_email(email))
            if user is None:
                raise NotFound(f"no user with email {email!r}")
            name = title or (resume.get("basics") or {}).get("name") or Path(file).stem
            data = cvs.CVCreate(title=str(name)[:200], resume=resume, discoverable=discoverable)
            return await cvs.create(svc, str(user.id), data, extras={"imported_from": Path(file).name})

    click.echo(asyncio.run(main()))


@click.command("export")
@click.argument("cv_id", required=False)
@click.option("--user", "email", default=None, metavar="EMAIL",
              help="Export everything of this account as one zip (like the account page's download).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="File (default: stdout for a CV; htdy-export-<user>.zip for --user).")
@click.option("--version", "number", type=int, default=None, help="Version number (default: current).")
@pass_ctx
def export_cmd(ctx: Context, cv_id: str | None, email: str | None, output: str | None, number: int | None) -> None:
    """Export a CV's JSON Resume (validated) to a file or stdout, or with --user EMAIL all of
    an account's data as a zip: every CV with all its versions, uploaded originals, shares,
    analytics and the account's data."""
    if (cv_id is None) == (email is None):
        raise click.UsageError("give a CV_ID or --user EMAIL (one of them)")
    if email is not None:
        if number is not None:
            raise click.UsageError("--version applies to one CV, not to --user")
        _export_user(ctx, email, output)
        return
    import asyncio

    from htdy.core.models import CV, CVVersion
    from htdy.core.services.cvs import parse_uuid
    from htdy.core.services.validation import validate_resume_or_raise

    async def main() -> dict[str, Any]:
        async with cli_services(ctx):
            cv = await CV.get_or_none(id=parse_uuid(str(cv_id)))
            if cv is None:
                raise NotFound(f"no CV {cv_id}")
            v = await CVVersion.get_or_none(cv_id=cv.id, number=number or cv.current_version)
            if v is None:
                raise NotFound(f"CV {cv_id} has no version {number}")
            return dict(v.resume)

    resume = asyncio.run(main())
    validate_resume_or_raise(resume)
    text = json.dumps(resume, indent=2, ensure_ascii=False) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _export_user(ctx: Context, email: str, output: str | None) -> None:
    import asyncio

    from htdy.core.models import User
    from htdy.core.services import export
    from htdy.core.services.accounts import normalise_email

    async def main() -> tuple[bytes, int]:
        async with cli_services(ctx, storage=True) as svc:
            user = await User.get_or_none(email=normalise_email(email))
            if user is None:
                raise NotFound(f"no user with email {email!r}")
            docs, blobs = await export.collect(svc, str(user.id))
            return await asyncio.to_thread(export.build_zip, docs, blobs), sum(p.endswith("/cv.json") for p in docs)

    data, n_cvs = asyncio.run(main())
    target = Path(output or f"htdy-export-{normalise_email(email).replace('@', '-at-')}.zip")
    target.write_bytes(data)
    click.echo(f"wrote {target} ({len(data):,} bytes, {n_cvs} CVs)")


commands = [import_cmd, export_cmd]
