"""Plain-text extracts: what MediaWiki's TextExtracts gives for
``action=query&prop=extracts&explaintext`` — an article's text without any markup, its
headings as bare lines (``exsectionformat=plain``) or as ``== Heading ==`` lines
(``exsectionformat=wiki``), lists and tables dropped.

A text input is such an extract when it holds no wiki markup at all beyond heading lines
of that form (a film article's wikitext always has some: its infobox). The title comes
from ``--title`` or from the file name, as for raw wikitext. The page is read by the
prose extractor alone (:mod:`kg.extractors.prose`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.model import Page
from kg.sources.input import Input
from kg.sources.wikitext import wikitext_page

# Any wiki markup: templates, links, bold/italics, lists, tags, tables (headings apart).
_MARKUP = re.compile(r"\{\{|\[\[|''|^[*#:;]|<\w+[^<>]*>|^\{\||\}\}|\]\]", re.M)
_HEADING_LINE = re.compile(r"^={1,6}[^=\n]+={1,6}[ \t]*$", re.M)


def is_plain_text(text: str) -> bool:
    """Whether ``text`` is a plain-text extract: some words, and no wiki markup beyond
    ``== Heading ==`` lines."""
    if not re.search(r"[^\W\d_]{2,}", text):
        return False
    return not _MARKUP.search(_HEADING_LINE.sub("", text))


#: a plain-text file named ``<Title>.extract.txt`` is the extract of the page <Title>
EXTRACT_SUFFIX = ".extract"


class PlainTextReader:
    """Reads a whole text input as the plain-text extract of one page."""

    name = "plaintext"

    def sniff(self, head: str) -> bool:
        return is_plain_text(head.lstrip("\ufeff"))

    def read(self, inp: Input, title: str | None) -> Iterator[Page]:
        text = inp.text()
        page = wikitext_page(text, inp.source, title)
        if is_plain_text(page.text):
            named = page.title
            if title is None and named.endswith(EXTRACT_SUFFIX) and len(named) > len(EXTRACT_SUFFIX):
                named = named[: -len(EXTRACT_SUFFIX)]  # Heat_(1995_film).extract.txt, as kg names an extract's files
            page = replace(page, title=named, format="plaintext", redirect=None)
        yield page  # markup after the first 64 KiB: wikitext after all


READER = PlainTextReader()
