"""The history table of a Japanese 履歴書 (and of forms like it): 年 | 月 | one event per row.

A school takes two rows, its 入学 (entered) and its 卒業 / 修了 (graduated); a job its 入社 (joined)
and its 退社 / 退職 (left), a row such as "営業職として勤務" between them naming the position, the
current job closed by 現在に至る ("to the present") and the list by 以上 ("end"). Rows run oldest
first, years in the Western or the Japanese calendar (令和3, 平成27). Read row by row, the generic
entry reader takes each row for an entry of its own; here the rows of one school or one job become
one entry with its start and end."""
from __future__ import annotations

import re
from typing import Any

from htdy.parsers.extract.degrees_cjk import split_cjk_degree
from htdy.parsers.extract.structure import clean
from htdy.parsers.layout.model import Line

_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}
_YEAR = r"(?P<y>(?:19|20)\d\d|(?:令和|平成|昭和|[RHS])\s*(?:\d{1,2}|元))"
_ROW = re.compile(rf"^{_YEAR}\s*年?\s*(?:(?P<m>1[0-2]|0?[1-9])\s*月?\s+)?(?P<t>\S.*)$")
_EDU_START = ("編入学", "入学")
_EDU_END = ("卒業見込み", "修了見込み", "卒業予定", "修了予定", "卒業", "修了", "中退", "中途退学", "退学", "満期退学")
_WORK_START = ("入社", "入職", "入庁", "入行", "入所", "就職", "入団")
_WORK_END = ("退社予定", "退職予定", "退社", "退職", "退所", "退官")
_PRESENT = re.compile(r"^(?:現在に至る|現在に至ります|現在まで|在職中)[。.]?$")
_REASON = re.compile(r"\s*(?:一身上の都合|会社都合|契約期間満了|契約満了|家庭の事情|事業所閉鎖)(?:により|のため|で)?\s*")
_ROLE = re.compile(r"^(?P<r>.+?)(?:として(?:勤務|従事|就業|配属)|職に従事|に従事|を担当|部に配属|課に配属)[。.]?$")
_FRAMING = re.compile(r"^(?:学歴|職歴|学歴・職歴|以上)[。.]?$")


def _year(raw: str) -> int:
    m = re.match(r"(令和|平成|昭和|[RHS])\s*(\d{1,2}|元)", raw)
    if not m:
        return int(raw)
    return _ERAS[m.group(1)] + (1 if m.group(2) == "元" else int(m.group(2)))


def _date(y: str, m: str | None) -> str:
    return f"{_year(y)}-{int(m):02d}" if m else str(_year(y))


def _event(text: str, words: tuple[str, ...]) -> str | None:
    """The subject of a row ending in one of ``words``, or None."""
    t = text.rstrip("。. ")
    for w in words:
        if t.endswith(w):
            return _REASON.sub(" ", t[: -len(w)]).strip(" 　、,")
    return None


def rows(lines: list[Line]) -> list[tuple[str | None, str]]:
    """(date or None, text) per line of a history table; dated rows matched by `_ROW`."""
    out: list[tuple[str | None, str]] = []
    for ln in lines:
        t = " ".join(clean(ln.text).replace("\u3000", " ").split())
        m = _ROW.match(t)
        out.append((_date(m.group("y"), m.group("m")), m.group("t")) if m else (None, t))
    return out


def is_history(lines: list[Line]) -> bool:
    """Two or more dated rows that end in an event word: a 履歴書's history table."""
    words = _EDU_START + _EDU_END + _WORK_START + _WORK_END
    return sum(1 for d, t in rows(lines) if d and _event(t, words) is not None) >= 2


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a))


def _school(subject: str) -> dict[str, Any]:
    """"東京大学 工学部 情報工学科" → institution, area; a degree word among the rest → studyType."""
    parts = subject.split()
    ed: dict[str, Any] = {"institution": parts[0] if parts else subject}
    rest = " ".join(parts[1:])
    if rest:
        split = split_cjk_degree(rest)
        if split:
            ed["studyType"], ed["area"] = split
        else:
            ed["area"] = rest
    return ed


def entries(lines: list[Line]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(education, work) read from a history table."""
    education: list[dict[str, Any]] = []
    work: list[dict[str, Any]] = []
    open_school: dict[str, Any] | None = None
    open_job: dict[str, Any] | None = None
    for date, text in rows(lines):
        if _FRAMING.match(text):
            continue
        events = _EDU_START + _EDU_END + _WORK_START + _WORK_END
        if date is None and _event(text, events) is None:  # (an event row may lack its date)
            if open_job is not None and _PRESENT.match(text):
                open_job = None
                continue
            role = _ROLE.match(text)
            if open_job is not None and role and "position" not in open_job:
                open_job["position"] = role.group("r").strip()
            elif open_job is not None and not _PRESENT.match(text):
                open_job.setdefault("highlights", []).append(text)
            continue
        subject = _event(text, _EDU_START)
        if subject is not None:
            open_school = {**_school(subject), "startDate": date, "_key": subject}
            education.append(open_school)
            continue
        subject = _event(text, _EDU_END)
        if subject is not None:
            if open_school is not None and _same(open_school["_key"], subject.split()[0] if subject else ""):
                open_school["endDate"] = date
                if len(subject) > len(open_school["_key"]):  # the degree printed on the graduation row
                    open_school.update({k: v for k, v in _school(subject).items() if k != "institution"})
            else:
                education.append({**_school(subject), "endDate": date, "_key": subject})
            open_school = None
            continue
        subject = _event(text, _WORK_START)
        if subject is not None:
            open_job = {"name": subject, "startDate": date}
            work.append(open_job)
            continue
        subject = _event(text, _WORK_END)
        if subject is not None:
            job = next((j for j in reversed(work) if "endDate" not in j and (not subject or _same(j["name"], subject))),
                       None)
            if job is None:
                job = {"name": subject or "", "startDate": None}
                work.append(job)
            job["endDate"] = date
            open_job = None
    for ed in education:
        ed.pop("_key", None)
    return education, [{k: v for k, v in j.items() if v is not None} for j in work if j.get("name")]
