"""Degree and field of study in Chinese, Japanese and Korean education lines.

CJK CVs print the field and the degree side by side with no joining word: "计算机科学与技术专业
大专", "法学 学士", "컴퓨터공학 전공 학사", "学士・経済学", "经济学（硕士）" — and LaTeX with xeCJK
drops the space between them ("法学学士"). The European splitting rules (a degree word, then
"in"/"en"/"of") do not apply."""
from __future__ import annotations

import re

# a degree: its level word, optionally with a discipline before it ("工学学士", "공학석사") or a
# bracketed one after it ("学士（工学）"), "研究生" (graduate student) or "学位" (degree) after it
_LEVEL = (r"(?:学士|學士|硕士|碩士|修士|博士|大专|大專|本科|专科|專科|専門士|准学士|高职|中专|"
          r"학사|석사|박사|전문학사)")
_DISCIPLINE = r"(?:工学|理学|文学|法学|医学|经济学|経済学|管理学|教育学|农学|艺术学|공학|이학|문학|경영학|경제학|법학|의학|교육학|공|이|문|경영|법|의)"
_DEG = rf"(?:{_DISCIPLINE}?{_LEVEL}(?:研究生|学位|學位|課程|과정)?(?:[（(][^）)]{{1,8}}[）)])?)"
_FIELD_MARK = r"(?:专业|專業|전공|학과|学科)"
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

_PATTERNS = (
    re.compile(rf"^(?P<t>{_DEG})\s+(?:in|en|em|of)\s+(?P<a>.+)$"),                  # 공학석사 in 간호학 (a theme's joiner)
    re.compile(rf"^(?P<a>.+?)\s*{_FIELD_MARK}?\s*[（(]\s*(?P<t>{_DEG})\s*[）)]$"),   # 经济学（硕士）
    re.compile(rf"^(?P<t>{_DEG})\s*[，,・·、]\s*(?P<a>.+)$"),                        # 学士・経済学
    re.compile(rf"^(?P<a>.+?)\s*{_FIELD_MARK}?\s+(?P<t>{_DEG})$"),                   # 法学 学士
    re.compile(rf"^(?P<a>.+?){_FIELD_MARK}(?P<t>{_DEG})$"),                          # …专业学士
    re.compile(rf"^(?P<a>.{{2,}}?)(?P<t>{_DISCIPLINE}?{_LEVEL}(?:研究生|学位|學位)?(?:[（(][^）)]{{1,8}}[）)])?)$"),  # 法学学士
)


def split_cjk_degree(text: str) -> tuple[str, str] | None:
    """(studyType, area) from a CJK line naming both, or None."""
    text = text.strip()
    if not _CJK.search(text) or len(text) > 60:
        return None
    for rx in _PATTERNS:
        m = rx.match(text)
        if m:
            area = re.sub(rf"\s*{_FIELD_MARK}$", "", m.group("a").strip(" ,，、・")).strip()
            if area and not re.fullmatch(_DEG, area):
                return m.group("t").strip(), area
    return None


def strip_field_mark(area: str) -> str:
    """"计算机科学与技术专业" → "计算机科学与技术" (the word "major" after the field)."""
    return re.sub(rf"(?<=[\u4e00-\u9fff\uac00-\ud7af])\s*{_FIELD_MARK}$", "", area.strip()) or area
