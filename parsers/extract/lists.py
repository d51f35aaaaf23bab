"""List-like sections: skills, languages, interests, and the simple entry sections
(projects, awards, certificates, publications, references)."""
from __future__ import annotations

import re
from typing import Any

from htdy.parsers.extract.dates import date_only, find_range
from htdy.parsers.extract.fields import body_text, join_lines
from htdy.parsers.extract.header_pieces import pieces
from htdy.parsers.extract.language_rows import cefr_legend, grid_header
from htdy.parsers.extract.sections import Section
from htdy.parsers.extract.structure import BULLET, BULLET_CHARS, Entry, clean, split_entries
from htdy.parsers.extract.vocab import HEADINGS, LEVEL_WORDS, NATURAL_LANGUAGES, fold, heading_key
from htdy.parsers.layout.model import Line

# items run on with list marks between them ("▪ Jira ▪ Notion"); dashes only with spaces round them
_INLINE_MARKS = "".join(c for c in BULLET_CHARS if c not in "-–—*")
_ITEM_SPLIT = re.compile(rf"\s*[,;|/、，；{re.escape(_INLINE_MARKS)}]\s*|\s{{2,}}|\s+-\s+")
_PAREN = re.compile(r"\s*[(\[]([^()\[\]]*)(?:[)\]]|$)\s*")
_AMOUNT = re.compile(r"(?i)^[\d\s.,+%/<>~-]*(?:years?|yrs?|y|jahre?|ans?|anos?|años|anni|lat|jaar|months?|mo)?\.?"
                     r"(?:\s+(?:of\s+)?(?:experience|exp|erfahrung))?$")


def _paren(m: re.Match[str]) -> str:
    """A parenthesised part of a skill item: a level or an amount ("(advanced)", "(B2)", "(5 years)",
    "(100)") is dropped; names ("PHP MVC (Custom, Cake, CodeIgniter)", "Redux (Redux Toolkit)") are
    items of their own."""
    inner = m.group(1).strip()
    parts = [p.strip(" .:-–") for p in _ITEM_SPLIT.split(inner) if p.strip(" .:-–")]
    if not parts or all(fold(p) in LEVEL_WORDS or _AMOUNT.match(p) for p in parts):
        return " "
    return ", " + inner + ", "


def _items(text: str) -> list[str]:
    text = _PAREN.sub(_paren, text)
    out = []
    for part in _ITEM_SPLIT.split(text):
        p = part.strip(" .:-–()")
        if p and fold(p) not in LEVEL_WORDS and not re.fullmatch(r"[\d%/.\s]+", p) \
                and not re.fullmatch(r"(?i)\[?object(?:\s+object)?\]?", p):  # a template's "[object Object]" bug text
            out.append(p)
    return out


# labels of language rows ("Mother tongue(s)", "Other language(s)", "Lingua madre", "Język(i) ojczysty(e)",
# "Língua(s) materna(s)", "Otro(s) idioma(s)", "Muttersprache", "Moedertaal"…)
_LANG_LABEL = re.compile(r"(?i)^\W*(?:\w+(?:\(\w+\))?\s+){0,2}?(?:mother\s+tongue|native\s+language|other\s+languages?|"
                         r"language|sprachen?|muttersprache|langues?|langue\s+maternelle|lenguas?|idiomas?|"
                         r"l[ií]nguas?|lingu[ae]|lingua\s+madre|altre\s+lingue|talen|moedertaal|"
                         r"j[eę]zyki?|j[eę]zyk\(i\))(?:\(\w+\))?(?=[\s:(]|$)")
_CEFR_ROW = re.compile(r"^(?:(?:[ABC][12]|/|\|)\s*)+$")


def _names_language(text: str) -> bool:
    return any(fold(w) in NATURAL_LANGUAGES for w in re.findall(r"[^\W\d_]+", text))


def _title_prefix(text: str) -> int:
    """Length of a skills-section title of two to five words that ``text`` starts with ("Digital
    skills", "Capacidades y competencias informáticas"): a row label naming the kind of list."""
    words = text.split()
    for n in range(min(5, len(words)), 1, -1):
        head = " ".join(words[:n])
        if HEADINGS.get(" ".join(fold(head).strip(" :").split())) == "skills":
            return len(head)
    return 0


def _language_line(text: str) -> bool:
    """A language name with its level, a CEFR grid row ("B2 B2 B2 B2 B2") or its header."""
    return is_natural_language(text) or bool(_CEFR_ROW.match(text)) or (
        text.isupper() and len(text.split()) >= 3 and not any(ch.isdigit() for ch in text))


