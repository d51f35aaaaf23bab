"""``htdy perf match`` — how well each matcher ranks CVs for a job ad, against plain full-text
search, on the generated labelled set (``perf/match_data.py``: the generation, the written
relevance rules and the metrics).

Indexes the generated CVs into a fresh search backend (embedded SQLite FTS5 in a temporary
folder, or ``--backend opensearch --hosts URL``), reads each ad with htdy's job-ad reader and
asks every installed matcher (or ``--matcher NAME``) for its top 20. The baseline is plain
full-text search: the ad's words, OR-ed, ranked by the backend's BM25
(``SearchBackend.candidates`` with words only — no skills vocabulary, no titles). Prints a
table per language and ends with ``NDCG10_<MATCHER>=`` and ``RECALL20_<MATCHER>=`` lines
(``FULLTEXT`` for the baseline). ``--dump DIR`` writes the labelled set as JSON."""
from __future__ import annotations

import asyncio
import json
import re
import tempfile
import time
import uuid
from pathlib import Path
from statistics import mean
from typing import Any

import click

from htdy.perf.match_data import Ad, Profile, generate, ndcg_at, recall_at

BASELINE = "fulltext"


def _const(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")


async def _backend(kind: str, hosts: tuple[str, ...], folder: str) -> Any:
    if kind == "embedded":
        from htdy.plugins.search_backends.embedded import EmbeddedSearch

        backend: Any = EmbeddedSearch(EmbeddedSearch.Options(path=f"{folder}/search.sqlite3"))
    else:
        from htdy.plugins.search_backends.opensearch import OpenSearchSearch

        backend = OpenSearchSearch(OpenSearchSearch.Options(hosts=list(hosts) or ["http://127.0.0.1:9200"],
                                                            index_prefix=f"perf-match-{uuid.uuid4().hex[:8]}",
                                                            replicas=0))
    await backend.start()
    return backend


async def run(profiles: int, ads: int, seed: int, kind: str, hosts: tuple[str, ...], matchers: tuple[str, ...],
              config: str | None, progress: Any = None) -> dict[str, Any]:
    from htdy.core.host.config import load_settings
    from htdy.core.host.interfaces import CandidateQuery
    from htdy.core.host.plugin_checks import instantiate
    from htdy.core.host.plugins import build_registries, get_plugin_manager
    from htdy.core.services import job_ads
    from htdy.core.services.search_document import document_for

    report = progress or (lambda phase, done, total: None)
    settings = load_settings(config)
    regs = build_registries(get_plugin_manager(), slots=("matchers",))
    names = list(matchers) or regs.matchers.names()
    pool, set_ = generate(profiles, ads, seed)
    with tempfile.TemporaryDirectory(prefix="htdy-perf-match-") as folder:
        backend = await _backend(kind, hosts, folder)
        try:
            for i, p in enumerate(pool):
                await backend.index(p.id, document_for(p.id, p.id, p.resume))
                report("index", i + 1, len(pool))
            ranked: dict[str, dict[str, list[str]]] = {BASELINE: {}}
            seconds: dict[str, float] = {}
            t0 = time.perf_counter()
            for ad in set_:
                hits = await backend.candidates(CandidateQuery(words=[ad.text]), limit=20)
                ranked[BASELINE][ad.id] = [h.cv_id for h in hits]
            seconds[BASELINE] = time.perf_counter() - t0
            for name in names:
                m = instantiate(settings, regs.matchers, name)
                await m.start()
                try:
                    ranked[name] = {}
                    t0 = time.perf_counter()
                    for j, ad in enumerate(set_):
                        hits = await m.match(job_ads.read(ad.text), backend, limit=20)
                        ranked[name][ad.id] = [h.cv_id for h in hits]
                        report(name, j + 1, len(set_))
                    seconds[name] = time.perf_counter() - t0
                finally:
                    await m.close()
        finally:
            await backend.close()
    return {"pool": pool, "ads": set_, "ranked": ranked, "seconds": seconds}


def scores(ads: list[Ad], ranked: dict[str, list[str]]) -> dict[str, float]:
    return {"ndcg10": mean(ndcg_at(ranked[a.id], a.grades) for a in ads),
            "recall20": mean(recall_at(ranked[a.id], a.grades) for a in ads)}


def dump(folder: Path, pool: list[Profile], ads: list[Ad]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profiles.json").write_text(json.dumps(
        [{"id": p.id, "role": p.role.id, "family": p.role.family, "lang": p.lang, "skills": sorted(p.skills),
          "years_in_role": p.years_in_role, "resume": p.resume} for p in pool], ensure_ascii=False, indent=1))
    (folder / "ads.json").write_text(json.dumps(
        [{"id": a.id, "role": a.role.id, "lang": a.lang, "required": a.required, "preferred": a.preferred,
          "min_years": a.min_years, "text": a.text, "grades": a.grades} for a in ads], ensure_ascii=False, indent=1))


