"""Raw wikitext: anything that is neither API JSON nor MediaWiki XML. The title comes
from ``--title`` or from the file name (``X-Men%3A_First_Class.wiki`` → "X-Men: First
Class"); standard input needs ``--title``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import unquote

from kg.errors import InputError, UsageError
from kg.model import Page
from kg.sources.input import COMPRESSION_SUFFIXES, Input
from kg.titles import decode_entities, normalise_title, redirect_target

#: File-name extensions dropped when a title is taken from a file name.
TEXT_SUFFIXES = frozenset({".wiki", ".wikitext", ".mediawiki", ".mw", ".txt", ".text", ".md", ".xml", ".json", ".src"})


class WikitextReader:
    """Reads a whole input as the wikitext of one page."""

    name = "wikitext"

    def sniff(self, head: str) -> bool:
        return True  # the fallback: any text is wikitext

    def read(self, inp: Input, title: str | None) -> Iterator[Page]:
        yield wikitext_page(inp.text(), inp.source, title)


def title_from_name(source: str, *, normalise: bool = True) -> str:
    """The title a file name stands for: ``X-Men%3A_First_Class.wiki`` → ``X-Men: First Class``."""
    name = os.path.basename(source.rstrip("/" + os.sep))
    lower = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lower.endswith(suffix):
            name = name[: -len(suffix)]
            break
    root, ext = os.path.splitext(name)
    if ext.lower() in TEXT_SUFFIXES:
        name = root
    return normalise_title(unquote(name)) if normalise else unquote(name)


def wikitext_page(text: str, source: str, title: str | None) -> Page:
    """The page of some wikitext, titled by ``title`` or by the file name ``source``.

    :raises UsageError: ``source`` is standard input and no title was given.
    :raises InputError: the title is empty once normalised.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if title:
        given = title
        name = normalise_title(title)
        if not name:
            raise InputError(source, f'title "{title}" is empty once normalised')
    elif source == "-":
        raise UsageError(source, "standard input holds wikitext, which has no title: pass --title")
    else:
        given = title_from_name(source, normalise=False)
        name = normalise_title(given)
        if not name:
            raise InputError(source, "gives no title from its file name; pass --title")
    warnings: tuple[str, ...] = ()
    if "#" in decode_entities(given):
        section = decode_entities(given).split("#", 1)[1]
        warnings = (f'title: "#{section}" is a section link, not part of a page title; the page is "{name}"',)
    return Page(title=name, text=text, source=source, redirect=redirect_target(text), warnings=warnings)


READER = WikitextReader()
