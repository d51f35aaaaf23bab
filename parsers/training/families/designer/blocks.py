"""HTML blocks of one CV: contact items, headings, entries, bullets, skills, languages.

Every printed string comes from the `view` (escaped); icons, bullets, numbers and separators are the only
additions. Class names are styled by `style.py`.
"""
from __future__ import annotations

import hashlib
from html import escape

from .grid import Design
from .icons import icon


def E(s: object) -> str:
    return escape(str(s), quote=True)


def val(d: dict, key: str) -> str | None:
    v = d.get(key)
    return str(v).strip() if v not in (None, "", []) and str(v).strip() else None


def bare(url: str) -> str:
    for p in ("https://", "http://"):
        if url.startswith(p):
            url = url[len(p):]
    return url.removeprefix("www.").rstrip("/")


def contact_items(view: dict, d: Design) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, html text, href, network) for the contact fields this design prints."""
    out: list[tuple[str, str, str | None, str | None]] = []
    if val(view, "email"):
        out.append(("email", E(view["email"]), f"mailto:{view['email']}", None))
    if val(view, "phone") and "phone" in d.show:
        out.append(("phone", E(view["phone"]), None, None))
    if val(view, "location") and "location" in d.show:
        out.append(("location", E(view["location"]), None, None))
    if val(view, "url") and "url" in d.show:
        out.append(("url", E(bare(view["url"])), view["url"], None))
    if "profiles" in d.show:
        for p in view.get("profiles") or []:
            net, user, url = val(p, "network"), val(p, "username"), val(p, "url")
            if not (user or url):
                continue
            if d.contact == "icons" and user:
                text = E(user)
            elif d.contact == "lines" and net and user:
                text = f"{E(net)}: {E(user)}"
            else:
                text = E(bare(url)) if url else E(user)
            out.append(("profile", text, url, net))
    return out


def contact_item(d: Design, kind: str, text: str, href: str | None, net: str | None) -> str:
    t = f'<a href="{E(href)}">{text}</a>' if href else text
    if kind != "location":  # addresses and numbers stay left-to-right inside rtl text
        t = f'<span dir="ltr">{t}</span>'
    if d.contact == "icons":
        t = f"{icon(kind, d.icons, net)} {t}"
    return f'<span class="ci">{t}</span>'


def contact(view: dict, d: Design, stacked: bool) -> str:
    """Contact block: one item per line (`stacked`, sidebars) or one line with separators."""
    items = [contact_item(d, *it) for it in contact_items(view, d)]
    if stacked or d.contact == "lines":
        return '<div class="contact stacked">' + "".join(f"<div>{i}</div>" for i in items) + "</div>"
    sep = {"pipe": '<span class="sep"> | </span>', "plain": '<span class="sep"> · </span>'}.get(d.contact, " ")
    return f'<div class="contact inline">{sep.join(items)}</div>'


def heading(d: Design, key: str, text: str | None, n: int, side: bool = False) -> str:
    if not text:
        return ""
    cls = f"h {d.heading}" + (" hs" if side else "")
    pre = ""
    if d.heading == "icons":
        pre = icon(key, d.icons) + " "
    elif d.heading == "numbered" and not side:
        pre = f'<span class="num">{n:02d}</span> '
    return f'<h2 class="{cls}">{pre}<span class="ht">{E(text)}</span></h2>'


def bullets(d: Design, items: list[str], rtl: bool) -> str:
    items = [i for i in (items or []) if i and str(i).strip()]
    if not items:
        return ""
    if d.bullets == "para":
        stops = ("。", "！", "？") if not rtl else ("؟", ".")
        sent = [s if s.endswith((".", "!", "?", "…") + stops) else s + ("。" if _cjk(s) else ".") for s in items]
        return f'<p class="para">{E(" ".join(sent))}</p>'
    tag = "ol" if d.bullets == "numbered" else "ul"
    cls = "two" if d.bullets == "two-col" else "b"
    return f'<{tag} class="{cls}">' + "".join(f"<li>{E(i)}</li>" for i in items) + f"</{tag}>"


def _cjk(s: str) -> bool:
    return any("\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in s)


def entry(d: Design, title: str | None, org: str | None, loc: str | None, dates: str | None,
          body: str, at: str | None = None) -> str:
    """One work/education entry in the design's entry-header style."""
    t = f'<b class="pos">{E(title)}</b>' if title else ""
    o = f'<span class="org">{E(org)}</span>' if org else ""
    lo = f'<span class="loc">{E(loc)}</span>' if loc else ""
    dt = f'<span class="dt">{E(dates)}</span>' if dates else ""
    sep = f'<span class="sep">{E(d.sep)}</span>'

    def join(*parts: str, s: str = sep) -> str:
        return s.join(p for p in parts if p)

    st = d.entry
    if st == "date-col":
        head = f'<div class="l1">{t}</div><div class="l2">{join(o, lo, s=", ")}</div>'
        return (f'<table class="dc entry"><tr><td class="dcol">{dt}</td>'
                f'<td class="dbody">{head}{body}</td></tr></table>')
    if st == "stacked":
        head = f'<div class="l1">{dt}{t}</div><div class="l2">{join(o, lo, s=" · ")}</div>'
    elif st == "company-first":
        head = f'<div class="l1">{dt}<b class="org">{E(org or "")}</b></div><div class="l2">{lo}<i>{E(title or "")}</i></div>'
    elif st == "at":
        word = f' <span class="at">{E(at)}</span> ' if at and title and org else (", " if title and org else "")
        head = f'<div class="l1">{dt}{t}{word}{o}</div>' + (f'<div class="l2">{lo}</div>' if lo else "")
    elif st == "dates-under":
        head = f'<div class="l1">{t}</div><div class="l2 du">{dt}</div><div class="l2">{join(o, lo, s=" — ")}</div>'
    elif st == "pipe":
        head = f'<div class="l1">{lo}{join(t, o)}</div><div class="l2">{dt}</div>'
    else:  # comma
        comma = '<span class="sep">, </span>'
        head = f'<div class="l1">{dt}{join(t, o, s=comma)}</div><div class="l2">{lo}</div>'
    return f'<div class="entry {st}">{head}{body}</div>'