@click.command("match")
@click.option("--profiles", default=300, show_default=True, help="CVs in the candidate pool (at least 200 "
              "for the reported figures).")
@click.option("--ads", default=40, show_default=True, help="Job ads (roles and five languages cycled).")
@click.option("--seed", default=7, show_default=True, help="Seed of the generator (same seed, same set).")
@click.option("--backend", "kind", type=click.Choice(["embedded", "opensearch"]), default="embedded",
              show_default=True, help="The search backend the candidates come from.")
@click.option("--hosts", multiple=True, help="OpenSearch URL(s) for --backend opensearch.")
@click.option("--matcher", "matchers", multiple=True, help="Evaluate only this matcher (repeatable); "
              "default: every installed one.")
@click.option("--dump", "dump_to", type=click.Path(file_okay=False, path_type=Path),
              help="Also write the labelled set (profiles.json, ads.json with grades) here.")
@click.pass_context
def command(ctx: click.Context, profiles: int, ads: int, seed: int, kind: str, hosts: tuple[str, ...],
            matchers: tuple[str, ...], dump_to: Path | None) -> None:
    """NDCG@10 and recall@20 of each matcher and of plain full-text search on a generated,
    graded set of job ads and CVs (rules: perf/match_data.py, docs/matching.md)."""
    from htdy.core.commands.progress import PhaseBar

    if profiles < 1 or ads < 1:
        raise click.BadParameter("--profiles and --ads must be at least 1")
    config = getattr(ctx.find_root().obj, "config_path", None)
    with PhaseBar({"index": "indexing CVs", **{m: f"matching: {m}" for m in matchers}}, transient=True) as bar:
        out = asyncio.run(run(profiles, ads, seed, kind, hosts, matchers, config, bar))
    if dump_to:
        dump(dump_to, out["pool"], out["ads"])
    langs = sorted({a.lang for a in out["ads"]})
    click.echo(f"{len(out['ads'])} job ads × {len(out['pool'])} CVs, backend {kind}, seed {seed}")
    click.echo(f"{'matcher':<12} {'NDCG@10':>8} {'R@20':>6}  " + "  ".join(f"{x:>11}" for x in langs)
               + "   s/ad")
    results = {}
    for name, ranked in out["ranked"].items():
        total = scores(out["ads"], ranked)
        results[name] = total
        per = [scores([a for a in out["ads"] if a.lang == x], ranked) for x in langs]
        click.echo(f"{name:<12} {total['ndcg10']:>8.3f} {total['recall20']:>6.3f}  "
                   + "  ".join(f"{p['ndcg10']:.2f}/{p['recall20']:.2f}".rjust(11) for p in per)
                   + f"   {out['seconds'][name] / len(out['ads']):.3f}")
    click.echo("(per language: NDCG@10/recall@20)")
    for name, total in results.items():
        click.echo(f"NDCG10_{_const(name)}={total['ndcg10']:.4f}")
        click.echo(f"RECALL20_{_const(name)}={total['recall20']:.4f}")
