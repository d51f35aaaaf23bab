"""``basics``: name, label, contacts, profiles, location."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from htdy.parsers.extract.contacts import (
    COUNTRIES,
    EMAIL,
    NETWORKS,
    address_location,
    clean_url,
    find_emails,
    find_phones,
    find_urls,
    host_of,
    location_from,
    profile_of,
)
from htdy.parsers.extract.dates import find_range
from htdy.parsers.extract.places import is_city, is_region
from htdy.parsers.extract.sections import Section
from htdy.parsers.extract.structure import PUA, clean
from htdy.parsers.extract.vocab import CJK_SPACE, HEADINGS, LEGAL_FORMS, caseless, fold, heading_key
from htdy.parsers.extract.vocab_intl import CV_WORDS_INTL
from htdy.parsers.layout.model import Layout, Line, Span

_NAMEISH = re.compile(r"^[^\W\d_][\w'’.\-]*(?:\s+(?:[^\W\d_]|['’]t\b)[\w'’.\-]*){0,4}$")  # ("van 't Riet")
# Words that head a CV but are never its owner's name (8 languages), and Europass row labels.
_NOT_NAME = tuple(fold(w) for w in (
    "cv", "curriculum vitae", "curriculum", "vitae", "resume", "résumé", "lebenslauf", "europass",
    "currículo", "curriculo", "currículum", "życiorys", "levensloop", "hoja de vida", "portfolio",
    "job applied for", "position applied for", "desired position", "desired employment", "preferred job",
    "posizione ricoperta", "occupazione desiderata", "impiego ricercato", "posto desiderato",
    "puesto solicitado", "empleo deseado", "ocupación deseada", "poste visé", "poste recherché",
    "emploi recherché", "gewünschte beschäftigung", "angestrebte position", "gewünschte position",
    "posição pretendida", "emprego pretendido", "função pretendida", "gewenste functie", "beoogde functie",
    "gewenste baan", "stanowisko", "wnioskowane stanowisko", "pożądane zatrudnienie",
    "personal information", "personal data", "informazioni personali", "información personal",
    "informações pessoais", "informations personnelles", "persoonlijke informatie", "persönliche angaben",
    "informacje osobiste", "dane osobowe", "personalia", *CV_WORDS_INTL,
))
# "Name", "Nombre(s) / Apellido(s)", "Imię i nazwisko": a row label whose value is the name.
_NAME_WORD = (r"(?:(?:full|first|last|family|given)\s+names?|names?|surnames?|vor-\s*und\s*nachname|vornamen?|"
              r"nachnamen?|familienname|nom\s+de\s+famille|nom\s+complet|noms?|pr[ée]noms?|nombres?|apellidos?|"
              r"nome\s+completo|nomes?|cognome|cognomi|apelidos?|sobrenomes?|(?:volledige\s+)?naam|voornaam|"
              r"voornamen|achternaam|imi[ęe]|imiona|nazwisko|nazwiska|氏名|姓名|名前|성명|이름)(?:\s*\([^()]{1,12}\))?")
_NAME_LABEL = re.compile(rf"^{_NAME_WORD}(?:\s*(?:/|,|\s(?:and|und|et|y|e|i|en)\s|\s)\s*{_NAME_WORD})*"
                         r"(?![\w(])\s*[:/]?\s*", re.I)


def _is_not_name(t: str) -> bool:
    f = " " + fold(t) + " "
    g = " " + fold(CJK_SPACE.sub("", t)) + " "  # (tracked CJK: "履 歴 書")
    words = f.split()
    if len(words) >= 2 and words[-1] in LEGAL_FORMS:
        return True  # a firm ("Tecnologías Globales S.A."), when the name itself is drawn as outlines
    return any(" " + w + " " in f or " " + w + " " in g for w in _NOT_NAME) or heading_key(t) is not None


_PARTICLES = frozenset("van von den der de del della di da das do dos du la le ten ter te zu y e i bin al 't ’t".split())


# post-nominal letters after a name and a comma ("Jane Doe, PhD", "Jan Novák, Ph.D.", "John Roe, Jr.")
_POSTNOMINAL = re.compile(r"(?:,\s*(?:ph\.?\s?d\.?|mba|m\.?sc\.?|b\.?sc\.?|m\.?d\.?|d\.?sc\.?|ed\.?d\.?|m\.?a\.?|"
                          r"b\.?a\.?|m\.?eng\.?|cpa|cfa|pmp|p\.?e\.?|rn|dds|esq\.?|jr\.?|sr\.?|ii|iii|iv|"
                          r"cissp|frcs|llm|ll\.m\.?|dipl\.?-ing\.?|mrcp|acca|aca|fca|csm|csp|dr\.?))+\s*$", re.I)


def _core_name(t: str) -> str:
    """The name without its post-nominal letters."""
    return _POSTNOMINAL.sub("", t).strip() or t


def _looks_like_name(t: str) -> bool:
    t = _core_name(t)
    words = [w for w in t.split() if w not in _PARTICLES]  # "Thijs van den Berg"
    return bool(_NAMEISH.match(t)) and heading_key(t) is None and len(t) <= 50 and "@" not in t \
        and bool(words) and sum(1 for w in words if w[:1].isalpha() and not w[:1].islower()) >= max(1, len(words) - 1)


def _email_keys(texts: list[str]) -> list[str]:
    """The letters of each e-mail's local part (``marta.kowalska@`` → ``martakowalska``); for a
    generic mailbox (``info@``, ``contact@``) the first label of the domain."""
    out = []
    for t in texts:
        for e, _, _ in find_emails(t):
            local, _, domain = e.partition("@")
            key = re.sub(r"[^a-z]", "", fold(local))
            if key in ("info", "contact", "mail", "hello", "hi", "me", "cv", "jobs", "kontakt", "job", "work"):
                key = re.sub(r"[^a-z]", "", fold(domain.split(".")[0]))
            if len(key) >= 3 and key not in out:
                out.append(key)
    return out


def _email_match(t: str, keys: list[str]) -> float:
    """How well the words of ``t`` spell an e-mail local part: the share of the local part
    they cover, lowered when the text has words the address lacks."""
    toks = [w for w in re.split(r"[^a-z]+", fold(t)) if w]
    if not toks or not keys:
        return 0.0
    best = 0.0
    for key in keys:
        covered = [False] * len(key)
        hit = 0
        for w in toks:
            pos = key.find(w) if len(w) >= 2 else -1
            if pos >= 0:
                hit += len(w)
                for k in range(pos, pos + len(w)):
                    covered[k] = True
        if len(toks) >= 2 and key[:1] == toks[0][:1] and not covered[0] and key.find(toks[-1]) == 1:
            covered[0] = True  # "mreed" ↔ "Marcus Reed"
            hit += 1
        cov = sum(covered) / len(key)
        prec = hit / sum(len(w) for w in toks)
        best = max(best, cov * (0.5 + 0.5 * min(1.0, prec)))
    return best


def _unspace(t: str, locals_parts: list[list[str]]) -> str:
    """A letter-spaced name (``C H L O É  M A R T I N``) back to words: the letters are cut where
    the e-mail's local part has a separator; without such an address the text stays as it is."""
    toks = t.split()
    if len(toks) < 4 or sum(1 for w in toks if len(w) == 1) < 0.8 * len(toks):
        return t
    letters = "".join(toks)
    folded = [re.sub(r"[^a-z]", "", fold(c)) for c in letters]
    if any(len(f) != 1 for f in folded):
        return t
    flat = "".join(folded)
    for e_parts in locals_parts:
        if "".join(e_parts) == flat and len(e_parts) >= 2:
            out, i = [], 0
            for p in e_parts:
                out.append(letters[i:i + len(p)])
                i += len(p)
            return " ".join(out)
    return t


