#!/usr/bin/env python3
"""Markdown tables for the README from a score_parser.py --json result on this set.

    python3 ../shared/tools/score_parser.py --parser '.venv/bin/htdy parse --json {file}' \\
        --docs tests/parsers/layouts/docs --truth tests/parsers/layouts/truth --jobs 2 --json /tmp/layouts.json
    python3 tests/parsers/layouts/report.py /tmp/layouts.json

Standard library only.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHORT = {
    "basics.name": "name", "basics.email": "email", "basics.phone": "phone", "basics.urls": "urls",
    "basics.city": "city", "work.name": "work.name", "work.position": "work.pos",
    "work.startDate": "work.start", "work.endDate": "work.end", "education.institution": "edu.inst",
    "education.area": "edu.area", "education.studyType": "edu.type", "education.startDate": "edu.start",
    "education.endDate": "edu.end", "skills": "skills",
}


def f1(c: dict[str, int]) -> float | None:
    if not c["pred"] and not c["true"]:
        return None
    return 2 * c["tp"] / (c["pred"] + c["true"])


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def group_table(docs: list[dict], key, fields: list[str], title: str) -> list[str]:
    groups: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: {"tp": 0, "pred": 0,
                                                                                           "true": 0}))
    ndocs: dict[str, int] = defaultdict(int)
    for d in docs:
        g = key(d)
        ndocs[g] += 1
        for f, c in d["fields"].items():
            for k in ("tp", "pred", "true"):
                groups[g][f][k] += c[k]
    names = sorted(groups)
    out = [f"| {title} | " + " | ".join(f"{n} ({ndocs[n]})" for n in names) + " |",
           "| --- |" + " --- |" * len(names)]
    for f in fields:
        out.append(f"| {SHORT[f]} | " + " | ".join(fmt(f1(groups[n][f])) for n in names) + " |")
    macro = []
    for n in names:
        vals = [v for v in (f1(groups[n][f]) for f in fields) if v is not None]
        macro.append(sum(vals) / len(vals) if vals else 0.0)
    out.append("| **macro F1** | " + " | ".join(f"**{m:.3f}**" for m in macro) + " |")
    return out


def main() -> None:
    res = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    manifest = json.loads((HERE / "docs" / "MANIFEST.json").read_text(encoding="utf-8"))["docs"]
    fields = list(res["fields"])
    out = ["| field | P | R | F1 | true |", "| --- | --- | --- | --- | --- |"]
    for f in fields:
        c = res["fields"][f]
        out.append(f"| {f} | {fmt(c['precision'])} | {fmt(c['recall'])} | {fmt(c['f1'])} | {c['true']} |")
    out.append(f"| **OVERALL_F1** | | | **{res['overall_f1']:.3f}** | |")
    out.append("")
    docs = res["documents"]
    out += group_table(docs, lambda d: d["renderer"], fields, "family")
    out.append("")
    out += group_table(docs, lambda d: manifest[d["doc"]]["tool"], fields, "made by")
    out.append("")
    out += group_table(docs, lambda d: manifest[d["doc"]]["language"], fields, "language")
    out.append("")
    out.append("| document | layout | macro F1 |")
    out.append("| --- | --- | --- |")
    for d in docs:
        out.append(f"| {d['doc']} | {manifest[d['doc']]['layout']} | {d['f1_macro']:.3f} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
