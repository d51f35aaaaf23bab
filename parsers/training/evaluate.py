"""`make parse-eval`: score the parser on the generated corpus (or any scorer-style set), per family
and per language, with the shared scorer's own field rules.

    python -m htdy.parsers.training.evaluate [--corpus var/corpus] [--docs DIR --truth DIR]
        [--extractor rules|model] [--families a,b] [--limit N] [--jobs 2] [--json OUT]

Prints the per-field table, a table per family and per language, text coverage (share of the
document's words found in the output, `extras.unassigned` included) and the scorer's
``OVERALL_F1=`` / ``CONTENT_F1=`` lines. The scorer lives in ``../shared/tools`` (``--scorer``).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SCORER = REPO.parent / "shared" / "tools" / "score_parser.py"


def load_scorer(path: Path) -> ModuleType:
    if not path.exists():
        sys.exit(f"scorer not found: {path} (pass --scorer)")
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("score_parser", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def documents(corpus: Path | None, docs: Path | None, truth: Path | None) -> list[tuple[Path, Path, dict]]:
    """(document, truth file, manifest entry) for every document of the set(s)."""
    sets = [(docs, truth)] if docs else [(s / "docs", s / "truth") for s in sorted(corpus.glob("s*"))]  # type: ignore[union-attr]
    out = []
    for d, t in sets:
        if d is None or t is None or not d.exists():
            continue
        mp = d / "MANIFEST.json"
        manifest = json.loads(mp.read_text(encoding="utf-8")).get("docs", {}) if mp.exists() else {}
        for p in sorted(d.iterdir()):
            if manifest and p.name not in manifest:
                continue  # still being rendered (the manifest is written at the end of a build)
            if p.suffix in (".pdf", ".docx") and re.match(r"\d{3}-", p.name):
                out.append((p, t / f"{p.name[:3]}.json", manifest.get(p.name, {})))
    return out


def use_models(models: str | None) -> None:
    """Point the learned parts at the model files in ``models`` (leave-one-family-out runs)."""
    if not models:
        return
    from htdy.parsers.extract import body_model, header_model, section_model

    d = Path(models)
    body_model.MODEL_FILE = d / body_model.MODEL_FILE.name
    section_model.MODEL_FILE = d / section_model.MODEL_FILE.name
    header_model.MODELS = d
    for f in (body_model._booster, section_model._booster, header_model._tagger):
        f.cache_clear()


def parse_one(path: str, extractor: str, models: str | None = None, policy: str | None = None
              ) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    from htdy.parsers.base import DocxParser, PdfParser
    from htdy.parsers.extract import header_model

    use_models(models)
    if policy:  # "FILL,REPLACE" confidences of the header model (experiments)
        fill, work, edu = (float(x) for x in policy.split(","))
        header_model.FILL, header_model.REPLACE = fill, {"work": work, "education": edu}
    cls = PdfParser if path.endswith(".pdf") else DocxParser
    opts = cls.Options(extractor=extractor) if "extractor" in cls.Options.model_fields else cls.Options()
    try:
        res = cls(opts).parse(Path(path).read_bytes(), filename=path)
        return res.resume, res.extras, None
    except Exception as e:
        return {}, {}, f"{type(e).__name__}: {e}"


def coverage(path: Path, resume: dict[str, Any], extras: dict[str, Any]) -> tuple[int, int]:
    """Document words (≥ 2 letters) found in the output: (found, total)."""
    from htdy.parsers.training.masks import document_text, norm_text

    text, _ = document_text(path)
    words = re.findall(r"\w{2,}", norm_text(text))
    out = norm_text(json.dumps([resume, extras.get("unassigned", [])], ensure_ascii=False))
    have = set(re.findall(r"\w{2,}", out))
    return sum(1 for w in words if w in have), len(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.evaluate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO / "var" / "corpus"))
    ap.add_argument("--docs")
    ap.add_argument("--truth")
    ap.add_argument("--extractor", default="model")
    ap.add_argument("--families")
    ap.add_argument("--languages")
    ap.add_argument("--limit", type=int, default=0, help="at most N documents (evenly spread)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", help="write per-document results here")
    ap.add_argument("--scorer", default=str(DEFAULT_SCORER))
    ap.add_argument("--no-coverage", action="store_true")
    ap.add_argument("--policy", help="FILL,REPLACE_WORK,REPLACE_EDUCATION confidences of the header model (experiments)")
    ap.add_argument("--models", help="directory holding the model files to use (default: the shipped ones)")
    a = ap.parse_args(argv)
    sc = load_scorer(Path(a.scorer))
    docs = documents(Path(a.corpus), Path(a.docs) if a.docs else None, Path(a.truth) if a.truth else None)
    if a.families:
        docs = [d for d in docs if d[2].get("renderer") in a.families.split(",")]
    if a.languages:
        docs = [d for d in docs if d[2].get("language") in a.languages.split(",")]
    if a.limit and len(docs) > a.limit:
        step = len(docs) / a.limit
        docs = [docs[int(i * step)] for i in range(a.limit)]
    if not docs:
        sys.exit("no documents")
    from rich.progress import track

    total: dict[str, Any] = defaultdict(sc.Counts)
    groups: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(sc.Counts))
    cov = [0, 0]
    rows = []
    with cf.ProcessPoolExecutor(max_workers=a.jobs) as pool:
        futs = [pool.submit(parse_one, str(p), a.extractor, a.models, a.policy) for p, _, _ in docs]
        for (p, t, m), fut in track(list(zip(docs, futs, strict=True)), description="parsing",
                                    transient=True):
            resume, extras, err = fut.result()
            truth = json.loads(t.read_text(encoding="utf-8-sig"))
            counts = sc.score_doc(truth, resume, m)
            fam, lang = m.get("renderer") or p.name.split("-")[1], m.get("language") or "?"
            for f, c in counts.items():
                total[f].add(c)
                groups[f"family {fam}"][f].add(c)
                groups[f"lang {lang}"][f].add(c)
            if not a.no_coverage and not err:
                f_, n_ = coverage(p, resume, extras)
                cov[0] += f_
                cov[1] += n_
            rows.append({"doc": str(p), "family": fam, "lang": lang, "error": err,
                         "f1": round(sc.macro(counts), 4)})
    print(f"documents: {len(docs)}   failures: {sum(1 for r in rows if r['error'])}")
    print(f"{'field':<22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'true':>6s}")
    for f in sc.FIELDS + sc.CONTENT_FIELDS:
        p_, r_, f1 = total[f].prf()
        print(f"{f:<22s} {sc.fmt(p_):>6s} {sc.fmt(r_):>6s} {sc.fmt(f1):>6s} {total[f].true:>6d}")
    print()
    print(f"{'group':<34s} {'docs':>5s} {'OVERALL':>8s} {'CONTENT':>8s}  weakest fields")
    for g in sorted(groups):
        n = sum(1 for r in rows if f"family {r['family']}" == g or f"lang {r['lang']}" == g)
        weak = sorted((total_f1, f) for f in sc.FIELDS
                      if groups[g][f].true and (total_f1 := groups[g][f].prf()[2]) is not None)[:3]
        print(f"{g:<34s} {n:>5d} {sc.macro(groups[g]):8.3f} {sc.fmt(sc.content_macro(groups[g])):>8s}  "
              + ", ".join(f"{f} {v:.2f}" for v, f in weak))
    if cov[1]:
        print(f"\ntext coverage: {cov[0] / cov[1]:.4f} of {cov[1]} document words")
    print(f"\nOVERALL_F1={sc.macro(total):.4f}")
    content = sc.content_macro(total)
    print(f"CONTENT_F1={content:.4f}" if content is not None else "CONTENT_F1=n/a")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
