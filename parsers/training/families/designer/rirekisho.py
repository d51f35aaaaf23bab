"""Japanese 履歴書 on the JIS grid, as HTML tables (the form job seekers fill in a browser or Word).

Header rows ふりがな / 氏名 / 生年月日 beside a photo box, 現住所 with its own ふりがな row and 〒, then
the 学歴・職歴 table: 年 | 月 | one event per row, oldest first — a school's 入学 and 卒業 (修了 after a
graduate degree) on rows of their own, a job's 入社 and 退社, the current job closed by 現在に至る and the
list by 以上 — and 免許・資格 in the same grid. Years are written in the Western calendar (the scorer's
masks look for the four-digit year). The birth date is made up from the first school's year; it is no part
of the truth, as on real forms it is no part of a JSON Resume.
"""
from __future__ import annotations

import re
from html import escape as E

from .blocks import val

_KANA: dict[str, str] = {}


def _kana_table() -> dict[str, str]:
    """Kanji given and family names → their readings in hiragana (Faker's ja_JP name pairs)."""
    if not _KANA:
        from faker.providers.person.ja_JP import Provider as P

        for attr in ("first_name_female_pairs", "first_name_male_pairs", "last_name_pairs"):
            for pair in getattr(P, attr, ()):
                kanji, kata = pair[0], pair[1]
                _KANA[kanji] = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in kata)
    return _KANA


def furigana(name: str) -> str:
    t = _kana_table()
    return "\u3000".join(t.get(part, "") for part in name.split()).strip("\u3000")


def _ym(s: str | None) -> tuple[str, str]:
    """Year and month cells of a formatted date ('2016年7月', '07/2016', '2018')."""
    s = s or ""
    y = re.search(r"(19|20)\d\d", s)
    if not y:
        return "", ""
    rest = s[:y.start()] + " " + s[y.end():]
    m = re.search(r"(?<!\d)(1[0-2]|0?[1-9])(?!\d)", rest)
    return y.group(0), (str(int(m.group(1))) if m else "")


def _row(y: str, m: str, text: str, cls: str = "") -> str:
    return f'<tr class="{cls}"><td class="y">{E(y)}</td><td class="m">{E(m)}</td><td class="t">{text}</td></tr>'


def history(view: dict) -> str:
    rows = [_row("", "", "学歴", "c")]
    for e in reversed(view.get("education") or []):
        inst, area, st = val(e, "institution") or "", val(e, "area") or "", val(e, "studyType") or ""
        grad = any(k in st for k in ("修士", "博士", "MBA"))
        if val(e, "start"):
            rows.append(_row(*_ym(e["start"]), E(f"{inst} {area} 入学")))
        if val(e, "end") and _ym(e["end"])[0]:
            rows.append(_row(*_ym(e["end"]), E(f"{inst} {area} {st} {'修了' if grad else '卒業'}".replace("  ", " "))))
    rows.append(_row("", "", "職歴", "c"))
    jobs = list(reversed(view.get("work") or []))
    for i, w in enumerate(jobs):
        co = val(w, "company") or ""
        rows.append(_row(*_ym(w.get("start")), E(f"{co} 入社")))
        if val(w, "position"):
            rows.append(_row("", "", E(f"\u3000{w['position']}として勤務"), "ind"))
        end = _ym(w.get("end"))
        if end[0] or i < len(jobs) - 1:  # (an earlier job whose end is not known still ended)
            rows.append(_row(*end, E(f"{co} {'一身上の都合により退社' if i % 2 else '退社'}")))
        else:
            rows.append(_row("", "", "現在に至る", "ind"))
    rows.append(_row("", "", "以上", "r"))
    return "".join(rows)


def licences(view: dict) -> str:
    rows = []
    for c in view.get("certificates") or []:
        if val(c, "name"):
            rows.append(_row(*_ym(c.get("date")), E(f"{c['name']} 取得")))
    return "".join(rows) or _row("", "", "特になし")


def document(view: dict, tid: str) -> str:
    name = val(view, "name") or ""
    years = [int(y) for e in view.get("education") or [] for y in re.findall(r"(?:19|20)\d\d", e.get("start") or "")]
    born = (min(years) - 18) if years else 1990
    motive = E(view.get("summary") or "")  # (skills and languages are no part of the form)
    contact = "".join(f"<div>{k}：{E(view[f])}</div>" for k, f in (("電話", "phone"), ("E-mail", "email"))
                      if val(view, f))
    wide = tid.endswith("b")  # two forms: A4 portrait, or the same grid with a wider history column
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>履歴書</title><style>
@page {{ size: A4; margin: 12mm 14mm; }}
body {{ font-family: 'Noto Serif CJK JP', 'Noto Sans CJK JP', serif; font-size: 10pt; margin: 0; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
td, th {{ border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }}
.ttl {{ font-size: 18pt; letter-spacing: 1em; font-weight: bold; }}
.small {{ font-size: 8pt; }} .nm {{ font-size: 18pt; }}
.photo {{ width: 30mm; text-align: center; font-size: 7pt; color: #555; border: 1px dashed #000; }}
.y {{ width: {14 if wide else 16}mm; text-align: center; }} .m {{ width: 9mm; text-align: center; }}
tr.c td.t {{ text-align: center; }} tr.r td.t {{ text-align: right; }}
th {{ font-weight: normal; }}
.gap {{ height: 5mm; }}
</style></head><body>
<table style="border:none"><tr><td style="border:none" class="ttl">履 歴 書</td>
<td style="border:none;text-align:right">2024年 4月 1日現在</td></tr></table>
<table>
<tr><td style="width:22mm" class="small">ふりがな</td><td class="small">{E(furigana(name))}</td>
<td rowspan="3" class="photo">写真をはる位置<br>縦 36〜40mm<br>横 24〜30mm</td></tr>
<tr><td>氏名</td><td class="nm">{E(name)}</td></tr>
<tr><td>生年月日</td><td>{born}年 {(born % 12) + 1}月 {(born % 27) + 1}日生 （満 {2024 - born} 歳）</td></tr>
</table>
<table>
<tr><td style="width:22mm" class="small">ふりがな</td><td class="small"></td><td rowspan="2" style="width:62mm">{contact}</td></tr>
<tr><td>現住所</td><td>〒{100 + born % 800}-{1000 + born * 7 % 9000:04d}<br>{E(view.get("location") or "")}</td></tr>
</table>
<div class="gap"></div>
<table><tr><th class="y">年</th><th class="m">月</th><th>学歴・職歴（各別にまとめて書く）</th></tr>{history(view)}</table>
<div class="gap"></div>
<table><tr><th class="y">年</th><th class="m">月</th><th>免許・資格</th></tr>{licences(view)}</table>
<div class="gap"></div>
<table><tr><th style="text-align:left">志望の動機、特技、好きな学科、アピールポイントなど</th></tr>
<tr><td style="height:30mm;vertical-align:top">{motive}</td></tr></table>
<div class="gap"></div>
<table><tr><th style="text-align:left">本人希望記入欄（特に給料・職種・勤務時間・勤務地・その他についての希望などがあれば記入）</th></tr>
<tr><td style="height:15mm;vertical-align:top">貴社の規定に従います。</td></tr></table>
</body></html>"""
