"""Splitting values into items: list templates, bullets, line breaks; separators outside markup."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Comment, Tag, Template
from mwparserfromhell.wikicode import Wikicode

from kg.wikitext.parse import parse
from kg.wikitext.templates import FIXED_TEXT, JOIN_TWO_ARGS, LIST_TEMPLATES, SHOW_FIRST_ARG, SHOW_SECOND_ARG, positional, sortname, template_name
from kg.wikitext.text import clean_text

def split_items(code: Wikicode | str) -> list[Wikicode]:
    """Split an infobox value into its items: list templates, bullets, ``<br>`` and newlines.

    ``{{ubl|A|B}}``, ``{{plainlist|* A * B}}``, ``{{hlist|…}}``, ``* A`` lines,
    ``A<br>B`` and ``A\\nB`` each give one fragment per item; references, comments and
    footnote templates are dropped first. Each fragment keeps its links.

    :param code: the value.
    :returns: non-empty fragments (parse trees) in order.
    """
    if isinstance(code, str):
        code = parse(code)
    text = _flatten_lists(code)
    pieces = _split_top_level(text, re.compile(r"\n|<\s*br\s*/?\s*>|<\s*/\s*br\s*>|\u2022|\s·\s", re.I))
    out = []
    for piece in pieces:
        piece = re.sub(r"^\s*[*#:;]+\s*", "", piece).strip()
        if piece and (clean_text(piece) or "{{" in piece):
            out.append(parse(piece))
    return out


def _split_top_level(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split ``text`` on ``separator`` outside ``[[…]]`` and ``{{…}}`` (a line break inside a link label is a space)."""
    if separator.search(text) is None:
        return [text]  # nothing to split on, at any depth
    pieces: list[str] = []
    depth = start = i = 0
    current: list[str] = []
    while i < len(text):
        two = text[i : i + 2]
        if two in ("[[", "{{"):
            depth += 1
            current.append(two)
            i += 2
            continue
        if two in ("]]", "}}") and depth:
            depth -= 1
            current.append(two)
            i += 2
            continue
        m = separator.match(text, i)
        if m and m.end() > i:
            if depth == 0:
                pieces.append("".join(current))
                current = []
            else:
                current.append(" and " if m.group().strip() else " ")
            i = m.end()
            continue
        current.append(text[i])
        i += 1
    pieces.append("".join(current))
    del start
    return pieces


_DROP_TAGS = frozenset({"ref", "references"})




def _flatten_lists(code: Wikicode) -> str:
    """Wikitext with list templates turned into newline-separated items and refs/comments removed."""
    out: list[str] = []
    for node in code.nodes:
        if isinstance(node, Comment):
            continue
        if isinstance(node, Tag) and str(node.tag).lower() in _DROP_TAGS:
            continue
        if isinstance(node, Template):
            name = template_name(node)
            if name in LIST_TEMPLATES:
                for arg in positional(node):
                    out.append("\n" + _flatten_lists(arg) + "\n")
                continue
            if name in FIXED_TEXT and FIXED_TEXT[name] == "":
                continue
            if name in SHOW_FIRST_ARG or name in SHOW_SECOND_ARG or name in JOIN_TWO_ARGS:
                # keep links inside {{nowrap|[[A]]}} etc.
                args = positional(node)
                idx = 1 if (name in SHOW_SECOND_ARG and len(args) >= 2) else 0
                if name in JOIN_TWO_ARGS and len(args) >= 2:
                    shown, target = sortname(node)
                    out.append(f"[[{target}|{shown}]]" if target else shown)
                    continue
                if args:
                    out.append(_flatten_lists(args[idx]))
                continue
            out.append(str(node))
            continue
        if isinstance(node, Tag) and str(node.tag).lower() in ("small", "span", "div", "p", "center", "i", "b", "em", "strong", "li", "ul", "ol", "sup", "sub", "big", "font", "abbr"):
            if node.contents is not None:
                sep = "\n" if str(node.tag).lower() in ("li", "div", "p", "ul", "ol") else ""
                out.append(sep + _flatten_lists(node.contents) + sep)
            continue
        out.append(str(node))
    return "".join(out)


def find_outside_markup(line: str, pattern: re.Pattern[str], min_start: int = 0) -> re.Match[str] | None:
    """The first match of ``pattern`` outside links, templates and parentheses, starting
    at ``min_start`` or later."""
    depth = paren = 0
    i = 0
    while i < len(line):
        two = line[i : i + 2]
        if two in ("[[", "{{"):
            depth, i = depth + 1, i + 2
            continue
        if two in ("]]", "}}"):
            depth, i = max(0, depth - 1), i + 2
            continue
        ch = line[i]
        if ch == "(":
            paren += 1
        elif ch == ")":
            paren = max(0, paren - 1)
        elif depth == 0 and paren == 0 and i >= min_start:
            m = pattern.match(line, i)
            if m:
                return m
        i += 1
    return None
