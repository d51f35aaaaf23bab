"""One labelling pass over the corpus for every model: each document is parsed once by the
pipeline (rules only, with the training hook on), and its body lines, sections and entry headers
are labelled from the truth and the view it was rendered from.

The result is cached in ``var/corpus/dataset-<key>.pkl``; the key covers the corpus manifest and
the source of the feature and labelling code, so a change to either labels again.
"""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

from htdy.parsers.training.evaluate import documents

_SOURCES = ("extract/body_model.py", "extract/section_model.py", "extract/header_model.py",
            "training/body_dataset.py", "training/section_dataset.py", "training/header_dataset.py",
            "training/dataset.py")


def document_all(path: str, truth_path: str, entry: dict[str, Any]) -> dict[str, Any]:
    from htdy.parsers.extract.body_model import EXTRACTOR
    from htdy.parsers.extract.resume import TRACE, build
    from htdy.parsers.layout import extract_layout
    from htdy.parsers.training import body_dataset, header_dataset, section_dataset

    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    view_file = Path(truth_path).parent.parent / "views" / Path(truth_path).name
    view = json.loads(view_file.read_text(encoding="utf-8")) if view_file.exists() else None
    trace: dict[str, Any] = {}
    t1 = TRACE.set(trace)
    t2 = EXTRACTOR.set("rules")
    try:
        layout = extract_layout(Path(path).read_bytes(), "pdf" if path.endswith(".pdf") else "docx")
        build(layout)
    except Exception as e:
        return {"error": f"{type(e).__name__}: {e}"}
    finally:
        TRACE.reset(t1)
        EXTRACTOR.reset(t2)
    out: dict[str, Any] = {"error": None, "body": body_dataset.rows_from(trace, truth, layout.has_geometry)}
    if view is not None:
        out["sections"] = section_dataset.rows_from(trace, view)
        out.update(header_dataset.rows_from(trace, view))
    return out


def load(corpus: Path, jobs: int) -> list[dict[str, Any]]:
    """Per document: its family, language and labelled rows of every kind (cached)."""
    from rich.progress import track

    key = hashlib.sha256()
    manifest = corpus / "manifest.json"
    key.update(manifest.read_bytes() if manifest.exists() else b"")
    root = Path(__file__).resolve().parents[1]
    for src in _SOURCES:
        key.update((root / src).read_bytes())
    cache = corpus / f"dataset-{key.hexdigest()[:12]}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 (our own file, written below)
    docs = documents(corpus, None, None)
    out = []
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        futs = [pool.submit(document_all, str(p), str(t), m) for p, t, m in docs]
        for (p, _, m), fut in track(list(zip(docs, futs, strict=True)), description="labelling"):
            r = fut.result()
            r.update({"doc": p.name, "family": m.get("renderer", "?"), "lang": m.get("language", "?")})
            out.append(r)
    for old in corpus.glob("dataset-*.pkl"):
        old.unlink()
    with cache.open("wb") as fh:
        pickle.dump(out, fh)
    return out