def work(view: dict, d: Design, rtl: bool) -> str:
    at = (view.get("words") or {}).get("at")
    out = []
    for w in view.get("work") or []:
        body = ""
        if "work_summary" in d.show and val(w, "summary"):
            body += f'<p class="wsum">{E(w["summary"])}</p>'
        body += bullets(d, w.get("highlights") or [], rtl)
        loc = val(w, "location") if "work_location" in d.show else None
        out.append(entry(d, val(w, "position"), val(w, "company"), loc, val(w, "dates"), body, at))
    return "".join(out)


def education(view: dict, d: Design, compact: bool = False) -> str:
    out = []
    for ed in view.get("education") or []:
        title = val(ed, "degree_line") or " ".join(x for x in (val(ed, "studyType"), val(ed, "area")) if x)
        loc = val(ed, "location") if "edu_location" in d.show else None
        dates = val(ed, "dates") if "edu_dates" in d.show else None
        score = val(ed, "score") if "score" in d.show else None
        body = f'<div class="score">{E(score)}</div>' if score else ""
        if compact:
            parts = [f'<b class="pos">{E(title)}</b>' if title else "",
                     f'<div class="org">{E(val(ed, "institution") or "")}</div>',
                     f'<div class="dt">{E(dates)}</div>' if dates else "",
                     f'<div class="loc">{E(loc)}</div>' if loc else "", body]
            out.append(f'<div class="entry side-ed">{"".join(parts)}</div>')
        else:
            out.append(entry(d, title, val(ed, "institution"), loc, dates, body))
    return "".join(out)


def _level(skill_name: str, level: object) -> float:
    """Fill fraction of a rating graphic: from a level word/number if any, else a fixed pseudo value."""
    s = str(level or "").lower()
    for words, f in ((("expert", "native", "c2", "5", "experte", "专家", "エキスパート"), 1.0),
                     (("advanced", "fortgeschritten", "c1", "4", "avancé", "avanzado"), 0.8),
                     (("intermediate", "b2", "b1", "3", "mittel"), 0.6),
                     (("beginner", "basic", "a2", "a1", "2", "1", "grund"), 0.4)):
        if any(w in s for w in words):
            return f
    return 0.6 + (hashlib.sha256(skill_name.encode()).digest()[0] % 5) * 0.1


def _rating(d: Design, name: str, level: object) -> str:
    f = _level(name, level)
    if d.skills == "dots":
        on = round(f * 5)
        dots = "".join(f'<i class="dot{" on" if k < on else ""}"></i>' for k in range(5))
        return f'<span class="dots">{dots}</span>'
    return f'<span class="rbar"><i style="width:{int(f * 100)}%"></i></span>'


