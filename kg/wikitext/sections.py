"""Sections: headed parts of the article, the lead before the first heading."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mwparserfromhell.wikicode import Wikicode

from kg.wikitext.text import clean_text

@dataclass(frozen=True, slots=True)
class Section:
    """A section: its heading title (clean text), level, and body (without subsections' headings stripped)."""

    title: str
    level: int
    code: Wikicode


def sections(code: Wikicode) -> list[Section]:
    """Every headed section of the article, with its subsections included in its body.

    :param code: the whole article.
    """
    out = []
    for sec in code.get_sections(include_lead=False, flat=False):
        heading = sec.filter_headings(recursive=False)[0]
        out.append(Section(clean_text(heading.title), heading.level, sec))
    return out


def lead(code: Wikicode) -> Wikicode:
    """The lead: everything before the first heading."""
    return code.get_sections(include_lead=True, flat=True)[0]


def find_section(code: Wikicode, patterns: Iterable[str]) -> Section | None:
    """The first section whose title fully matches one of the regular expressions (case-insensitive)."""
    regexes = [re.compile(p, re.I) for p in patterns]
    for sec in sections(code):
        if any(r.fullmatch(sec.title) for r in regexes):
            return sec
    return None