def _name_head(t: str) -> str:
    """The name at the start of a longer text: before its first e-mail/phone/URL ("Abdel Elissaoui
    abdel@…  06 88 …"), before a comma ("Andrey Yastrebov, iOS Software Engineer"), or before its
    first job-title word ("Abdel Elissaoui Architecte Logiciel …"); two words at least."""
    cut = len(t)
    for finder in (find_emails, find_urls, find_phones):
        hits = finder(t)
        if hits:
            cut = min(cut, hits[0][1])
    head = t[:cut].strip(" ,;|")
    if "," in head:
        first, rest = head.split(",", 1)
        if _has_title_word(rest) or not rest.strip():
            head = first.strip()
    words = head.split()
    for i in range(2, len(words)):
        if _has_title_word(words[i]):
            words = words[:i]
            break
    head = " ".join(words)
    return head if 2 <= len(words) <= 4 and head != t else ""


def _lower_name(t: str) -> str:
    return " ".join(w if w in _PARTICLES else w[:1].upper() + w[1:] for w in t.split())


def _nice_case(t: str) -> str:
    """``ANTOINE LEFÈVRE`` → ``Antoine Lefèvre``; mixed case is kept as printed."""
    if t != t.upper() or not any(c.isalpha() for c in t):
        return t
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1] + m.group(0)[1:].lower(), t)


@dataclass
class FoundName:
    name: str
    label: str | None = None
    drop: set[int] = field(default_factory=set)  # indices of ``lines`` that held only name/label


def _cell_size(spans: list[Span]) -> float:
    best: dict[float, int] = {}
    for s in spans:
        best[round(s.size, 1)] = best.get(round(s.size, 1), 0) + len(s.text.strip())
    return max(best, key=lambda k: best[k]) if best else 0.0