def skills(view: dict, d: Design) -> str:
    sk = [s for s in view.get("skills") or [] if val(s, "name") or s.get("keywords")]
    if not sk:
        return ""
    st = d.skills
    if st == "comma":
        items = [k for s in sk for k in (s.get("keywords") or [s.get("name")]) if k]
        return f'<p class="sk-comma">{E(", ".join(items))}</p>'
    if st == "groups":
        rows = []
        for s in sk:
            name, kws, lvl = val(s, "name"), [k for k in s.get("keywords") or [] if k], val(s, "level")
            if kws:
                rows.append(f'<div class="sk-g">{f"<b>{E(name)}</b>: " if name else ""}{E(", ".join(kws))}</div>')
            else:
                rows.append(f'<div class="sk-g"><b>{E(name)}</b>{f" — {E(lvl)}" if lvl else ""}</div>')
        return "".join(rows)
    # (group name, [(item, level)]): a skill with keywords is a group; skills without run together
    groups: list[tuple[str | None, list[tuple[str, object]]]] = []
    for s in sk:
        name, kws = val(s, "name"), [k for k in s.get("keywords") or [] if k]
        if kws:
            groups.append((name, [(k, None) for k in kws]))
        elif groups and groups[-1][0] is None:
            groups[-1][1].append((name or "", s.get("level")))
        else:
            groups.append((None, [(name or "", s.get("level"))]))
    out = []
    for name, items in groups:
        if name:
            out.append(f'<div class="sk-name">{E(name)}</div>')
        if st == "chips":
            out.append('<div class="chips">' + "".join(f'<span class="chip">{E(k)}</span>' for k, _ in items) + "</div>")
        elif st in ("bars", "dots"):
            out.extend(f'<div class="rate"><span class="rl">{E(k)}</span>{_rating(d, k, lv)}</div>' for k, lv in items)
        else:  # grid
            out.append(f'<ul class="grid c{d.skill_cols}">' + "".join(
                f"<li>{E(k)}{f' ({E(lv)})' if lv else ''}</li>" for k, lv in items) + "</ul>")
    return "".join(out)


def languages(view: dict, d: Design) -> str:
    rows = []
    for lg in view.get("languages") or []:
        name, fl = val(lg, "language"), val(lg, "fluency")
        if not name:
            continue
        if not fl:
            rows.append(f'<div class="lang"><b>{E(name)}</b></div>')
        elif d.lang_style == "paren":
            rows.append(f'<div class="lang"><b>{E(name)}</b> ({E(fl)})</div>')
        elif d.lang_style == "line2":
            rows.append(f'<div class="lang"><b>{E(name)}</b><div class="fl">{E(fl)}</div></div>')
        elif d.lang_style == "table":
            rows.append(f'<tr><td class="ln">{E(name)}</td><td class="fl">{E(fl)}</td></tr>')
        else:
            rows.append(f'<div class="lang"><b>{E(name)}</b> – {E(fl)}</div>')
    if d.lang_style == "table" and rows:
        return '<table class="langs">' + "".join(r for r in rows if r.startswith("<tr")) + "</table>" + \
            "".join(r for r in rows if not r.startswith("<tr"))
    return "".join(rows)


def projects(view: dict, d: Design) -> str:
    out = []
    for p in view.get("projects") or []:
        if not val(p, "name"):
            continue
        dt = f'<span class="dt">{E(p["dates"])}</span>' if val(p, "dates") else ""
        desc = f'<div class="desc">{E(p["description"])}</div>' if val(p, "description") else ""
        out.append(f'<div class="entry proj"><div class="l1">{dt}<b class="pos">{E(p["name"])}</b></div>{desc}</div>')
    return "".join(out)


def certificates(view: dict, d: Design) -> str:
    out = []
    for c in view.get("certificates") or []:
        if not val(c, "name"):
            continue
        extra = [x for x in (val(c, "issuer"), val(c, "date")) if x]
        tail = f'<span class="sep">{E(d.sep)}</span>{E(", ".join(extra))}' if extra else ""
        out.append(f'<div class="cert"><b>{E(c["name"])}</b>{tail}</div>')
    return "".join(out)


def interests(view: dict, d: Design) -> str:
    items = []
    for i in view.get("interests") or []:
        if val(i, "name"):
            kws = [k for k in i.get("keywords") or [] if k]
            items.append(E(i["name"]) + (f" ({E(', '.join(kws))})" if kws else ""))
    return f'<p class="interests">{", ".join(items)}</p>' if items else ""
