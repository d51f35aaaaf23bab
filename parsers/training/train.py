"""`make train`: the learned models from the generated corpus, with leave-one-family-out figures.

    python -m htdy.parsers.training.train [--corpus var/corpus] [--out-dir parsers/models]
                                          [--lofo] [--exclude-family F] [--jobs 2]

One labelling pass (``dataset.py``, cached) feeds every model:
``body_lines.txt`` (LightGBM: which entry-body lines start a highlight, go on, or are description;
``extract/body_model.py``), ``sections.txt`` (LightGBM: what a section under an unknown heading
holds; ``extract/section_model.py``), ``headers_work.crfsuite`` / ``headers_education.crfsuite``
(CRFs over the words of entry headers; ``extract/header_model.py``).
Reproducible: fixed seeds, deterministic LightGBM, documents in name order. Each model's
metadata (``.json`` beside it) records the corpus manifest hash, row counts, the held-out
figures and, for the LightGBM models, a calibration table on held-out families.
``--exclude-family F`` trains without family F (for end-to-end held-out scoring with
``evaluate --families F --models DIR``).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from htdy.parsers.extract import body_model, header_model, section_model
from htdy.parsers.training.dataset import load
from htdy.parsers.training.evaluate import REPO

PARAMS: dict[str, Any] = {
    "objective": "multiclass", "learning_rate": 0.08, "num_leaves": 31, "min_data_in_leaf": 20,
    "feature_fraction": 0.9, "bagging_fraction": 0.9, "bagging_freq": 1, "lambda_l2": 1.0, "seed": 7,
    "deterministic": True, "force_row_wise": True, "num_threads": 2, "verbose": -1,
}
ROUNDS = 200
# name: (class names, file name, column holding the rule's own answer or None)
TREES: dict[str, tuple[tuple[str, ...], str, int | None]] = {
    "body": (body_model.ROLES, body_model.MODEL_FILE.name, 11 + 11),
    "sections": (section_model.KEYS, section_model.MODEL_FILE.name, None),
}
CRF = {"c1": 0.05, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}


def fit(X: np.ndarray, y: np.ndarray, classes: int) -> Any:
    import lightgbm as lgb

    return lgb.train(PARAMS | {"num_class": classes}, lgb.Dataset(X, label=y), num_boost_round=ROUNDS)


def calibration(conf: np.ndarray, right: np.ndarray) -> list[dict[str, Any]]:
    edges = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)
    table = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            table.append({"confidence": f"{lo:.2f}-{min(hi, 1.0):.2f}", "rows": int(sel.sum()),
                          "mean_confidence": round(float(conf[sel].mean()), 3),
                          "share_right": round(float(right[sel].mean()), 3)})
    return table


def train_trees(name: str, data: list[dict[str, Any]], out: Path, lofo: bool, meta0: dict[str, Any]) -> None:
    names, fname, rule_col = TREES[name]
    X_, y_, fam_ = [], [], []
    for d in data:
        r = d.get(name) or {"rows": [], "labels": []}
        X_.extend(r["rows"])
        y_.extend(r["labels"])
        fam_.extend([d["family"]] * len(r["labels"]))
    if not y_:
        print(f"{name}: no labelled rows", file=sys.stderr)
        return
    X, y, fam = np.asarray(X_, dtype=np.float64), np.asarray(y_), np.asarray(fam_)
    meta = meta0 | {"classes": list(names), "features": int(X.shape[1]), "rows": int(len(y)),
                    "rows_per_class": {names[k]: int(v) for k, v in sorted(Counter(y.tolist()).items())},
                    "rows_per_family": dict(sorted(Counter(fam.tolist()).items())), "params": PARAMS,
                    "rounds": ROUNDS}
    if lofo:
        held, confs, rights = {}, [], []
        print(f"\n{name}: held-out family       rows  model acc  rules acc  per-class F1")
        for f in sorted(set(fam.tolist())):
            test = fam == f
            if not (~test).any():
                continue
            prob = fit(X[~test], y[~test], len(names)).predict(X[test])
            pred = prob.argmax(axis=1)
            acc = float((pred == y[test]).mean())
            rules = float((X[test][:, rule_col].astype(int) == y[test]).mean()) if rule_col is not None else None
            f1 = {}
            for k, n in enumerate(names):
                tp, p_, t_ = int(((pred == k) & (y[test] == k)).sum()), int((pred == k).sum()), int((y[test] == k).sum())
                if t_:
                    f1[n] = round(2 * tp / (p_ + t_), 3)
            held[f] = {"rows": int(test.sum()), "accuracy": round(acc, 4), "rules_accuracy": rules, "F1": f1}
            confs.append(prob.max(axis=1))
            rights.append(pred == y[test])
            print(f"  {f:<22s} {int(test.sum()):>6d} {acc:10.3f} {'' if rules is None else f'{rules:10.3f}':>10s}  "
                  + " ".join(f"{k}:{v:.2f}" for k, v in f1.items()))
        meta["leave_one_family_out"] = held
        meta["calibration"] = calibration(np.concatenate(confs), np.concatenate(rights))
        print(f"{name}: calibration on held-out families (confidence → share right)")
        for row in meta["calibration"]:
            print(f"  {row['confidence']:>10s} {row['rows']:>6d} rows  mean {row['mean_confidence']:.3f}  "
                  f"right {row['share_right']:.3f}")
    booster = fit(X, y, len(names))
    booster.save_model(str(out / fname))
    meta["train_accuracy"] = round(float((booster.predict(X).argmax(axis=1) == y).mean()), 4)
    (out / fname).with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{name}: {out / fname} ({(out / fname).stat().st_size // 1024} KB, {len(y)} rows)", file=sys.stderr)


def _runs(labels: list[str]) -> set[tuple[str, int, int]]:
    runs, i = set(), 0
    while i < len(labels):
        j = i
        while j + 1 < len(labels) and labels[j + 1] == labels[i]:
            j += 1
        if labels[i] != "O":
            runs.add((labels[i], i, j))
        i = j + 1
    return runs


def fit_crf(seqs: list[Any], path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in seqs:
        trainer.append(x, y)
    trainer.set_params(CRF)
    trainer.train(str(path))


def crf_scores(seqs: list[Any], path: Path) -> dict[str, Any]:
    """Exact-run F1 per label on held-out sequences, and token accuracy."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ntrue: Counter[str] = Counter()
    right = total = 0
    for x, y in seqs:
        pred = tagger.tag(x)
        right += sum(a == b for a, b in zip(pred, y, strict=True))
        total += len(y)
        g, p = _runs(y), _runs(pred)
        ntrue.update(lab for lab, *_ in g)
        npred.update(lab for lab, *_ in p)
        tp.update(lab for lab, *_ in g & p)
    return {"token_accuracy": round(right / max(total, 1), 4), "sequences": len(seqs),
            "F1": {lab: round(2 * tp[lab] / (npred[lab] + ntrue[lab]), 3) for lab in sorted(ntrue)}}


