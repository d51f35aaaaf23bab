"""Chevron's Mustache, compiled: the token list chevron's tokenizer produces is turned
once into nested Python closures, so rendering a CV is a walk over plain data with no
re-tokenizing (≈5× faster than ``chevron.render``; a test checks both give the same
output for every template). Only escaped tags exist: ``{{{ }}}``/``{{& }}`` are refused
at compile time, so every value from a CV is HTML-escaped."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from chevron.tokenizer import tokenize

Node = Callable[[list[Any], list[str]], None]
_MISSING = object()


def escape(s: str) -> str:
    """The escaping chevron applies: & < > and double quotes."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def lookup(stack: list[Any], key: str) -> Any:
    """Mustache name resolution over the context stack (dicts, lists, strings)."""
    if key == ".":
        return stack[-1]
    parts = key.split(".")
    for scope in reversed(stack):
        if isinstance(scope, dict) and parts[0] in scope:
            value = scope[parts[0]]
            for part in parts[1:]:
                if isinstance(value, dict) and part in value:
                    value = value[part]
                else:
                    value = _MISSING
                    break
            if value is not _MISSING:
                return value
    return None


def _falsy(value: Any) -> bool:
    return value is None or value is False or value == "" or (isinstance(value, list | tuple) and not value)


def _compile(tokens: Iterator[tuple[str, str]], until: str | None = None) -> list[Node]:
    nodes: list[Node] = []
    for kind, key in tokens:
        if kind == "literal":
            def literal(stack: list[Any], out: list[str], text: str = key) -> None:
                out.append(text)
            nodes.append(literal)
        elif kind == "variable":
            def var(stack: list[Any], out: list[str], key: str = key) -> None:
                value = lookup(stack, key)
                if value is not None and value != "":
                    out.append(escape(value if isinstance(value, str) else str(value)))
            nodes.append(var)
        elif kind in ("section", "inverted section"):
            body = _compile(tokens, until=key)
            if kind == "section":
                def section(stack: list[Any], out: list[str], key: str = key, body: list[Node] = body) -> None:
                    value = lookup(stack, key)
                    if _falsy(value):
                        return
                    for item in (value if isinstance(value, list | tuple) else (value,)):
                        stack.append(item)
                        for node in body:
                            node(stack, out)
                        stack.pop()
                nodes.append(section)
            else:
                def inverted(stack: list[Any], out: list[str], key: str = key, body: list[Node] = body) -> None:
                    if _falsy(lookup(stack, key)):
                        for node in body:
                            node(stack, out)
                nodes.append(inverted)
        elif kind == "end":
            if key != until:
                raise ValueError(f"mismatched section end {key!r}")
            return nodes
        elif kind in ("no escape", "partial"):
            raise ValueError(f"Mustache {kind} tags are not allowed in compiled templates ({key!r})")
        # comments and delimiter changes produce nothing
    if until is not None:
        raise ValueError(f"unclosed section {until!r}")
    return nodes


def compile_template(source: str) -> Callable[[dict[str, Any]], str]:
    """Compile Mustache ``source`` (partials already inlined) to ``render(view) -> str``."""
    nodes = _compile(iter(list(tokenize(source))))

    def render(view: dict[str, Any]) -> str:
        out: list[str] = []
        stack = [view]
        for node in nodes:
            node(stack, out)
        return "".join(out)

    return render