def skills(section: Section, groups: list[dict[str, Any]], title_as_name: bool = False,
           langs: list[dict[str, str]] | None = None) -> None:
    """Skill groups from a list section. Language rows met inside it (a "Languages" group, the
    Europass "Mother tongue / Other languages" rows and CEFR grid) go to ``langs``, not skills."""
    cur: dict[str, Any] | None = None
    if title_as_name:
        cur = {"name": section.title, "keywords": []}
        groups.append(cur)
    in_langs = False
    lang_texts: list[str] = []  # language rows without their labels
    pending: str | None = None  # a language label alone on its line
    since = 0
    for ln in section.lines:
        t = BULLET.sub("", clean(ln.text))
        if not t:
            continue
        cells = [clean(c) for c in ln.soft_cell_texts() if BULLET.sub("", clean(c))]
        if len(cells) >= 2:
            label, rest = cells[0], " ".join(cells[1:])
        elif ":" in t:
            label, rest = (x.strip() for x in t.split(":", 1))
        else:
            lm = _LANG_LABEL.match(t)
            label, rest = (t[:lm.end()], t[lm.end():]) if lm else (t, "")
        if (heading_key(label) == "languages" or _LANG_LABEL.match(label)) and (
                not rest.strip() or _names_language(rest) or _language_line(rest.strip())
                or (len(t.split()) <= 3 and len(cells) == 1 and ":" not in t)):
            in_langs = True  # "Sprachen | Deutsch, Englisch", "Mother tongue(s) English", "LANGUAGES"
            pending, since = (t if not rest.strip() else None), len(lang_texts)
            if _names_language(rest):
                lang_texts.append(rest.strip(" :"))
            continue
        if not in_langs and _language_list(t):
            lang_texts.append(t)  # "English (C2), Italian (native)" under "Skills & Languages"
            continue
        if in_langs:
            if _language_line(t) or (not ln.bold and heading_key(t) is None and _title_prefix(t) == 0
                                     and len(t.split()) >= 3 and not re.search(r"[,;•·|]", t)):
                if is_natural_language(t):
                    lang_texts.append(t)
                continue
            in_langs = False
            if pending and len(lang_texts) == since:  # "Talen" / "C++, C, Python": a group's name after all
                cur = {"name": pending, "keywords": []}
                groups.append(cur)
        n = _title_prefix(t)
        if n and n == len(t):
            cur = {"name": "", "keywords": []}  # the section's own kind as a row label ("Digital skills")
            groups.append(cur)
            continue
        if n and len(cells) == 1:
            t = t[n:].strip(" :")  # "Competenze digitali Java, Spring Boot"
            cells = [t]
        elif len(cells) >= 2 and _title_prefix(cells[0]) == len(cells[0]):
            cells, t = cells[1:], " ".join(cells[1:])
        core = t.rstrip(" :")
        if t.endswith(":") and ":" not in core and core.endswith((")", "]")) \
                and _PAREN.sub(_paren, core[core.rfind("(") if "(" in core else 0:]).strip() == "":
            # "PHP (100):", "CSS (SASS, LESS) (90):": one skill and its level, no group name
            if cur is None:
                cur = {"name": "", "keywords": []}
                groups.append(cur)
            cur["keywords"].extend(_items(core))
            continue
        m = re.match(r"^([^:]{1,45}):\s*(.+)$", t)
        if m:
            # "Bases de Datos (Avanzado): …": the group's level is no part of its name
            cur = {"name": _PAREN.sub(lambda x: " " if _paren(x) == " " else x.group(0), m.group(1)).strip(),
                   "keywords": _items(m.group(2))}
            groups.append(cur)
            continue
        if len(cells) >= 2 and not ln.spans[0].bold and not any(re.search(r"[,;•·|]", c) for c in cells):
            # skill "pills" set apart on one line ("InDesign   Branding   Tipografía"): one item each
            if cur is None:
                cur = {"name": "", "keywords": []}
                groups.append(cur)
            cur["keywords"].extend(k for c in cells for k in _items(c))
            continue
        if len(cells) >= 2 and len(cells[0].split()) <= 4 and (ln.spans[0].bold or len(cells) == 2):
            cur = {"name": cells[0], "keywords": [k for c in cells[1:] for k in _items(c)]}
            groups.append(cur)
            continue
        if fold(t) in LEVEL_WORDS:
            continue
        if ln.bold and len(t.split()) <= 4 and "," not in t:
            cur = {"name": t, "keywords": []}
            groups.append(cur)
            continue
        if cur is None:
            cur = {"name": "", "keywords": []}
            groups.append(cur)
        cur["keywords"].extend(_items(t))
    if langs is not None:
        for text in lang_texts:
            langs.extend(_language_items(text))