def _strip_labels(t: str) -> tuple[str, bool]:
    """Leading labels off a cell: ``PERSONAL INFORMATION Olivia Harrington``,
    ``Nombre(s) / Apellido(s) Javier Romero``, ``Curriculum Vitae Giulia Moretti``. The flag
    says a name label was among them."""
    named = False
    for _ in range(4):
        m = _NAME_LABEL.match(t)
        if m and m.end() < len(t) and (m.group(0).rstrip() != m.group(0) or ":" in m.group(0)):
            t, named = t[m.end():].strip(" :"), True
            continue
        words = t.split()
        for k in range(min(len(words) - 1, 5), 0, -1):
            head = " ".join(words[:k])
            if fold(head).strip(" :") in _NOT_NAME or fold(head).strip(" :") in HEADINGS:
                rest = words[k:]
                if len(rest) >= 3 and fold(rest[0]) in ("of", "de", "von", "di", "van", "du", "da", "do", "-", "–",
                                                        "—", "|", "·", ":"):
                    rest = rest[1:]  # "Curriculum Vitae de Marie Curie", "Lebenslauf von Max Muster"
                t = " ".join(rest)
                break
        else:
            break
    return t, named


def find_name(layout: Layout, lines: list[Line], margins: list[Line] | None = None) -> FoundName | None:
    """The CV owner's name: among the name-like texts near the top of page 1 (cells, pieces
    between separators, page-header lines), the one that spells the e-mail address best,
    else the largest; a label or title word is never a name. A one-word name continues on
    the next lines of the same size (``MARTA`` / ``GIL NAVARRO``). The line under the name
    is its label when it reads like one."""
    head = [ln for ln in (margins or []) if ln.page == 0 and ln.source == "header"]
    seq: list[tuple[Line, int | None]] = [(ln, None) for ln in head]
    if layout.has_geometry and layout.pages:
        h = layout.pages[0].height or 842
        seq += [(ln, i) for i, ln in enumerate(lines) if ln.page == 0 and ln.top < 0.4 * h]
    else:
        seq += [(ln, i) for i, ln in enumerate(lines[:15]) if ln.source != "footer"]
    texts = [ln.text for ln in lines[:80]] + [ln.text for ln in margins or []]
    keys = _email_keys(texts)
    locals_parts = [[p for p in re.split(r"[^a-z]+", fold(e.partition("@")[0])) if p]
                    for t in texts for e, _, _ in find_emails(t)]
    cands: list[dict[str, Any]] = []
    for pos, (ln, idx) in enumerate(seq):
        groups = ln.cell_spans()
        labelled_row = False
        for c, spans in enumerate(groups):
            text = clean("".join(s.text for s in spans))
            if c == 0 and len(groups) > 1 and _NAME_LABEL.fullmatch(text + " "):
                labelled_row = True
                continue
            pieces = [p.strip() for p in re.split(r"\s+[|•·]\s+|\s{3,}", text) if p.strip()]
            for k, piece in enumerate(pieces):
                t, named = _strip_labels(piece)
                t = _unspace(t, locals_parts)
                lower = bool(t) and t == t.lower() and 2 <= len(t.split()) <= 4 and _email_match(t, keys) >= 0.6 \
                    and all(re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", w) for w in t.split())
                if lower:
                    t = _lower_name(t)  # "johanna meier", set in lower case by design, as her address spells it
                if t and not _looks_like_name(t):
                    t = _name_head(t) if len(t) <= 100 else ""
                if not t or not _looks_like_name(t) or _is_not_name(_core_name(t)) or _NAME_LABEL.fullmatch(t + " ") \
                        or fold(t) in COUNTRIES or is_region(t):
                    continue
                words = t.split()
                if len(words) == 1 and len(t) <= 3 and not caseless(t):
                    continue  # initials in a photo placeholder (not a Chinese or Korean name: 张伟)
                em = _email_match(t, keys)
                if _has_title_word(_core_name(t)) and em < 0.5:
                    continue
                cands.append({"pos": pos, "line": ln, "idx": idx, "text": t, "size": _cell_size(spans),
                              "em": em, "named": named or labelled_row, "whole": len(groups) == 1 and len(pieces) == 1
                              and t == text, "rest": [p for j, p in enumerate(pieces) if j != k], "lower": lower,
                              "first_cell": c == 0 and len(pieces) == 1 and t == text})
    # a name in lower case only where it is the largest text there (a designer's title, not a
    # user name or handle repeated in the contact row)
    top = max((cd["size"] for cd in cands if not cd["lower"]), default=0.0)
    cands = [cd for cd in cands if not cd["lower"] or cd["size"] > top + 0.1]
    if not cands:
        return None
    for cd in cands:  # a short name continued on the next lines in the same type (MARTA / GIL NAVARRO)
        n_words = len(cd["text"].split())
        if n_words > 2 or not (cd["whole"] or cd["first_cell"]):
            continue
        text, last = cd["text"], cd["pos"]

        def first(ln: Line) -> tuple[str, float, float, float, float]:
            # (text, size, x0, top, bottom) of the line's first cell: the name's lines may share
            # their baselines with a contact block ("Ramiro" / "Tejada" beside right-aligned contacts)
            spans = ln.cell_spans()[0]
            return (clean("".join(x.text for x in spans)), _cell_size(spans),
                    min(x.x0 for x in spans), min(x.top for x in spans), max(x.bottom for x in spans))
        for pos in range(cd["pos"] + 1, min(len(seq), cd["pos"] + 4)):
            ln, _ = seq[pos]
            nt, size, x0, top, _b = first(ln)
            _p, psize, px0, _t, pbottom = first(seq[last][0])
            if layout.has_geometry and not cd["whole"] and x0 > px0 + 3 * psize:
                continue  # a line of the contact block beside the name, between its two lines
            if not (_looks_like_name(nt) and not _is_not_name(nt) and not _has_title_word(nt)
                    and (n_words == 1 or (len(nt.split()) == 1 and not is_city(nt) and fold(nt) not in COUNTRIES))
                    and abs(size - psize) <= 0.6 and len((text + " " + nt).split()) <= 4
                    and (not layout.has_geometry or (abs(x0 - px0) <= 3 and top - pbottom < psize))):
                break
            text, last = text + " " + nt, pos
        if last > cd["pos"]:
            cd.update(text=text, last=last, em=_email_match(text, keys))
    def confirmed(cd: dict[str, Any]) -> bool:
        # one word ("AYastrebov", "ayastrebov") is a user name, not the person's name
        return cd["named"] or (cd["em"] >= 0.45 and len(cd["text"].split()) >= 2)

    pool = [cd for cd in cands if confirmed(cd)] or cands
    best_size = max(cd["size"] for cd in pool)

    def score(cd: dict[str, Any]) -> tuple[float, float, float]:
        return (cd["size"] >= best_size - 0.1, cd["em"], -cd["pos"])

    best = max(pool, key=score)
    out = FoundName(_nice_case(best["text"]))
    last = best.get("last", best["pos"])
    for pos in range(best["pos"], last + 1):
        ln, idx = seq[pos]
        if idx is not None and (pos > best["pos"] or best["whole"]):
            out.drop.add(idx)
    label_piece = next((p for p in best["rest"] if _title_like(p)), None)
    if label_piece:
        out.label = label_piece
        return out
    nl = seq[last][0]
    for pos in range(last + 1, min(len(seq), last + 4)):
        ln, idx = seq[pos]
        if layout.has_geometry and (ln.page != nl.page or abs(ln.x0 - nl.x0) > 40 or ln.top - nl.bottom > 3 * nl.size):
            continue
        t = clean(ln.text)
        if fold(t) == fold(best["text"]) or not re.search(r"[^\W\d_]{2}", t):
            if idx is not None:
                out.drop.add(idx)
            continue  # the name repeated (DOCX title + heading) or a decoration
        if _title_like(t):
            out.label = t
            if idx is not None:
                out.drop.add(idx)
        break
    return out


def _title_like(t: str) -> bool:
    """A label under the name; not a contact item (icon first, an address, a place)."""
    if not t or PUA.match(t) or unicodedata.category(t[0]) in ("So", "Sm") \
            or re.match(r"\d+[a-z]?\s", t):  # "12 avenue Foch" (a house number), not "3D Artist"
        return False  # "⌂ 14 Oldham Street, Manchester …", "✆ +44 …"
    place = location_from(t) or address_location(t)
    is_place = place is not None and ("," in t or is_city(place.get("city", "")))
    return len(t.split()) <= 10 and not _contactish(t) and heading_key(t) is None \
        and (not is_place or _has_title_word(t))


def basics(layout: Layout, lines: list[Line], sections: list[Section], spans: dict[str, str],
           conf: dict[str, float], name: str | None = None, label: str | None = None,
           extra_scope: list[Line] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pre = sections[0].lines if sections and sections[0].key == "preamble" else []
    scope = list(pre) + [ln for s in sections if s.key in ("contact", "summary") for ln in s.lines]
    scope += extra_scope or []
    if name is not None:
        out["name"] = name
        spans["basics.name"] = name
        conf["basics.name"] = 0.9
    if label:
        out["label"] = label
        spans["basics.label"] = label
        conf["basics.label"] = 0.7
    # referees' e-mails and phones are other people's: never the person's contacts
    others = {id(ln) for s in sections if s.key == "references" for ln in s.lines}
    lines = [ln for ln in lines if id(ln) not in others]
    all_text = "\n".join(join_wrapped_emails([clean(ln.text) for ln in lines]))
    scope_text = "\n".join(join_wrapped_emails([clean(ln.text) for ln in scope]))
    emails = find_emails(scope_text) or find_emails(all_text)
    mailtos = [lk.url[7:] for lk in layout.links if lk.url.lower().startswith("mailto:")]
    if emails:
        out["email"] = emails[0][0]
    elif mailtos:
        out["email"] = mailtos[0].split("?")[0]
    if "email" in out:
        spans["basics.email"] = out["email"]
        conf["basics.email"] = 0.98
    region = region_hint(out.get("email", ""))
    body0 = [ln for ln in lines if ln.page == 0] if layout.has_geometry else lines[:40]
    phones = _phones(scope + [ln for ln in extra_scope or [] if ln.page == 0], body0, region)
    tels = [lk.url[4:] for lk in layout.links
            if lk.url.lower().startswith("tel:") and len(re.sub(r"\D", "", lk.url)) >= 6]
    if phones:
        out["phone"] = phones[0]
    elif tels:
        out["phone"] = tels[0]
    if "phone" in out:
        spans["basics.phone"] = out["phone"]
        conf["basics.phone"] = 0.9
    _urls(layout, scope, body0, out, spans, conf)
    loc = _location(scope, body0, out)
    if loc:
        out["location"] = loc
        spans["basics.location"] = loc.get("city", "")
        conf["basics.location"] = 0.6
    return out


_PHONE_LABEL = re.compile(
    r"(?:^|[\s(|•·,;:])(?:tel(?:e(?:f|ph)on[eo]?s?)?|t[ée]l[ée]phone|tel[ée]fonos?(?:\(s\))?|telefone|telefoon|"
    r"phone|ph|mobile?|mobil|handy|m[óo]vil|cell(?:ular)?|celular|telem[óo]vel|portable|cellulare|mobiel|gsm|"
    r"kom[óo]rka|tel\.\s*kom|n[úu]mero\s+de\s+tel[ée]fon[oe]|num[ée]ro\s+de\s+t[ée]l[ée]phone|"
    r"numero\s+di\s+telefono|電話(?:番号)?|携帯(?:電話)?|电话|手机|전화(?:번호)?|휴대폰|[MTP])\.?\s*(?:\(s\))?\s*[:.]?\s*$", re.I)
_PHONE_GLYPHS = "☎✆📞📱☏\uf095\uf098\uf10b\uf3cd\uf2a0\ue0b0"


def _phones(scope: list[Line], page1: list[Line], region: str | None) -> list[str]:
    """Phone numbers, best first: one after a phone label or glyph ("Tel.:", "Teléfono(s)",
    "M", ☎), then one standing alone between separators, then one inside other text. The
    contact lines (preamble, contact section, page margins) are read first; elsewhere on
    page 1 only a labelled or stand-alone number counts (a contact block beside the name,
    a sidebar painted before it). A postcode ("4000-442 Porto") is text around a number."""
    found: list[tuple[float, int, str]] = []
    seen: set[int] = set()
    order = 0
    for in_scope, group in ((True, scope), (False, page1)):
        for ln in group:
            if id(ln) in seen:
                continue
            seen.add(id(ln))
            for cell in _contact_cells(ln):  # (split at wide spaces too: "+31 19 733   1372 DQ Groningen")
                for piece in re.split(r"\s{2,}|\s*[|•·]\s*", cell):
                    if find_range(piece) and not re.search(r"\d{5,}", piece.replace(" ", "")):
                        continue
                    for raw, a, b in find_phones(piece, region, loose=True):
                        before = piece[:a]
                        residue = re.sub(r"[\W\d_]+", "", PUA.sub("", before + piece[b:]))
                        if _PHONE_LABEL.search(PUA.sub(" ", before)) or any(g in before[-3:] for g in _PHONE_GLYPHS):
                            rank = 3.0
                        elif (len(residue) <= 1 or re.fullmatch(r"\(?[^\W\d_]+\)?", piece[b:].strip())
                              or (not re.search(r"[^\W\d_]", piece[b:]) and heading_key(clean(before)))):
                            rank = 2.0  # alone, "(Mobile)" after it, a heading glued before it
                        else:
                            rank = 1.0
                        if raw.startswith(("+", "00", "(+")):
                            rank += 0.5
                        if not in_scope and rank < 2:
                            continue
                        found.append((rank + (0.25 if in_scope else 0.0), -order, raw))
                        order += 1
    found.sort(reverse=True)
    return [raw for _, _, raw in found]


_CC_TLDS = {"uk": "GB", "com.br": "BR", "com.ar": "AR", "com.mx": "MX", "co.uk": "GB", "com.au": "AU"}


def region_hint(email: str) -> str | None:
    """The country an e-mail address points at (``.de`` → DE, ``.com.br`` → BR): the default
    region for phone numbers printed without their country code."""
    host = email.rpartition("@")[2].lower()
    for tld, reg in _CC_TLDS.items():
        if host.endswith("." + tld):
            return reg
    tld = host.rpartition(".")[2]
    if len(tld) == 2 and tld not in ("io", "me", "co", "ai", "tv", "cc", "ws", "fm", "eu"):
        import phonenumbers
        if phonenumbers.country_code_for_region(tld.upper()):
            return tld.upper()
    return None


@functools.lru_cache(maxsize=4096)
def _has_title_word(t: str) -> bool:
    from htdy.parsers.extract.vocab import TITLE_WORDS, has_word
    return has_word(t, TITLE_WORDS)


def _contactish(t: str) -> bool:
    return bool(find_emails(t) or find_urls(t) or find_phones(t) or re.search(r"\d{3}", t))


def _in_scope(layout: Layout, scope: list[Line], box: tuple[float, float, float, float] | None,
              page: int) -> bool:
    if box is None:
        return False
    mid = (box[1] + box[3]) / 2
    return any(ln.page == page and ln.top - 2 <= mid <= ln.bottom + 2 for ln in scope)


# CV builders and template footers ("© European Union | europass.cedefop.europa.eu"): not the person's site
_VENDOR_HOSTS = ("europa.eu", "europass", "cedefop", "canva.com", "overleaf.com", "zety.", "novoresume.com",
                 "resume.io", "kickresume.com", "enhancv.com", "visualcv.com", "livecareer.", "resumegenius.com",
                 "flowcv.", "cvmaker.", "resume.com", "indeed.com/resume", "myperfectresume.com")


def _vendor(u: str) -> bool:
    low = u.lower()
    return any(v in low for v in _VENDOR_HOSTS)


def _contact_row(ln: Line) -> bool:
    t = ln.text
    return bool(find_emails(t) or find_phones(PUA.sub(" ", t)))


_EMAIL_HEAD = re.compile(r"[\w.+-]+@[\w.-]*$")
_EMAIL_TAIL = re.compile(r"[\w.-]+")


def join_wrapped_emails(texts: list[str]) -> list[str]:
    """An address broken across two lines of a narrow column ("jane.doe@example.co" / "m",
    "william.m@wmauric" / "e.net"): joined when only the two pieces together make an address."""
    out: list[str] = []
    for t in texts:
        if out and _EMAIL_TAIL.fullmatch(t.strip()):
            head = _EMAIL_HEAD.search(out[-1].rstrip("\ufffe\u00ad-"))
            if head:
                whole = head.group(0) + t.strip()
                if EMAIL.fullmatch(whole) and not EMAIL.fullmatch(head.group(0)):
                    out[-1] = out[-1][:head.start()] + whole
                    continue
        out.append(t)
    return out


def _unwrap(lines: list[Line]) -> str:
    """The lines' text, a URL wrapped at one of its hyphens joined back
    (``linkedin.com/in/chloe-martin-`` / ``events``)."""
    texts = [clean(ln.text) for ln in lines if "©" not in ln.text and "copyright" not in ln.text.lower()]
    texts = [re.sub(r"[\ufffe\u00ad\u2010\u2011]$", "-", t) for t in join_wrapped_emails(texts)]
    out: list[str] = []
    for t in texts:
        if out and re.search(r"\S*[./]\S*-$", out[-1]) and re.match(r"^[a-z0-9][\w.\-/]*$", t) \
                and find_urls(out[-1].rsplit(None, 1)[-1]):
            out[-1] += t
        elif out and re.search(r"(?:^|\s)\S*(?:linkedin\.com/in|github\.com|gitlab\.com|x\.com|twitter\.com|"
                               r"behance\.net|dribbble\.com|medium\.com)/$", out[-1], re.I) \
                and re.match(r"^[\w.\-@]+(?:/|\s|$)", t):
            out[-1] += t  # a profile URL wrapped before its user name: "linkedin.com/in/" / "janedoe (LinkedIn)"
        else:
            out.append(t)
    return "\n".join(out)


def _urls(layout: Layout, scope: list[Line], page1: list[Line], out: dict[str, Any], spans: dict[str, str],
          conf: dict[str, float]) -> None:
    """Personal site and profiles: link targets and text URLs of the contact lines; elsewhere on
    page 1, those of a row holding the e-mail or phone (a contact row set apart from the header)
    and a profile URL standing alone after an icon (a sidebar). A template footer's site is none."""
    urls: list[str] = []
    rows = [ln for ln in page1 if _contact_row(ln)]
    for lk in layout.links:
        inside = _in_scope(layout, scope, lk.box, lk.page) or _in_scope(layout, rows, lk.box, lk.page)
        if lk.url.lower().startswith("skype:") and inside:
            user = lk.url[6:].split("?")[0]
            if user:
                out.setdefault("profiles", []).append({"network": "Skype", "username": user, "url": lk.url})
            continue
        u = clean_url(lk.url)
        if u and inside:
            urls.append(u)
    for u, _, _ in find_urls(_unwrap(scope)):
        urls.append(u)
    in_scope = {id(ln) for ln in scope}
    for ln in page1:
        if id(ln) in in_scope:
            continue
        contact_row = id(ln) in {id(r) for r in rows}
        for piece in _pieces(ln.text, keep_glyphs=True):
            glyph = bool(PUA.match(piece)) or piece[:1] in "⊕🔗🌐"
            bare = clean(PUA.sub(" ", piece)).lstrip("⊕🔗🌐 ")
            found = find_urls(bare)
            if len(found) == 1 and (contact_row or (glyph and found[0][1] == 0 and found[0][2] == len(bare)
                                                    and profile_of(found[0][0]))):
                urls.append(found[0][0])
    urls = [u for u in urls if not _vendor(u)]
    profiles: list[dict[str, str]] = out.pop("profiles", [])
    site = None
    seen: set[str] = set()
    for u in urls:
        key = re.sub(r"^https?://(www\.)?", "", u.lower()).rstrip("/")
        if key in seen:
            continue
        seen.add(key)
        prof = profile_of(u)
        if prof:
            if not any(p["network"] == prof["network"] and p["username"].lower() == prof["username"].lower()
                       for p in profiles):
                profiles.append(prof)
        elif site is None and not any(host_of(u) == h or host_of(u).endswith("." + h) for h in NETWORKS):
            # a network's page that is no profile (linkedin.com/company/…) is no personal site either
            site = u if re.match(r"^https?://", u) else "https://" + u
        # more personal sites than one are not kept
    if site:
        out["url"] = site
        spans["basics.url"] = site
        conf["basics.url"] = 0.8
    if profiles:
        out["profiles"] = profiles
        conf["basics.profiles"] = 0.85


_LOC_GLYPHS = "⌂📍🏠\uf3c5\uf041\uf015\uf276\ue0c8"
_PLACE_LABEL = re.compile(
    r"^(?:address|home address|adres(?:se)?|adres zamieszkania|anschrift|wohnort|wohnhaft in|direcci[oó]n|"
    r"domicilio|residencia|endere[cç]o|morada|indirizzo|residenza|woonplaats|location|localiza[cç][aã]o|"
    r"ubicaci[oó]n|localit[aà]|city|ville|ciudad|cidade|citt[aà]|miasto|lieu|based in)(?![\w])\s*:?\s*", re.I)


def _place_ok(loc: dict[str, str]) -> tuple[bool, bool]:
    """(the city is a known city, the region/country is a known one)."""
    from htdy.parsers.extract.contacts import _US_STATES, COUNTRIES
    city = loc.get("city", "")
    reg = loc.get("region") or loc.get("countryCode") or ""
    known_reg = bool(reg) and (reg in _US_STATES or fold(reg) in COUNTRIES or is_region(reg)
                               or bool(re.fullmatch(r"[A-Z]{2}", reg)))
    return bool(city) and is_city(city), known_reg


def _contact_cells(ln: Line) -> list[str]:
    """A line's cells, split at wide spaces too ("jo@x.org   Bilbao"); an icon keeps the item it
    stands before ("⌂   München")."""
    out: list[str] = []
    for c in ln.soft_cell_texts(0.6):  # (three spaces: more than a justified line's word space)
        if out and not re.search(r"\w", PUA.sub("", out[-1])):
            out[-1] = out[-1] + " " + c
        else:
            out.append(c)
    return out


def _location(scope: list[Line], page1: list[Line], out: dict[str, Any]) -> dict[str, str] | None:
    """The best location: after a place label or glyph ("Adresse:", ⌂, map-marker icon), then a
    street address or "City, Region" with a known city or region, then a known city alone, then
    (contact lines only) a short capitalised text among other contact details. Contact lines
    (preamble, contact section, page margins) first; elsewhere on page 1 only the stronger kinds,
    or a known city in a block of contact details (a sidebar, a block beside the name)."""
    skip = {fold(out.get("name", "")), fold(out.get("label", ""))}
    keys = _email_keys([out.get("email", "")]) + [k for k in [re.sub(r"[^a-z]", "", fold(out.get("name", "")))]
                                                  if len(k) >= 3]
    networks = {re.sub(r"\W", "", fold(n)) for n in NETWORKS.values()}
    best: tuple[float, int, dict[str, str]] | None = None
    seen: set[int] = set()
    order = 0
    for in_scope, group in ((True, scope), (False, page1)):
        group = [ln for ln in group if id(ln) not in seen]
        seen.update(id(ln) for ln in group)
        contactish: dict[int, bool] = {}

        def near_contact(n: int, grp: list[Line] = group) -> bool:
            return any(is_contact(k) for k in range(max(0, n - 2), min(len(grp), n + 3)) if k != n)

        def is_contact(k: int, grp: list[Line] = group, memo: dict[int, bool] = contactish) -> bool:
            if k not in memo:
                memo[k] = _contactish(clean(grp[k].text))
            return memo[k]

        for n, ln in enumerate(group[:60] if in_scope else group):
            cells = _contact_cells(ln)
            labelled_row = len(cells) > 1 and bool(_PLACE_LABEL.fullmatch(clean(cells[0])))
            for c, cell in enumerate(cells):
                for raw_piece in _comma_runs(_pieces(cell, keep_glyphs=True)):
                    glyph = any(g in raw_piece[:3] for g in _LOC_GLYPHS)
                    piece = clean(PUA.sub(" ", raw_piece)).strip(" ,;")
                    piece = re.sub(r"^[^\w(]+", "", piece)
                    m = _PLACE_LABEL.match(piece)
                    labelled = glyph or (labelled_row and c > 0) or bool(m and m.end() < len(piece))
                    if m and m.end() < len(piece):
                        piece = piece[m.end():]
                    if len(piece) > 90:
                        continue
                    piece = _cut_phone(piece)
                    if not piece or fold(piece) in skip or "@" in piece or find_urls(piece) or find_range(piece):
                        continue
                    loc = address_location(piece)
                    if not loc or not loc.get("city") and not loc.get("region"):
                        continue
                    if heading_key(piece) is not None or _is_not_name(piece) or _has_title_word(piece):
                        continue  # "Staff Engineer, Spatial Genomics": a job title, not "City, Region"
                    if loc.get("city") and is_region(loc["city"]) and not loc.get("region"):
                        loc = {"region": loc.pop("city"), **loc}  # "California, US": a state, no city
                    if not labelled and not re.search(r"\d", piece) \
                            and any(q.strip()[:1].islower() for q in piece.split(",") if q.strip()):
                        continue  # "Mocha, nUnit, jUnit": places are capitalised (scripts without case pass)
                    if not labelled and re.fullmatch(r"[A-Z]?[a-z]+[A-Z]\w*", piece):
                        continue  # "AbdelMounhim": a user name
                    if _email_match(piece, keys) >= 0.45 or re.sub(r"\W", "", fold(piece)) in networks:
                        continue  # the person's name, a name spelling the e-mail address, "Stack Overflow"
                    known_city, known_reg = _place_ok(loc)
                    address = bool(re.search(r"\d", piece))
                    rank: float
                    if not loc.get("city"):  # "Vermont, US": a state and a country, no city
                        if not (is_region(loc.get("region", "")) and "," in piece):
                            continue
                        rank = 2
                    elif labelled and (known_city or known_reg or loc["city"] != loc["city"].upper()):
                        rank = 3
                    elif known_city and ("," in piece or address or known_reg):
                        rank = 2.5
                    elif (known_reg and ("," in piece or address)) or re.search(
                            r"(?:^|[\s,])\d[\d-]{2,7}(?:\s?[A-Z]{2})?\s+" + re.escape(loc["city"]) + r"\b", piece):
                        rank = 2  # or the name after a postcode ("20121 Milano"), known or not
                    elif known_city and len(piece.split()) <= 3 + (loc["city"] != piece):  # ("… Bay Area")
                        rank = 1.5 if in_scope or near_contact(n) else 0
                    elif in_scope and len(piece.split()) <= 3 and _short_contact_line(ln) and near_contact(n) \
                            and loc["city"] != loc["city"].upper() and len(loc["city"]) > 3 \
                            and not piece.endswith("."):  # "Prototyping.": the end of a sentence
                        rank = 1
                    else:
                        continue
                    if not in_scope and (rank < 1.5 or not (labelled or near_contact(n))):
                        # outside the contact lines only inside a block of contact details ("Acme,
                        # Berlin, Germany" in the first job is where the job was, not where one lives)
                        continue
                    # contact lines of page 1 first; a place in a contact block of page 1 before one in
                    # a later page's section that only reads like contact lines
                    rank += (0.25 if ln.page == 0 else 0.05) if in_scope else 0.1 if near_contact(n) else 0.0
                    if not in_scope:
                        rank -= 1.0  # a known city among the contact lines comes first
                    if best is None or rank > best[0]:
                        best = (rank, order, loc)
                    order += 1
    return best[2] if best else None


def _cut_phone(piece: str) -> str:
    """The text before a phone number and its label ("…04275 Leipzig M +49 341 …")."""
    ph = find_phones(piece)
    if not ph:
        return piece
    head = piece[:ph[0][1]]
    head = re.sub(r"\s+[^\W\d_]{1,3}\.?\s*:?\s*$", "", head)  # its label: "M", "Tel."
    return head.strip(" ,;|:")


def _pieces(cell: str, keep_glyphs: bool = False) -> list[str]:
    t = re.sub(r"([\ue000-\uf8ff])", r" | \1", cell) if keep_glyphs else PUA.sub(" | ", cell)
    parts = re.split(r"\s*[|•·⋅∙]\s*|\s{3,}", t)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def _comma_runs(pieces: list[str]) -> list[str]:
    """Contact items listed with commas ("jo@x.de, (0803) 22059, Düsseldorf, Deutschland, https://…"):
    the runs of items between the address, the phone and the links."""
    out: list[str] = []
    for p in pieces:
        parts = [q.strip() for q in p.split(",")]
        contact = [bool(find_emails(q) or find_urls(q) or (find_phones(q) and sum(c.isdigit() for c in q) >= 6
                                                            and find_range(q) is None)) for q in parts]
        if len(parts) < 3 or not any(contact) or find_range(p) is not None:
            out.append(p)
            continue
        run: list[str] = []
        for q, is_contact in zip(parts + [""], contact + [True], strict=True):
            if is_contact:
                if run:
                    out.append(", ".join(run))
                run = []
            elif q:
                run.append(q)
    return out


def _short_contact_line(ln: Line) -> bool:
    t = clean(ln.text)
    return len(t) <= 40


def _contactish_strict(t: str) -> bool:
    return bool(find_emails(t) or find_urls(t) or re.search(r"\d{6,}", t.replace(" ", "")) or find_range(t))
