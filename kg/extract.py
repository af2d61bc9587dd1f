"""The extract stage: a parsed page → :class:`~kg.model.Extraction`.

Finds the film infobox in the tree (refusing the page when there is none, or when the
page is about a film series), then runs the extractors of :data:`kg.extractors.EXTRACTORS`
in order, each adding its part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mwparserfromhell.wikicode import Wikicode

from kg.classify import FILM_INFOBOXES, SERIES, SERIES_LEAD, no_film_infobox
from kg.errors import NotAFilmError
from kg.extractors import EXTRACTOR_NAMES, EXTRACTORS, Context, Extractor
from kg.extractors.names import NameReader
from kg.model import Extraction, Page
from kg.wikitext import clean_text, find_templates, get_param, lead


# An infobox runtime that sums several films: "Total (3 films): 412 minutes", "5 films".
SERIES_RUNTIME = re.compile(r"\btotal\b|\(\s*\d+\s+films\s*\)|\b\d+\s+films\b|\bcombined\b", re.I)


def _sums_films(infobox) -> bool:
    """Whether the infobox's runtime is the sum of several films' (a franchise's page)."""
    runtime = get_param(infobox, "runtime", "running time")
    return runtime is not None and bool(SERIES_RUNTIME.search(clean_text(runtime)))


def select(only: Iterable[str] | None) -> tuple[Extractor, ...]:
    """The extractors to run: those named in ``only`` (default: all), and always ``film``.

    :raises ValueError: a name is not an extractor's.
    """
    if only is None:
        return EXTRACTORS
    selected = set(only)
    unknown = selected - set(EXTRACTOR_NAMES)
    if unknown:
        raise ValueError(f"unknown extractor(s): {', '.join(sorted(unknown))}; choose from {', '.join(EXTRACTOR_NAMES)}")
    return tuple(e for e in EXTRACTORS if e.name in selected or e.name == "film")


def extract(page: Page, code: Wikicode, only: Iterable[str] | None = None) -> Extraction:
    """Run the extractors over one parsed page.

    :param page: the page read.
    :param code: its parse tree (:func:`kg.wikitext.parse` of its text).
    :param only: names of the extractors to run (see :func:`select`).
    :raises NotAFilmError: the tree holds no {{Infobox film}}, or the page is about a film series.
    """
    extractors = select(only)
    if page.format == "plaintext":
        return _extract_plain_text(page, code, extractors)
    infoboxes = find_templates(code, FILM_INFOBOXES, recursive=True)
    if not infoboxes:
        raise no_film_infobox(page)
    if SERIES_LEAD.search(clean_text(lead(code))[:600]) or _sums_films(infoboxes[0]):
        raise NotAFilmError(page.where, SERIES)
    ctx = Context(page=page, code=code, infobox=infoboxes[0], names=NameReader(code), warnings=list(page.warnings))
    if len(infoboxes) > 1:
        ctx.warn("infobox", f"{len(infoboxes)} {{{{Infobox film}}}} templates; the first one describes the film")
    return run_extractors(ctx, extractors)


#: the extractors that read a plain-text extract (the others read markup it does not have)
PLAIN_TEXT_EXTRACTORS = ("film", "prose")


def _extract_plain_text(page: Page, code: Wikicode, extractors: tuple[Extractor, ...]) -> Extraction:
    """A plain-text extract: the film's name from its title, and what its sentences state."""
    ctx = Context(page=page, code=code, infobox=None, names=NameReader(code), warnings=list(page.warnings))
    return run_extractors(ctx, [e for e in extractors if e.name in PLAIN_TEXT_EXTRACTORS])


def run_extractors(ctx: Context, extractors: Iterable[Extractor]) -> Extraction:
    """Run ``extractors`` in order over ``ctx``; each must return its declared part.

    :raises TypeError: an extractor returned something else than its ``produces`` class.
    """
    parts: dict[str, object] = {}
    for extractor in extractors:
        ctx.names.where = extractor.name
        part = extractor.extract(ctx)
        if type(part) is not extractor.produces:
            raise TypeError(f"extractor {extractor.name!r} returned {type(part).__name__}, not {extractor.produces.__name__}")
        parts[extractor.name] = part
    for where, name, reason, context in ctx.names.rejected:
        quoted = f' in "{context}"' if context != name else ""
        ctx.warn(where, f'"{name}" is not a name ({reason}); skipped{quoted}')
    return Extraction(
        page=ctx.page, parts=parts, mentions=tuple(ctx.names.mentions), warnings=ctx.warnings,
        rejected_names=len(ctx.names.rejected),
    )