def train_crfs(data: list[dict[str, Any]], out: Path, lofo: bool, meta0: dict[str, Any]) -> None:
    for kind in ("work", "education"):
        seqs = [(s, d["family"]) for d in data for s in d.get(kind) or []]
        if not seqs:
            print(f"headers_{kind}: no labelled headers", file=sys.stderr)
            continue
        meta = meta0 | {"kind": kind, "sequences": len(seqs), "params": CRF,
                        "labels": dict(Counter(lab for (_, y), _ in seqs for lab in y)),
                        "per_family": dict(sorted(Counter(f for _, f in seqs).items()))}
        if lofo:
            print(f"\nheaders_{kind}: held-out family, token accuracy and exact-run F1 per label")
            held = {}
            with tempfile.TemporaryDirectory() as tmp:
                for f in sorted({f for _, f in seqs}):
                    train = [s for s, g in seqs if g != f]
                    if not train:
                        continue
                    fit_crf(train, Path(tmp) / "m.crfsuite")
                    held[f] = crf_scores([s for s, g in seqs if g == f], Path(tmp) / "m.crfsuite")
                    print(f"  {f:<22s} {held[f]['sequences']:>5d} seqs  tokens {held[f]['token_accuracy']:.3f}  "
                          + " ".join(f"{k}:{v:.2f}" for k, v in held[f]["F1"].items()))
            meta["leave_one_family_out"] = held
        path = out / f"headers_{kind}.crfsuite"
        fit_crf([s for s, _ in seqs], path)
        path.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        print(f"headers_{kind}: {path} ({path.stat().st_size // 1024} KB, {len(seqs)} sequences)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO / "var" / "corpus"))
    ap.add_argument("--out-dir", default=str(header_model.MODELS))
    ap.add_argument("--only", choices=["body", "sections", "headers"], help="train one model only")
    ap.add_argument("--lofo", action="store_true", help="leave-one-family-out figures (one fit per family)")
    ap.add_argument("--exclude-family", help="train without this family")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    corpus, out = Path(a.corpus), Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = load(corpus, a.jobs)
    if a.exclude_family:
        data = [d for d in data if d["family"] != a.exclude_family]
    errors = sum(1 for d in data if d.get("error"))
    print(f"{len(data)} documents ({errors} could not be parsed)", file=sys.stderr)
    manifest = corpus / "manifest.json"
    meta0 = {"corpus_hash": json.loads(manifest.read_text(encoding="utf-8")).get("hash") if manifest.exists()
             else None, "documents": len(data), "excluded_family": a.exclude_family}
    for name in TREES:
        if a.only in (None, name):
            train_trees(name, data, out, a.lofo, meta0)
    if a.only in (None, "headers"):
        train_crfs(data, out, a.lofo, meta0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
