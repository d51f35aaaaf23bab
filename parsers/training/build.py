"""`make corpus`: render invented people through every family's templates.

    python -m htdy.parsers.training.build [--people 1200] [--docs-per-person 2] [--out var/corpus]
                                          [--families a,b] [--jobs 2] [--setup]

Person ``i`` (seed ``i``) speaks ``LANGS[i % len(LANGS)]`` and is rendered by ``--docs-per-person``
(family, template) pairs drawn from the families that support the language, families first (so
every family gets its share), then a template. Output: shards of ≤ 1000 people (the scorer keys
truth by a three-digit prefix) ``OUT/sK/docs/NNN-<family>-<template>-<lang>.(pdf|docx)``,
``OUT/sK/truth/NNN.json`` and ``OUT/sK/docs/MANIFEST.json`` (masks), plus ``OUT/manifest.json``
(counts per family, template and language, tool versions, and a hash that training records).
Resumable: a document already on disk is not rendered again; a failed render is logged and left out.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import importlib
import inspect
import json
import random
import subprocess
import sys
import traceback
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from htdy.parsers.training.families import FAMILIES
from htdy.parsers.training.masks import document_text, manifest_entry

REPO = Path(__file__).resolve().parents[2]


def family_modules(names: list[str] | None = None) -> dict[str, ModuleType]:
    out = {}
    for name, mod in FAMILIES.items():
        if names and name not in names:
            continue
        try:
            out[name] = importlib.import_module(mod)
        except ImportError as e:  # a family whose tools are missing is left out, and said so
            print(f"family {name} left out: {e}", file=sys.stderr)
    return out


def plan(people: int, per_person: int, fams: dict[str, ModuleType], start: int = 0,
         only: set[str] | None = None) -> list[dict[str, Any]]:
    """Jobs for people ``start``… ; ``only`` keeps the templates named there (``template`` or
    ``family/template``), e.g. to build a held-out probe set of new templates."""
    from htdy.parsers.training.people import LANGS

    def wanted(f: str, t: str) -> bool:
        return only is None or t in only or f"{f}/{t}" in only

    jobs = []
    for i in range(start, start + people):
        lang = LANGS[i % len(LANGS)]
        rng = random.Random(f"plan-{i}")
        options = {f: [t for t in m.templates() if wanted(f, t) and m.supports(t, lang)]
                   for f, m in fams.items()}
        options = {f: ts for f, ts in options.items() if ts}
        chosen: set[tuple[str, str]] = set()
        fam_names = sorted(options)
        rng.shuffle(fam_names)
        for f in fam_names[:per_person]:
            chosen.add((f, rng.choice(options[f])))
        own = sorted((f, t) for f, t in chosen if hasattr(fams[f], "make_person"))
        if own:  # a family with its own people: the person's truth is that family's, so one document
            chosen = {own[0]}
        for f, t in sorted(chosen):
            shard, nnn = divmod(i, 1000)
            jobs.append({"seed": i, "lang": lang, "family": f, "template": t,
                         "shard": f"s{shard}", "id": f"{nnn:03d}",
                         "stem": f"{nnn:03d}-{f}-{t}-{lang}"})
    return jobs


def _render(job: dict[str, Any], out: str) -> dict[str, Any]:
    """One document (runs in a worker process): render, then compute its masks."""
    from htdy.parsers.training.people import make_person

    fam = importlib.import_module(FAMILIES[job["family"]])
    if hasattr(fam, "make_person"):  # a family with people of its own (e.g. long academic CVs)
        person = fam.make_person(job["seed"], job["lang"], job["template"])
    else:
        person = make_person(job["seed"], job["lang"])
    docs = Path(out) / job["shard"] / "docs"
    truth = Path(out) / job["shard"] / "truth" / f"{job['id']}.json"
    docs.mkdir(parents=True, exist_ok=True)
    truth.parent.mkdir(parents=True, exist_ok=True)
    view = Path(out) / job["shard"] / "views" / f"{job['id']}.json"
    view.parent.mkdir(parents=True, exist_ok=True)
    if not truth.exists():  # the person as rendered (people.py may change later: labels read these)
        truth.write_text(json.dumps(person.resume, ensure_ascii=False, indent=1), encoding="utf-8")
        view.write_text(json.dumps(person.view, ensure_ascii=False, indent=1), encoding="utf-8")
    existing = [p for p in (docs / f"{job['stem']}.pdf", docs / f"{job['stem']}.docx") if p.exists()]
    try:
        if existing:
            path = existing[0]
        else:
            kw = {"resume": person.resume} if "resume" in inspect.signature(fam.render).parameters else {}
            path = fam.render(person.view, job["template"], docs / job["stem"], **kw)
        text, links = document_text(path)
        entry = manifest_entry(person.resume, text, links)
        if job["template"] in getattr(fam, "YEAR_ONLY", ()):  # a theme that prints years only
            entry["year_only"] = [f"{sec}[{i}].{f}" for sec in ("work", "education")
                                  for i, e in enumerate(person.resume.get(sec) or [])
                                  for f in ("startDate", "endDate") if len(str(e.get(f) or "")) > 4]
    except Exception as e:  # a broken template must not stop the corpus
        return {**job, "error": f"{type(e).__name__}: {e}"[:300], "trace": traceback.format_exc()[-800:]}
    return {**job, "file": path.name, "format": path.suffix[1:], "size": path.stat().st_size,
            "chars": len(text), **entry}


def _tool_versions() -> dict[str, str]:
    out = {}
    for cmd in (["chromium", "--version"], ["soffice", "--version"], ["pdflatex", "--version"],
                ["pandoc", "--version"], ["node", "--version"]):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
            out[cmd[0]] = (r.stdout.splitlines() or [""])[0].strip()
        except (OSError, subprocess.TimeoutExpired):
            out[cmd[0]] = "absent"
    import typst
    import weasyprint
    out["weasyprint"] = weasyprint.__version__
    out["typst"] = getattr(typst, "__version__", "?")
    return out


def write_manifests(out: Path, results: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in results if "error" not in r]
    for shard in sorted({r["shard"] for r in ok}):
        docs = {r["file"]: {"truth": r["id"], "renderer": r["family"], "theme": r["template"],
                            "format": r["format"], "language": r["lang"], "size": r["size"],
                            "chars": r["chars"], "absent": r["absent"], "year_only": r["year_only"],
                            "absent_urls": r["absent_urls"], "absent_skill_items": r["absent_skill_items"],
                            "absent_languages": r["absent_languages"]}
                for r in sorted(ok, key=lambda r: r["stem"]) if r["shard"] == shard}
        (out / shard / "docs" / "MANIFEST.json").write_text(json.dumps(
            {"about": "generated by htdy.parsers.training.build (invented people)", "docs": docs},
            ensure_ascii=False, indent=1), encoding="utf-8")
    digest = hashlib.sha256()
    for r in sorted(ok, key=lambda r: (r["shard"], r["stem"])):
        digest.update(f"{r['shard']}/{r['file']}:{r['size']}\n".encode())
    manifest = {
        "documents": len(ok), "failed": len(results) - len(ok),
        "people": len({r["seed"] for r in ok}),
        "per_family": dict(sorted(Counter(r["family"] for r in ok).items())),
        "per_template": dict(sorted(Counter(f"{r['family']}/{r['template']}" for r in ok).items())),
        "per_language": dict(sorted(Counter(r["lang"] for r in ok).items())),
        "per_format": dict(sorted(Counter(r["format"] for r in ok).items())),
        "failures": [{k: r[k] for k in ("stem", "error")} for r in results if "error" in r][:200],
        "tools": _tool_versions(),
        "hash": digest.hexdigest()[:16],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.build", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=1200)
    ap.add_argument("--start", type=int, default=0, help="first person seed")
    ap.add_argument("--docs-per-person", type=int, default=2)
    ap.add_argument("--out", default=str(REPO / "var" / "corpus"))
    ap.add_argument("--families", help="comma-separated family names (default: all)")
    ap.add_argument("--templates", help="comma-separated templates (name or family/name) to keep")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--setup", action="store_true", help="run each family's one-off tool set-up first")
    a = ap.parse_args(argv)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    fams = family_modules(a.families.split(",") if a.families else None)
    if a.setup:
        for name, m in fams.items():
            print(f"setting up {name} …", file=sys.stderr)
            m.setup()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    only = set(a.templates.split(",")) if a.templates else None
    jobs = plan(a.people, a.docs_per_person, fams, a.start, only)
    results: list[dict[str, Any]] = []
    log = (out / "failures.log").open("a", encoding="utf-8")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()) as bar, \
            cf.ProcessPoolExecutor(max_workers=a.jobs) as pool:
        task = bar.add_task("rendering", total=len(jobs))
        futs = {pool.submit(_render, j, str(out)): j for j in jobs}
        for fut in cf.as_completed(futs):
            try:
                r = fut.result()
            except Exception as e:  # the worker itself died
                r = {**futs[fut], "error": f"worker died: {e}"}
            if "error" in r:
                log.write(f"{r['stem']}: {r['error']}\n{r.get('trace', '')}\n")
            results.append(r)
            bar.advance(task)
    log.close()
    # documents rendered by earlier runs of other seeds stay in the manifest
    prev = out / "results.jsonl"
    known = {}
    if prev.exists():
        for line in prev.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            known[(r["shard"], r["stem"])] = r
    for r in results:
        known[(r["shard"], r["stem"])] = r
    prev.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in known.values()), encoding="utf-8")
    manifest = write_manifests(out, list(known.values()))
    print(json.dumps({k: manifest[k] for k in ("documents", "failed", "people", "per_family", "per_language")},
                     ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
