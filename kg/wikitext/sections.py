"""Sections: headed parts of the article, the lead before the first heading."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mwparserfromhell.wikicode import Wikicode

from kg.wikitext.parse import per_node
from kg.wikitext.text import clean_text

@dataclass(frozen=True, slots=True)
class Section:
    """A section: its heading title (clean text), level, and body (without subsections' headings stripped)."""

    title: str
    level: int
    code: Wikicode


def sections(code: Wikicode) -> tuple[Section, ...]:
    """Every headed section of the article, with its subsections included in its body
    (found once per page: :func:`~kg.wikitext.parse.per_node`).

    :param code: the whole article.
    """
    return per_node("sections", code, _sections)


def _sections(code: Wikicode) -> tuple[Section, ...]:
    out = []
    for sec in code.get_sections(include_lead=False, flat=False):
        heading = sec.filter_headings(recursive=False)[0]
        out.append(Section(clean_text(heading.title), heading.level, sec))
    return tuple(out)


def lead(code: Wikicode) -> Wikicode:
    """The lead: everything before the first heading (found once per page)."""
    return per_node("lead", code, lambda c: c.get_sections(include_lead=True, flat=True)[0])


def find_section(code: Wikicode, patterns: Iterable[str]) -> Section | None:
    """The first section whose title fully matches one of the regular expressions (case-insensitive)."""
    regexes = [re.compile(p, re.I) for p in patterns]
    for sec in sections(code):
        if any(r.fullmatch(sec.title) for r in regexes):
            return sec
    return None
