"""``htdy match AD``: rank the discoverable CVs against a job ad (a text, PDF or DOCX file, or
``-`` for standard input) from the command line, as ``POST /api/v1/match`` does."""
from __future__ import annotations

import json
import sys

import click

from htdy.core.commands.cli import Context, pass_ctx


@click.command("match")
@click.argument("ad", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--matcher", help="A matcher by name (default: [matching] default; `htdy plugins` lists them).")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Candidates to show.")
@click.option("--location", help="Only candidates whose location has these words (e.g. Berlin).")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON answer instead of a table.")
@pass_ctx
def command(ctx: Context, ad: str, matcher: str | None, limit: int, location: str | None, as_json: bool) -> None:
    """Rank discoverable CVs against the job ad in AD (text, PDF or DOCX; `-` reads text from
    standard input). Shows each candidate's fit, the required skills it has and lacks, and
    why. Needs the database and the search index of the configured deployment."""
    import asyncio

    from htdy.core.commands.import_export import cli_services
    from htdy.core.services import job_ads, matching

    data = sys.stdin.buffer.read() if ad == "-" else open(ad, "rb").read()  # noqa: SIM115 - read at once

    async def main() -> dict[str, object]:
        async with cli_services(ctx) as svc:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = None
            parsed = job_ads.read(text) if text is not None and "\x00" not in text \
                else await matching.ad_from_file(svc, data, None if ad == "-" else ad, in_process=True)
            return await matching.match(svc, parsed, matcher_name=matcher, limit=limit,
                                        filters={"location": location} if location else None)

    out = asyncio.run(main())
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    read = out["ad"]
    assert isinstance(read, dict)
    click.echo(f"{read['title'] or '(no title)'} — requires {', '.join(read['required']) or 'no known skill'}"
               + (f"; nice to have {', '.join(read['preferred'])}" if read["preferred"] else "")
               + (f"; {read['min_years']:g}+ years" if read["min_years"] else "") + f" [{out['matcher']}]")
    items = out["items"]
    assert isinstance(items, list)
    if not items:
        click.echo("no discoverable CV shares a skill or title with this ad")
    for i, it in enumerate(items, 1):
        click.echo(f"{i:>3}. {round(it['fit'] * 100):>3} %  {it['name'] or '(no name)'} — {it['title'] or ''}"
                   f"  /p/{it['slug']}")
        click.echo(f"         has: {', '.join(it['matched_skills']) or '-'}"
                   + (f"  missing: {', '.join(it['missing_skills'])}" if it["missing_skills"] else "")
                   + (f"  relevant years: {it['relevant_years']:g}" if it["relevant_years"] else ""))
