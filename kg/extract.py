"""Page → :class:`~kg.model.Extraction`: find the film infobox, run the extractors in order."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.errors import InputError, NotAFilmError, RedirectError
from kg.extractors import EXTRACTOR_NAMES, EXTRACTORS, Context
from kg.model import Extraction, Film, Page
from kg.parse import clean_text, clear_caches, find_templates, lead, parse, template_name
from kg.resolve import Resolver
from kg.source import redirect_target

INFOBOX_FILM = ("infobox film", "infobox movie", "infobox feature film", "film infobox", "infobox films", "infobox short film")
# A page about several films uses the film infobox for the whole series.
SERIES_TITLE = re.compile(r"\((?:[^()]*\b)?(film series|franchise|trilogy|film trilogy|series of films)\)$", re.I)
SERIES_LEAD = re.compile(r"\b(?:is|are) an? (?:[^.]{0,80}?\b)?(?:film series|film franchise|media franchise|series of (?:[\w-]+ )*films|trilogy of films|film trilogy)\b", re.I)

# Any wiki markup at all: templates, links, bold/italics, headings, lists, tags, tables.
WIKI_MARKUP = re.compile(r"\{\{|\[\[|''|^=+[^=\n]+=+\s*$|^[*#:;]|<\w+[^<>]*>|^\{\|", re.M)


def extract_page(page: Page, only: Iterable[str] | None = None) -> Extraction:
    """Run the extractors over one page.

    :param page: the page read by :mod:`kg.source`.
    :param only: names of the extractors to run (default: all, see :data:`kg.extractors.EXTRACTOR_NAMES`);
        the film's name is always extracted.
    :raises RedirectError: the page is a redirect.
    :raises NotAFilmError: the page has no {{Infobox film}}, or is about a film series.
    :raises InputError: the page is empty or not in the article namespace.
    """
    try:
        return _extract(page, only)
    finally:
        clear_caches()  # parse trees and table layouts are shared within one page only


def _extract(page: Page, only: Iterable[str] | None) -> Extraction:
    where = _where(page)
    target = page.redirect or redirect_target(page.text)
    if target:
        raise RedirectError(where, target)
    if page.ns != 0:
        raise NotAFilmError(where, f"is not an article (namespace {page.ns}); only articles (namespace 0) describe films")
    if not page.text.strip():
        raise InputError(where, "page has no wikitext")
    code = parse(page.text)
    infoboxes = find_templates(code, INFOBOX_FILM, recursive=True)
    if not infoboxes:
        others = sorted({template_name(t) for t in code.filter_templates(recursive=False) if template_name(t).startswith("infobox")})
        found = f" (it has {{{{{others[0].capitalize()}}}}})" if others else ""
        if not found and not WIKI_MARKUP.search(page.text):
            raise NotAFilmError(
                where,
                "is plain text without wiki markup (a plain-text extract?): there is no infobox, cast list "
                "or table to read; export the article's wikitext (MediaWiki XML, API JSON with revisions, or .wiki)",
            )
        raise NotAFilmError(where, f"is not a film article: no {{{{Infobox film}}}}{found}")
    if SERIES_TITLE.search(page.title) or SERIES_LEAD.search(clean_text(lead(code))[:600]):
        raise NotAFilmError(where, "is about a film series, not a single film; export the articles of its films")
    selected = set(only) if only is not None else set(EXTRACTOR_NAMES)
    unknown = selected - set(EXTRACTOR_NAMES)
    if unknown:
        raise ValueError(f"unknown extractor(s): {', '.join(sorted(unknown))}; choose from {', '.join(EXTRACTOR_NAMES)}")
    ctx = Context(page=page, code=code, infobox=infoboxes[0], resolver=Resolver(code), warnings=list(page.warnings))
    if len(infoboxes) > 1:
        ctx.warn("infobox", f"{len(infoboxes)} {{{{Infobox film}}}} templates; the first one describes the film")
    fields: dict[str, object] = {}
    for extractor in EXTRACTORS:
        if extractor.name in selected or extractor.name == "film":
            fields.update(extractor.extract(ctx))
    film = Film(title=page.title, **{k: v for k, v in fields.items() if k in Film.__dataclass_fields__})
    return Extraction(page=page, film=film, names=ctx.resolver.names(), warnings=ctx.warnings)


def _where(page: Page) -> str:
    return page.source if page.source in (page.title, "-") or not page.source else f"{page.source} ({page.title})"
