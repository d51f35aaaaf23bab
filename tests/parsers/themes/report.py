#!/usr/bin/env python3
"""Per-theme table and per-document mismatch dump for the unseen-theme set.

    python3 tests/parsers/themes/report.py /tmp/themes.json [--preds /tmp/themes-preds] [--details]

/tmp/themes.json is the scorer's --json output.  The table aggregates its per-document counts by
TOOL-THEME (the scorer itself only groups by tool).  --details re-runs the parser on each document
(outputs cached in --preds) and prints, with the scorer's own alignment and masks, every truth value
missed or predicted wrong, and every spurious prediction: "field | doc | predicted | truth".
"""
from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
TOOLS = REPO.parent / "shared" / "tools"
sys.path.insert(0, str(TOOLS))
import score_parser as sp  # noqa: E402

SHORT = {"basics.name": "name", "basics.email": "email", "basics.phone": "phone", "basics.urls": "urls",
         "basics.city": "city", "work.name": "w.name", "work.position": "w.pos", "work.startDate": "w.start",
         "work.endDate": "w.end", "education.institution": "e.inst", "education.area": "e.area",
         "education.studyType": "e.type", "education.startDate": "e.start", "education.endDate": "e.end",
         "skills": "skills"}


def table(scores: dict) -> str:
    groups = defaultdict(lambda: defaultdict(sp.Counts))
    ndocs = defaultdict(int)
    for d in scores["documents"]:
        stem = d["doc"].rsplit(".", 1)
        key = stem[0].split("-", 1)[1] + ("" if stem[1] == "pdf" else f" ({stem[1]})")
        ndocs[key] += 1
        for f, c in d["fields"].items():
            groups[key][f].add(sp.Counts(c["tp"], c["pred"], c["true"]))
            groups["ALL"][f].add(sp.Counts(c["tp"], c["pred"], c["true"]))
    ndocs["ALL"] = len(scores["documents"])
    keys = sorted(k for k in groups if k != "ALL") + ["ALL"]
    out = ["| theme | docs | " + " | ".join(SHORT[f] for f in sp.FIELDS) + " | macro |",
           "|---|---|" + "---|" * (len(sp.FIELDS) + 1)]
    for k in keys:
        cells = []
        for f in sp.FIELDS:
            f1 = groups[k][f].prf()[2]
            cells.append("–" if f1 is None else f"{f1:.2f}")
        out.append(f"| {k} | {ndocs[k]} | " + " | ".join(cells) + f" | **{sp.macro(groups[k]):.3f}** |")
    return "\n".join(out)


