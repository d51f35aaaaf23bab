"""Reading one DOCX run as Word shows it: which runs are not on the page (deleted or moved-away
revisions, ruby guide text, hidden text, field instructions), what a run's special elements print
(symbol-font characters, non-breaking and optional hyphens, tabs, line breaks), and which link a
complex or simple HYPERLINK field gives its result runs."""
from __future__ import annotations

import re
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# ancestors (below the paragraph) whose runs are not printed: deleted and moved-away revisions, the
# ruby guide text above a base text (furigana)
_UNPRINTED = (W + "del", W + "moveFrom", W + "rt")
# symbol-font characters (w:sym, code points as Word writes them, F000 + the font's byte) that
# are list bullets: Symbol's bullet, Wingdings' dots, squares, diamonds, arrows and ticks
SYM_BULLETS = frozenset({"F0B7", "F0A7", "F06C", "F06E", "F06F", "F071", "F075", "F076", "F077", "F09F",
                         "F0A1", "F0A8", "F0D8", "F0E0", "F0E8", "F0F0", "F0FC", "F0FE", "F0D7"})
_HYPERLINK = re.compile(r'^\s*HYPERLINK\s+(?:\\[a-z]\s+)*"?([^"\s]+)"?', re.I)
_OFF = ("0", "false", "off")
BULLET = "\u2022"


def on(node: Any) -> bool:
    """A toggle property (``w:b``, ``w:vanish``) that is present and not switched off."""
    return node is not None and (node.get(W + "val") or "true") not in _OFF


def unprinted(node: Any, p: Any) -> bool:
    """Whether ``node`` (a run in paragraph ``p``) lies in a deleted revision or ruby guide text,
    or is hidden text."""
    rpr = node.find(W + "rPr")
    if rpr is not None and on(rpr.find(W + "vanish")):
        return True
    for a in node.iterancestors():
        if a is p:
            return False
        if a.tag in _UNPRINTED:
            return True
    return False


def pieces(r: Any) -> list[tuple[str, str]]:
    """What run ``r`` prints, in order, as (kind, text): kind 'text', 'tab' or 'br' (a line break
    inside the paragraph; page and column breaks count as one too)."""
    out: list[tuple[str, str]] = []
    for node in r.iterchildren():
        tag = node.tag
        if tag == W + "t":
            out.append(("text", node.text or ""))
        elif tag == W + "noBreakHyphen":
            out.append(("text", "-"))
        elif tag == W + "sym":
            code = (node.get(W + "char") or "").upper()
            code = "F0" + code[-2:] if len(code) == 4 and code[:2] == "00" else code
            # a bullet prints as one; an icon (envelope, phone) only parts the text around it
            out.append(("text", BULLET if code in SYM_BULLETS else " "))
        elif tag in (W + "tab", W + "ptab"):
            out.append(("tab", " "))
        elif tag in (W + "br", W + "cr"):
            out.append(("br", " "))
    return out


def field_link(instr: str) -> str | None:
    m = _HYPERLINK.match(instr or "")
    if not m or m.group(1).startswith("\\"):
        return None
    url = m.group(1)
    return url if re.match(r"(?i)(https?|mailto|ftp)s?:", url) or "." in url else None


class Fields:
    """The complex fields open at the current run of a paragraph (``w:fldChar`` begin, the
    instruction in ``w:instrText``, separate, the shown result, end; fields nest)."""

    def __init__(self) -> None:
        self.stack: list[list[Any]] = []  # [instruction text, past 'separate'?]

    def feed(self, r: Any) -> None:
        for node in r.iterchildren(W + "fldChar", W + "instrText"):
            if node.tag == W + "instrText":
                if self.stack and not self.stack[-1][1]:
                    self.stack[-1][0] += node.text or ""
                continue
            kind = node.get(W + "fldCharType")
            if kind == "begin":
                self.stack.append(["", False])
            elif kind == "separate" and self.stack:
                self.stack[-1][1] = True
            elif kind == "end" and self.stack:
                self.stack.pop()

    @property
    def in_instruction(self) -> bool:
        """Text between begin and separate belongs to the instruction (a nested field's result)."""
        return bool(self.stack) and not self.stack[-1][1]

    @property
    def link(self) -> str | None:
        for instr, shown in reversed(self.stack):
            url = field_link(instr) if shown else None
            if url:
                return url
        return None


def simple_field_link(r: Any, p: Any) -> str | None:
    """The target of a ``w:fldSimple`` HYPERLINK around run ``r``."""
    for a in r.iterancestors():
        if a is p:
            return None
        if a.tag == W + "fldSimple":
            return field_link(a.get(W + "instr") or "")
    return None


def style_numbered(style: Any) -> bool:
    """Whether a paragraph style (or one it is based on) numbers its paragraphs (``w:numPr``
    with a numId other than 0): a list paragraph with no bullet in its text."""
    depth = 0
    while style is not None and depth < 10:
        ppr = style.element.find(W + "pPr")
        num = ppr.find(W + "numPr") if ppr is not None else None
        if num is not None:
            nid = num.find(W + "numId")
            return nid is None or (nid.get(W + "val") or "") != "0"
        style = getattr(style, "base_style", None)
        depth += 1
    return False


def para_numbered(ppr: Any) -> bool | None:
    """True/False when the paragraph's own ``w:numPr`` decides (numId 0 removes the style's
    numbering), None when it has none."""
    num = ppr.find(W + "numPr") if ppr is not None else None
    if num is None:
        return None
    nid = num.find(W + "numId")
    return nid is None or (nid.get(W + "val") or "") != "0"
