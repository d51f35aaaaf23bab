"""From a :class:`Layout` to JSON Resume data plus extras (confidence, spans,
warnings, language, page count)."""
from __future__ import annotations

import logging
import re
from collections import Counter
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

from htdy.parsers.extract import header_model, history_rows, lists
from htdy.parsers.extract.academic import drop_department, notes_to_body, teaching_course
from htdy.parsers.extract.basics import basics, find_name
from htdy.parsers.extract.dates import date_only
from htdy.parsers.extract.degrees import drop_repeated_degree
from htdy.parsers.extract.fields import education_entry, join_lines, work_entry
from htdy.parsers.extract.language import detect_language
from htdy.parsers.extract.preamble import head_languages, head_summary
from htdy.parsers.extract.row_labels import body_label
from htdy.parsers.extract.section_model import classify, confirms
from htdy.parsers.extract.sections import Section, settle, split_sections
from htdy.parsers.extract.stacked import join_stacked_dates, unstack_grid
from htdy.parsers.extract.structure import BULLET, Entry, clean, degree_and_school, split_entries
from htdy.parsers.extract.vocab import fold
from htdy.parsers.layout.model import Layout, Line
from htdy.parsers.layout.reading import order

log = logging.getLogger("htdy.parsing")


def build(layout: Layout) -> tuple[dict[str, Any], dict[str, Any]]:
    lines = order(layout)
    if not any(clean(ln.text) for ln in lines):
        from htdy.core.host.errors import ParseError
        if layout.kind == "pdf":
            raise ParseError("the PDF has no text layer (scanned?)", code="no_text_layer")
        raise ParseError("the document is empty", code="empty")
    margins = [ln for ln in lines if ln.source in ("header", "footer")]
    lines = [ln for ln in lines if ln.source not in ("header", "footer")]
    found_name = find_name(layout, lines, margins)
    name = label = None
    if found_name:
        name, label = found_name.name, found_name.label
        lines = [ln for i, ln in enumerate(lines) if i not in found_name.drop or ln.cell_texts()[1:]]
    icon_bullets(lines)
    sections = split_sections(lines)
    trace = TRACE.get()
    if trace is not None:
        trace["sections"] = [(s.key, s.title, s) for s in sections]
    inferred = []
    named: set[int] = set()
    guesses = classify(sections)
    for sec, guess in zip(sections, guesses, strict=True):
        if guess:  # a heading the vocabulary does not know: its content says what it is
            inferred.append({"title": sec.title, "key": guess[0], "confidence": round(guess[1], 3)})
            sec.key = guess[0]
            named.add(id(sec))
    sections = settle(sections, [g[0] if g else None for g in guesses], confirms(sections))
    spans: dict[str, str] = {}
    conf: dict[str, float] = {}
    resume: dict[str, Any] = {}
    b = basics(layout, lines, sections, spans, conf, name, label, margins)
    work: list[dict[str, Any]] = []
    education: list[dict[str, Any]] = []
    volunteer: list[dict[str, Any]] = []
    skill_groups: list[dict[str, Any]] = []
    langs: list[dict[str, str]] = []
    interests: list[dict[str, Any]] = []
    summary: list[str] = []
    other: dict[str, list[dict[str, Any]]] = {"projects": [], "awards": [], "certificates": [],
                                              "publications": [], "references": []}
    found = Counter(s.key for s in sections)
    failed: list[str] = []
    for sec in sections:
        try:
            if sec.key in ("work", "education") and history_rows.is_history(sec.lines):
                edu, jobs = history_rows.entries(sec.lines)  # a 履歴書's 年 | 月 | event rows
                education.extend(edu)
                work.extend(jobs)
            elif sec.key == "work":
                work.extend(w for w in _work_entries(sec, layout.has_geometry) if not teaching_course(sec.title, w))
            elif sec.key == "volunteer":
                for w in _work_entries(sec, layout.has_geometry):
                    if "name" in w:
                        w["organization"] = w.pop("name")
                    volunteer.append(w)
            elif sec.key == "education":
                for e in _one_line_degrees(unlabel(split_entries(join_stacked_dates(unstack_grid(sec.lines)),
                                                                 layout.has_geometry))):
                    e = notes_to_body(e)
                    ed = header_model.apply(e.header, education_entry(e), "education")
                    if ed.get("institution"):
                        ed["institution"] = drop_department(ed["institution"], ed.get("area"))
                    drop_repeated_degree(ed)  # (after the header model, which may fill the field with the degree)
                    if (not ed.get("institution") and education and (ed.get("studyType") or ed.get("area"))
                            and (ed.get("startDate") or ed.get("endDate"))):
                        ed["institution"] = education[-1]["institution"]  # another degree at the same school
                    if ed.get("institution"):
                        education.append(ed)
                    trace = TRACE.get()
                    if trace is not None:
                        trace.setdefault("education", []).append((e, ed))
            elif sec.key == "skills":
                # a section the model named skills had a heading of its own ("Bases de Datos"):
                # like any unknown heading over a keyword list, its title names the group
                lists.skills(sec, skill_groups, langs=langs, title_as_name=id(sec) in named)
            elif sec.key == "languages":
                items = [clean(ln.text) for ln in sec.lines if clean(ln.text)]
                natural = sum(1 for t in items if lists.is_natural_language(BULLET.sub("", t)))
                if items and natural >= max(1, len(items) // 2):
                    langs.extend(lists.languages(sec))
                else:
                    lists.skills(sec, skill_groups, title_as_name=True)
            elif sec.key == "interests":
                interests.extend(lists.interests(sec))
            elif sec.key == "summary":
                paras = [clean(ln.text) for ln in sec.lines
                         if len(clean(ln.text)) > 2 and "@" not in ln.text and not re.search(r"https?://|www\.", ln.text)
                         and not (len(clean(ln.text)) < 40 and re.search(r"\d{4,}|\+\d", ln.text))]
                summary.extend(paras)
            elif sec.key in other:
                other[sec.key].extend(lists.simple_entries(sec.lines, sec.key))
            elif sec.key == "other" and _keyword_list(sec):
                lists.skills(sec, skill_groups, title_as_name=True, langs=langs)
        except Exception:  # one unreadable section must not cost the rest of the CV
            log.warning("section %r (%s) could not be read", sec.title, sec.key, exc_info=True)
            failed.append(sec.title or sec.key)

    if not langs and sections and sections[0].key == "preamble":
        langs = head_languages(sections[0].lines)
    if summary:
        b["summary"] = join_lines(summary)
        conf["basics.summary"] = 0.7
    elif sections and sections[0].key == "preamble" and (
            head := _head_summary(sections[0].lines, b)):
        b["summary"] = head
        conf["basics.summary"] = 0.6
    if b.get("summary"):
        spans["basics.summary"] = b["summary"][:200]
    resume["basics"] = b
    for key, val in (("work", work), ("volunteer", volunteer), ("education", education)):
        if val:
            resume[key] = val
    sk = lists.finish_skills(skill_groups)
    if sk:
        resume["skills"] = sk
    if langs:
        resume["languages"] = langs
    if interests:
        resume["interests"] = interests
    for key, val in other.items():
        if val:
            resume[key] = val
    for key in ("work", "education", "volunteer"):
        for i, e in enumerate(resume.get(key, [])):
            learned = e.pop("_confidence", {})
            for f in e:
                if isinstance(e[f], str):
                    spans[f"{key}[{i}].{f}"] = e[f][:200]
                    conf[f"{key}[{i}].{f}"] = learned.get(f, 0.85 if f in ("startDate", "endDate") else 0.75)
    low = sorted(k for k, v in conf.items() if v < LOW_CONFIDENCE)
    full_text = "\n".join(clean(ln.text) for ln in lines)
    extras: dict[str, Any] = {
        "confidence": conf,
        "spans": spans,
        "warnings": list(layout.warnings),
        "language": detect_language(full_text),
        "page_count": layout.page_count,
        "sections": [s.title or s.key for s in sections if s.key != "preamble"],
        "unrecognised_sections": [s.title for s in sections if s.key == "other"],
        "inferred_sections": inferred,
        "backend": layout.backend,
    }
    if failed:  # its lines stay in extras.unassigned
        extras["warnings"].append(f"section(s) could not be read: {', '.join(failed)}")
    if not found.get("work") and not found.get("education"):
        extras["warnings"].append("no work or education section recognised")
    if low:  # the editor highlights these
        extras["low_confidence"] = low
        extras["warnings"].append(f"{len(low)} field(s) read with low confidence: {', '.join(low[:5])}")
    titles = {fold(sec.title) for sec in sections}
    extras["unassigned"] = [u for u in unassigned(margins + lines, resume)
                            if fold(u["text"].rstrip(":")) not in titles and not date_only(u["text"])]
    return resume, extras


_WORD = re.compile(r"\w{2,}")
LOW_CONFIDENCE = 0.5


_ICON = re.compile(r"^\s*([\ue000-\uf8ff])\s*\S")


def icon_bullets(lines: list[Line]) -> None:
    """A list marked with an icon-font glyph (moderncv's U+E000 arrows, Font Awesome checks):
    lines that start with the same private-use glyph at the same x, one after the other (wrapped
    lines indented between them), are list items: the glyph becomes a bullet. An icon that heads
    lines apart from each other (a graduation cap before each degree, a contact icon) stays."""
    starts = [_ICON.match(ln.text) for ln in lines]

    def next_item(i: int) -> int | None:  # the next line not indented under line i
        x = lines[i].x0
        for j in range(i + 1, min(i + 6, len(lines))):
            if lines[j].page != lines[i].page or lines[j].x0 <= x + 2:
                return j
        return None

    glyph = [m.group(1) if m else None for m in starts]
    marked: set[int] = set()
    for i, g in enumerate(glyph):
        j = next_item(i) if g else None
        if g and j is not None and glyph[j] == g and abs(lines[j].x0 - lines[i].x0) <= 2:
            marked.update((i, j))
    for i in marked:
        sp = lines[i].spans[0]
        sp.text = sp.text.replace(glyph[i] or "", "•", 1)


def _head_summary(pre: list[Line], b: dict[str, Any]) -> str | None:
    """The untitled profile paragraph before the first heading, from the text nothing else took."""
    import json

    return head_summary(pre, fold(json.dumps({k: v for k, v in b.items() if k != "summary"}, ensure_ascii=False)))


def _unassigned_lines(lines: list[Line], resume: dict[str, Any]) -> list[Line]:
    import json

    have = set(_WORD.findall(json.dumps(resume, ensure_ascii=False).casefold()))
    return [ln for ln in lines if (words := _WORD.findall(clean(ln.text).casefold()))
            and sum(1 for w in words if w in have) < 0.5 * len(words)]


def unassigned(lines: list[Line], resume: dict[str, Any]) -> list[dict[str, Any]]:
    """Nothing lost: every text line whose words are mostly absent from the output, with its page
    and position, so the editor can offer it (section titles and labels included)."""
    return [{"text": clean(ln.text), "page": ln.page + 1, "x": round(ln.x0, 1), "y": round(ln.top, 1)}
            for ln in _unassigned_lines(lines, resume)]


# Training hook (parsers/training): when set to a dict, it receives the sections as split
# ("sections") and every work entry as (Entry, result) ("work"), so the corpus factory can label
# what the pipeline saw.
TRACE: ContextVar[dict[str, Any] | None] = ContextVar("htdy_trace", default=None)


def unlabel(entries: list[Entry]) -> list[Entry]:
    """Labels over an entry's list ("HIGHLIGHTS", "Key achievements:") name no field: the lines after
    one are the entry's body; an entry that starts at such a label continues the one before it."""
    out: list[Entry] = []
    for e in entries:
        at = next((i for i, ln in enumerate(e.header) if body_label(ln.text)), None)
        body = [ln for ln in e.body if not body_label(ln.text)]
        if at is None and len(body) == len(e.body):
            out.append(e)
            continue
        header = e.header if at is None else e.header[:at]
        body = ([] if at is None else [ln for ln in e.header[at + 1:] if not body_label(ln.text)]) + body
        if not header and out:
            out[-1] = replace(out[-1], body=out[-1].body + body)
        else:
            out.append(replace(e, header=header, body=body))
    return out


def _work_entries(sec: Section, geometry: bool) -> list[dict[str, Any]]:
    entries = [notes_to_body(e) for e in unlabel(split_entries(sec.lines, geometry))]
    first = [work_entry(e) for e in entries]
    slots: Counter[Any] = Counter(w["_slot"] for w in first if w.get("_slot"))
    out: list[dict[str, Any]] = []
    for e, w in zip(entries, first, strict=True):
        if "position" not in w or not w.get("_slot") or w.get("_ambiguous"):
            w = work_entry(e, dict(slots)) if slots else w
        w.pop("_slot", None)
        w.pop("_ambiguous", None)
        if w.get("position") and not w.get("name") and out and out[-1].get("name"):
            w["name"] = out[-1]["name"]  # another role at the same employer
        w = header_model.apply(e.header, w, "work")
        if w.get("name"):
            w["name"] = drop_department(w["name"])
        if w.get("name") or w.get("position"):
            out.append(w)
            trace = TRACE.get()
            if trace is not None:
                trace.setdefault("work", []).append((e, w))
    return out


def _one_line_degrees(entries: list[Entry]) -> list[Entry]:
    """A list of one-line degrees set alike, without dates or bold to split it by: each line
    naming a degree and its school starts an entry when the first one's header is such a line."""
    out: list[Entry] = []
    for e in entries:
        if len(e.header) > 1 and all(degree_and_school(h) and (bool(re.search("[,、，]", h.text)) or len(h.cell_spans()) > 1)
                                     for h in e.header):
            # header lines that each name a degree and its school ("Master, Hogeschool Tilburg" /
            # "Informatica (Propedeuse), Hogeschool van Utrecht"): an entry each
            out += [Entry(header=[h], body=[], right=e.right) for h in e.header[:-1]]
            out.append(Entry(header=e.header[-1:], body=e.body, right=e.right))
            continue
        if not (len(e.header) == 1 and degree_and_school(e.header[0]) and any(map(degree_and_school, e.body))):
            out.append(e)
            continue
        cur = Entry(header=e.header[:], body=[], right=e.right)
        out.append(cur)
        for ln in e.body:
            if degree_and_school(ln):
                cur = Entry(header=[ln], body=[], right=e.right)
                out.append(cur)
            else:
                cur.body.append(ln)
    return out


def _keyword_list(sec: Section) -> bool:
    texts = [BULLET.sub("", clean(ln.text)) for ln in sec.lines if clean(ln.text)]
    if not texts or len(texts) > 40:
        return False
    short = sum(1 for t in texts if len(t.split()) <= 5 and not t.endswith("."))
    return short >= 0.8 * len(texts) and fold(sec.title) not in ("", "contact")
