"""`make train`: the body-line model from the generated corpus, with leave-one-family-out figures.

    python -m htdy.parsers.training.train [--corpus var/corpus] [--out parsers/models/body_lines.txt]
                                          [--lofo] [--jobs 2]

Reproducible: fixed seeds, deterministic LightGBM, rows in document order. The model's metadata
(``body_lines.json`` beside it) records the corpus manifest hash, row counts, the held-out figures
and the calibration table (predicted probability → share right, on held-out families).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from htdy.parsers.extract.body_model import MODEL_FILE, ROLES
from htdy.parsers.training.evaluate import REPO, documents

PARAMS: dict[str, Any] = {
    "objective": "multiclass", "num_class": len(ROLES), "learning_rate": 0.08, "num_leaves": 31,
    "min_data_in_leaf": 20, "feature_fraction": 0.9, "bagging_fraction": 0.9, "bagging_freq": 1,
    "lambda_l2": 1.0, "seed": 7, "deterministic": True, "force_row_wise": True, "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 250
RULE_COL = 11 + 11  # own features, then the geometry block whose 12th value is the rule's role


def collect(corpus: Path, jobs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    from rich.progress import track

    from htdy.parsers.training.body_dataset import document_rows

    docs = documents(corpus, None, None)
    X: list[list[float]] = []
    y: list[int] = []
    fam: list[str] = []
    errors = 0
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        futs = [pool.submit(document_rows, str(p), str(t)) for p, t, _ in docs]
        for (_, _, m), fut in track(list(zip(docs, futs, strict=True)), description="labelling lines"):
            r = fut.result()
            errors += bool(r["error"])
            X.extend(r["rows"])
            y.extend(r["labels"])
            fam.extend([m.get("renderer", "?")] * len(r["labels"]))
    print(f"{len(docs)} documents, {len(y)} labelled body lines, {errors} parse errors", file=sys.stderr)
    names = sorted(set(fam))
    return np.asarray(X, dtype=np.float64), np.asarray(y), np.asarray(fam), names


def fit(X: np.ndarray, y: np.ndarray) -> Any:
    import lightgbm as lgb

    return lgb.train(PARAMS, lgb.Dataset(X, label=y), num_boost_round=ROUNDS)


def scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    out = {"accuracy": float((y == pred).mean()) if len(y) else 0.0}
    for k, r in enumerate(ROLES):
        tp = int(((pred == k) & (y == k)).sum())
        p, t = int((pred == k).sum()), int((y == k).sum())
        out[f"F1_{r}"] = 2 * tp / (p + t) if p + t else 1.0
    return out


def calibration(conf: np.ndarray, right: np.ndarray) -> list[dict[str, float]]:
    table = []
    for lo in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        hi = {0.0: 0.5, 0.5: 0.6, 0.6: 0.7, 0.7: 0.8, 0.8: 0.9, 0.9: 0.95, 0.95: 1.01}[lo]
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            table.append({"confidence": f"{lo:.2f}-{min(hi, 1.0):.2f}", "lines": int(sel.sum()),
                          "mean_confidence": round(float(conf[sel].mean()), 3),
                          "share_right": round(float(right[sel].mean()), 3)})
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO / "var" / "corpus"))
    ap.add_argument("--out", default=str(MODEL_FILE))
    ap.add_argument("--lofo", action="store_true", help="leave-one-family-out figures (one fit per family)")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    X, y, fam, families = collect(corpus, a.jobs)
    if not len(y):
        sys.exit("no labelled lines: build the corpus first (make corpus)")
    meta: dict[str, Any] = {"roles": list(ROLES), "features": int(X.shape[1]), "rows": int(len(y)),
                            "rows_per_role": {ROLES[k]: int(v) for k, v in sorted(Counter(y.tolist()).items())},
                            "rows_per_family": dict(sorted(Counter(fam.tolist()).items())),
                            "params": PARAMS, "rounds": ROUNDS}
    manifest = corpus / "manifest.json"
    if manifest.exists():
        meta["corpus_hash"] = json.loads(manifest.read_text(encoding="utf-8")).get("hash")
    if a.lofo:
        held: dict[str, Any] = {}
        confs, rights = [], []
        print(f"{'held-out family':<16s} {'lines':>6s} {'model acc':>9s} {'rules acc':>9s} "
              f"{'F1 B':>6s} {'F1 I':>6s} {'F1 S':>6s}")
        for f in families:
            test = fam == f
            if test.sum() == 0 or (~test).sum() == 0:
                continue
            booster = fit(X[~test], y[~test])
            prob = booster.predict(X[test])
            pred = prob.argmax(axis=1)
            s = scores(y[test], pred)
            s["rules_accuracy"] = float((X[test][:, RULE_COL].astype(int) == y[test]).mean())
            held[f] = {k: round(v, 4) for k, v in s.items()} | {"lines": int(test.sum())}
            confs.append(prob.max(axis=1))
            rights.append(pred == y[test])
            print(f"{f:<16s} {int(test.sum()):>6d} {s['accuracy']:9.3f} {s['rules_accuracy']:9.3f} "
                  f"{s['F1_B']:6.3f} {s['F1_I']:6.3f} {s['F1_S']:6.3f}")
        meta["leave_one_family_out"] = held
        if confs:
            meta["calibration"] = calibration(np.concatenate(confs), np.concatenate(rights))
            print("\ncalibration on held-out families (confidence → share right):")
            for row in meta["calibration"]:
                print(f"  {row['confidence']:>10s}  {row['lines']:>6d} lines  mean {row['mean_confidence']:.3f}"
                      f"  right {row['share_right']:.3f}")
    booster = fit(X, y)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(out))
    meta["train_accuracy"] = round(float((booster.predict(X).argmax(axis=1) == y).mean()), 4)
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"model: {out} ({out.stat().st_size // 1024} KB), {len(y)} rows, "
          f"train accuracy {meta['train_accuracy']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