def short(v, n=70):
    s = " ".join(sp.s(v).split()) if not isinstance(v, str) else " ".join(v.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def details(doc: Path, truth: dict, pred: dict, mask: dict):
    """Yield (field, predicted, truth) for every wrong, missed or spurious value (masks applied)."""
    absent = set(mask.get("absent", []))
    tb, pb = sp.as_dict(truth.get("basics")), sp.as_dict(pred.get("basics"))
    from score_common import get_location
    checks = [("basics.name", sp.s(tb.get("name")), sp.s(pb.get("name"))),
              ("basics.email", sp.s(tb.get("email")), sp.s(pb.get("email"))),
              ("basics.phone", sp.s(tb.get("phone")), sp.s(pb.get("phone"))),
              ("basics.city", sp.s(get_location(tb).get("city")), sp.pred_city(pb))]
    counts = sp.score_doc(truth, pred, mask)
    for f, tv, pv in checks:
        c = counts[f]
        if f not in absent and (c.tp < c.true or c.tp < c.pred):
            yield f, pv, tv
    au = set(mask.get("absent_urls", []))
    tu, pu = set(sp.urls_of(tb)) - au, set(sp.urls_of(pb)) - au
    for u in sorted(tu - pu):
        yield "basics.urls", "", u
    for u in sorted(pu - tu):
        yield "basics.urls", u, ""
    for sec, fields, _keyf in (("work", ["name", "position", "startDate", "endDate"], "name"),
                              ("education", ["institution", "area", "studyType", "startDate", "endDate"],
                               "institution")):
        te = [e if isinstance(e, dict) else {} for e in sp.as_list(truth.get(sec))]
        pe = [e for e in sp.as_list(pred.get(sec)) if isinstance(e, dict)]
        if sec == "work":
            key, aux = sp.get_work_name, (lambda e: sp.s(e.get("position")))
        else:
            key = lambda e: sp.s(e.get("institution"))  # noqa: E731
            aux = lambda e: sp.s(e.get("area")) + " " + sp.s(e.get("studyType"))  # noqa: E731
        pairs = sp.align(te, pe, key, aux)
        used = set(pairs.values())
        for i, t in enumerate(te):
            if f"{sec}[{i}]" in absent:
                continue
            j = pairs.get(i)
            if j is None:
                yield f"{sec} (entry missed)", "", f"{short(key(t), 40)} / {short(aux(t), 40)} / " \
                    f"{t.get('startDate')}–{t.get('endDate')}"
                continue
            p = pe[j]
            for f in fields[1:]:
                if f"{sec}[{i}].{f}" in absent:
                    continue
                tv, pv = t.get(f), p.get(f)
                if f in ("startDate", "endDate"):
                    if f == "startDate" and not sp.s(tv).strip():
                        continue
                    gran = "year" if f"{sec}[{i}].{f}" in set(mask.get("year_only", [])) else "month"
                    tvv = tv if sp.s(tv).strip() else None
                    pvv = pv if sp.s(pv).strip() else None
                    ok = (pvv is not None or f == "endDate") and sp.dates_equal(tvv, pvv, gran)
                else:
                    if not sp.s(tv).strip():
                        if sp.s(pv).strip():
                            yield f"{sec}.{f} (spurious)", short(pv), ""
                        continue
                    ok = sp.text_eq(tv, pv)
                if not ok:
                    yield f"{sec}.{f}", short(pv), short(tv)
        for j, p in enumerate(pe):
            if j not in used:
                yield f"{sec} (spurious entry)", f"{short(key(p), 40)} / {short(aux(p), 40)} / " \
                    f"{p.get('startDate')}–{p.get('endDate')}", ""
    ai = set(mask.get("absent_skill_items", []))
    vis, hid = set(), set()
    for it in sp.skill_items(truth):
        (hid if sp.norm_text(it) in ai else vis).update(sp.tokens(it))
    ptok = set()
    for it in sp.skill_items(pred):
        ptok |= sp.tokens(it)
    ptok -= hid - vis
    if vis - ptok:
        yield "skills (missed tokens)", "", short(" ".join(sorted(vis - ptok)), 200)
    if ptok - vis:
        yield "skills (spurious tokens)", short(" ".join(sorted(ptok - vis)), 200), ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scores")
    ap.add_argument("--docs", default=str(HERE / "docs"))
    ap.add_argument("--truth", default=str(HERE / "truth"))
    ap.add_argument("--preds", default="/tmp/themes-preds")
    ap.add_argument("--parser", default=str(REPO / ".venv" / "bin" / "htdy") + " parse --json {file}")
    ap.add_argument("--details", action="store_true")
    a = ap.parse_args()
    scores = json.loads(Path(a.scores).read_text(encoding="utf-8"))
    print(table(scores))
    if not a.details:
        return
    manifest = json.loads((Path(a.docs) / "MANIFEST.json").read_text(encoding="utf-8"))["docs"]
    preds = Path(a.preds)
    preds.mkdir(parents=True, exist_ok=True)
    for d in sorted(scores["documents"], key=lambda x: x["f1_macro"]):
        doc = Path(a.docs) / d["doc"]
        cache = preds / (doc.name + ".json")
        if not cache.exists():
            cmd = a.parser.replace("{file}", shlex.quote(str(doc)))
            r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120)
            cache.write_text(r.stdout or "{}", encoding="utf-8")
        pred = json.loads(cache.read_text(encoding="utf-8") or "{}")
        truth = json.loads((Path(a.truth) / f"{doc.name[:3]}.json").read_text(encoding="utf-8-sig"))
        print(f"\n## {doc.name}  macro {d['f1_macro']:.3f}")
        for f, pv, tv in details(doc, truth, pred, manifest.get(doc.name, {})):
            print(f"  {f:<28s} | pred: {pv!s:<50} | truth: {tv}")


if __name__ == "__main__":
    main()