def finish_skills(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        kws = list(dict.fromkeys(k for k in g["keywords"] if k))
        if not g["name"] and not kws:
            continue
        item: dict[str, Any] = {"name": g["name"]} if g["name"] else {}
        if kws:
            item["keywords"] = kws
        out.append(item)
    return out


def _level(text: str) -> bool:
    t = text.strip(" .")
    return fold(t) in LEVEL_WORDS or bool(re.fullmatch(r"[ABC][12](?:\s*[-/]\s*[ABC][12])?", t))


def _value(text: str) -> str:
    """``Mother tongue(s): ITALIAN`` → ``ITALIAN`` (a label before a colon)."""
    m = re.match(r"^([^:]{2,40}):\s*(.+)$", text.strip())
    if m and fold(re.split(r"[\s(]", m.group(1))[0]) not in NATURAL_LANGUAGES and not _level(m.group(2)):
        return m.group(2)  # (a level after the label: the label is the language, "fr: Native Speaker")
    return text


def is_natural_language(text: str) -> bool:
    """A line about a language: it starts with one ("Deutsch (Muttersprache)") or is a short
    sentence naming one ("Fluent in English and Gujarati.")."""
    m = re.match(r"^([^\W\d_][^:()]{0,29})\s*[:(\-–]\s*([^:]+?)\)?$", text.strip())
    if m and len(m.group(1).split()) <= 2 and _level(m.group(2)):
        return True  # "fr: Native Speaker", "Gallego (B2)": a level after the label names a language
    text = _value(text)
    w = fold(re.split(r"[\s:(,\-–]", text.strip())[0]) if text.strip() else ""
    return w in NATURAL_LANGUAGES or (len(text.split()) <= 8 and _names_language(text))


_CJK_LANG = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_CJK_LANG_NAMES = sorted((w for w in NATURAL_LANGUAGES if _CJK_LANG.search(w)), key=len, reverse=True)
_LANG_SET = frozenset(NATURAL_LANGUAGES)
# what joins the last two languages of a list ("English and German", "中文和英语")
_JOINER = re.compile(r"(?i)(?:^|[\s,;]+)(?:and|und|et|y|e|och|og|i|a|ve|и|та|oraz|en|ja)$|[和与及、]$")
_LEVEL_LABEL = re.compile(r"(?i)^(?:fluency|level|proficiency|niveau|nivel|n[ií]vel|livello|poziom|уровень|"
                          r"рівень|seviye|nivå|niveau|úroveň|水平|レベル|수준|المستوى|רמה)\s*[:：]\s*(.+)$")
_EDGE = " -–—:：·•|,;/()（），、"


def _language_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names languages: words of the vocabulary (any of our languages), and CJK
    names inside unspaced runs ("中文母语英语流利")."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\W\d_]+", text):
        word = m.group(0)
        if _CJK_LANG.search(word):
            taken: list[tuple[int, int]] = []
            for name in _CJK_LANG_NAMES:
                for hit in re.finditer(re.escape(name), word):
                    a, b = m.start() + hit.start(), m.start() + hit.end()
                    if not any(a < y and x < b for x, y in taken):
                        taken.append((a, b))
            spans.extend(taken)
        elif fold(word) in _LANG_SET:
            spans.append((m.start(), m.end()))
    return sorted(spans)


def _segment_languages(text: str) -> list[dict[str, str]] | None:
    """``Русский родной · Английский — продвинутый``, ``中文（母语），英语（B1）``, ``Español Nativo``:
    each language name starts an item, what follows it up to the next one is its level. None
    when the text names no language or starts with other words ("Fluent in English")."""
    spans = _language_spans(text)
    if not spans or text[:spans[0][0]].strip(_EDGE):
        return None
    out = []
    for i, (a, b) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        rest = _JOINER.sub("", text[b:end].strip(_EDGE)).strip(_EDGE)
        item = {"language": text[a:b]}
        if rest:
            item["fluency"] = rest
        out.append(item)
    return out


def _language_list(text: str) -> bool:
    """Nothing but languages, each with a level or none ("English (C2), Italian (native)")."""
    items = _segment_languages(text)
    return items is not None and bool(items) and all(not i.get("fluency") or _level(i["fluency"]) for i in items) and (
        len(items) >= 2 or "fluency" in items[0])


def _joined_lines(section: Section) -> list[str]:
    """The section's lines, one wrapped inside parentheses joined ("Spanish (Professional" /
    "Working)")."""
    out: list[str] = []
    for ln in section.lines:
        t = BULLET.sub("", clean(ln.text))
        if out and out[-1].count("(") > out[-1].count(")") and t.count(")") > t.count("("):
            out[-1] += " " + t
        else:
            out.append(t)
    return out


def _place_line(t: str) -> bool:
    """"London, England, United Kingdom": a place (the main column's header read into a sidebar's
    last section), no list of languages."""
    from htdy.parsers.extract.contacts import COUNTRIES, location_from
    from htdy.parsers.extract.places import is_city, is_region

    if _language_spans(t):
        return False
    loc = location_from(t)
    parts = [p.strip() for p in t.split(",") if p.strip()]
    return bool(loc and is_city(loc.get("city", ""))) or bool(parts) and all(
        fold(p) in COUNTRIES or is_region(p) or is_city(p) for p in parts)


