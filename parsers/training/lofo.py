"""Leave-one-family-out, end to end: for each renderer family, train every model without it, then
score that family's documents with the rules alone and with the held-out models.

    python -m htdy.parsers.training.lofo [--corpus var/corpus] [--families a,b] [--limit 200] [--jobs 2]

Prints one row per family (OVERALL_F1 and CONTENT_F1, rules → model) and writes the table to
``var/corpus/lofo.json``. The models of each run stay in ``var/lofo/<family>/``.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from htdy.parsers.training.evaluate import REPO


def _score(args: list[str]) -> dict[str, float]:
    r = subprocess.run([sys.executable, "-m", "htdy.parsers.training.evaluate", "--no-coverage", *args],
                       capture_output=True, text=True, check=True)
    out = {}
    for key in ("OVERALL_F1", "CONTENT_F1"):
        m = re.search(rf"^{key}=([\d.]+)", r.stdout, re.M)
        out[key] = float(m.group(1)) if m else float("nan")
    for line in r.stdout.splitlines():  # per-field F1
        m = re.match(r"^((?:basics|work|education)\.\w+|skills|languages)\s+\S+\s+\S+\s+([\d.]+)", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m htdy.parsers.training.lofo", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO / "var" / "corpus"))
    ap.add_argument("--families")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    families = a.families.split(",") if a.families else sorted(manifest["per_family"])
    table = {}
    print(f"{'held-out family':<16s} {'docs':>5s}  {'OVERALL rules → model':>22s}  {'CONTENT rules → model':>22s}")
    for fam in families:
        models = REPO / "var" / "lofo" / fam
        subprocess.run([sys.executable, "-m", "htdy.parsers.training.train", "--corpus", str(corpus),
                        "--exclude-family", fam, "--out-dir", str(models), "--jobs", str(a.jobs)],
                       check=True, capture_output=True)
        common = ["--corpus", str(corpus), "--families", fam, "--limit", str(a.limit), "--jobs", str(a.jobs),
                  "--models", str(models)]
        rules = _score([*common, "--extractor", "rules"])
        model = _score([*common, "--extractor", "model"])
        table[fam] = {"rules": rules, "model": model}
        print(f"{fam:<16s} {a.limit:>5d}  {rules['OVERALL_F1']:>9.3f} → {model['OVERALL_F1']:<9.3f}  "
              f"{rules['CONTENT_F1']:>9.3f} → {model['CONTENT_F1']:<9.3f}", flush=True)
    (corpus / "lofo.json").write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