def languages(section: Section) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for t in _joined_lines(section):
        if not t or _place_line(t) or (re.search(r"[:：]\s*$", t) and not _language_spans(t)):
            continue  # (a row label with its value on the next lines: "Other language(s):")
        if (grid_header(t) or cefr_legend(t)) and not _segment_languages(t):
            continue  # the self-assessment grid's headings, the levels' legend
        row = re.match(r"^([^:：]{2,40})[:：]\s*(.+)$", t)
        if row and not _language_spans(t) and not _level(row.group(2)) and not _LANG_LABEL.match(row.group(1)) \
                and heading_key(row.group(1)) != "languages":
            continue  # another row of the section ("Driving licence: B")
        labelled = _LEVEL_LABEL.match(t)
        if out and "fluency" not in out[-1] and (labelled or _level(t) or (
                len(t.split()) <= 4 and not _language_spans(t) and not _CEFR_ROW.match(t))):
            # "Español" / "Nativo", "English" / "Fluency: Native": the level under its language
            out[-1]["fluency"] = labelled.group(1).strip() if labelled else t
            continue
        value = _value(t)
        found = _segment_languages(value)
        out.extend(found if found is not None else _language_items(value))
    return out


def _language_items(t: str) -> list[dict[str, str]]:
    out = []
    for part in re.split(r"\s*[;•|]\s*|,\s+(?=[A-ZÀ-Ý])", t):
        m = re.match(r"^([^\W\d_][\w\s]*?)\s*(?:[:(\-–—]\s*(.*?)\)?)?$", part.strip())
        if not m:
            continue
        lang = m.group(1).strip()
        if not lang or len(lang.split()) > 3:
            continue
        words = lang.split()
        if not m.group(2) and len(words) >= 2 and _level(" ".join(words[1:])):
            out.append({"language": words[0], "fluency": " ".join(words[1:])})  # "Mandarim Fluente"
            continue
        item = {"language": lang}
        if m.group(2):
            item["fluency"] = m.group(2).strip(" )")
        out.append(item)
    return out


def interests(section: Section) -> list[dict[str, Any]]:
    out = []
    for ln in section.lines:
        t = BULLET.sub("", clean(ln.text))
        m = re.match(r"^([^:]{1,40}):\s*(.+)$", t)
        if m:
            out.append({"name": m.group(1).strip(), "keywords": _items(m.group(2))})
        else:
            out.extend({"name": i} for i in _items(t))
    return out


def simple_entries(lines: list[Line], kind: str) -> list[dict[str, Any]]:
    """Projects, awards, certificates, publications, references."""
    out = []
    entries = split_entries(lines) if any(find_range(clean(ln.text)) for ln in lines) else \
        _by_line_or_bold(lines)
    for e in entries:
        ps, dates = pieces(e.header)
        texts = [p["text"] for p in ps if not date_only(p["text"])]
        if not texts and not e.body:
            continue
        summary, highlights = body_text(e)
        first = texts[0] if texts else summary[:80]
        item: dict[str, Any] = {}
        date = dates.get("end") or dates.get("start")
        if kind == "projects":
            item["name"] = first
            if dates.get("start"):
                item["startDate"] = dates["start"]
                if dates.get("end") and not dates.get("current"):
                    item["endDate"] = dates["end"]
            desc = join_lines(texts[1:] + ([summary] if summary else []))
            if desc:
                item["description"] = desc
            if highlights:
                item["highlights"] = highlights
        elif kind == "awards":
            item["title"] = first
            if date:
                item["date"] = date
            if len(texts) > 1:
                item["awarder"] = texts[1]
            if summary:
                item["summary"] = summary
        elif kind == "certificates":
            item["name"] = first
            if date:
                item["date"] = date
            if len(texts) > 1:
                item["issuer"] = texts[1]
        elif kind == "publications":
            item["name"] = first
            if date:
                item["releaseDate"] = date
            if len(texts) > 1:
                item["publisher"] = texts[1]
            if summary:
                item["summary"] = summary
        elif kind == "references":
            item["name"] = first
            ref = join_lines(texts[1:] + ([summary] if summary else []))
            if ref:
                item["reference"] = ref
        out.append(item)
    return out


def _by_line_or_bold(lines: list[Line]) -> list[Entry]:
    if any(ln.bold for ln in lines) and not all(ln.bold for ln in lines):
        entries: list[Entry] = []
        for ln in lines:
            if ln.bold or not entries:
                entries.append(Entry(header=[ln]))
            else:
                entries[-1].body.append(ln)
        return entries
    return [Entry(header=[ln]) for ln in lines if clean(ln.text)]
