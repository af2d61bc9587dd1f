"""The link stage: identify the article's entities with Wikidata items.

A :class:`Linker` takes a resolved extraction and returns it with :attr:`Extraction.links`
filled: for every page title the article links (and the article's own), a :class:`Link`
that says which page the title leads to (a redirect is followed: ``Nic Cage`` leads to
``Nicolas Cage``, so both articles' nodes are one node) and which Wikidata item that page
has, if any. The map stage turns a link into ``owl:sameAs wd:Q…`` once the item's classes
fit the node's type (:mod:`kg.link.classes`) and, for the film, its IMDb id agrees.

Two linkers, one protocol: :class:`kg.link.wikidata.WikidataLinker` over the live API
(:class:`kg.link.wikidata.ApiSource`, cached) or over a dump index
(:class:`kg.link.wikidata.IndexSource`). Without a linker :func:`link` returns the
extraction unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kg.link.entry import Entry
from kg.model import Extraction

#: what became of a title: it has an item; its page has none; no such page; a disambiguation page
LINKED, NO_ITEM, MISSING, DISAMBIGUATION = "linked", "no item", "missing page", "disambiguation page"


@dataclass(frozen=True, slots=True)
class Link:
    """What the link step found for one page title.

    :param title: the title the page has once redirects are followed (the title asked for
        when it is no redirect).
    :param status: :data:`LINKED`, :data:`NO_ITEM`, :data:`MISSING` or :data:`DISAMBIGUATION`.
    :param entry: the item, when linked.
    """

    title: str
    status: str
    entry: Entry | None = None


@dataclass(frozen=True, slots=True)
class LinkSource:
    """Where links came from, for the graph's provenance: never the wall clock.

    :param label: what it is ("Wikidata API", "Wikidata dump wikidata-20261124-all.json.gz").
    :param url: the API endpoint, or the dump's URL on dumps.wikimedia.org.
    :param date: the dump's date, or the latest date an API answer used was fetched (YYYY-MM-DD).
    """

    label: str
    url: str
    date: str | None


class Linker(Protocol):
    #: the linker's name, for provenance and messages
    name: str

    def link(self, extraction: Extraction) -> Extraction:
        """The extraction with :attr:`~kg.model.Extraction.links` filled."""

    # A linker may also have ``prepare(titles)``: the pipeline then hands it the titles of
    # many pages at once before linking each of them, so that it can ask in batches.


def titles_of(extraction: Extraction) -> list[str]:
    """Every page title the article's entities are made from: the article's own, then the
    linked titles in reading order, each once."""
    return list(dict.fromkeys([extraction.title, *(t for t, _ in extraction.mentions if t)]))


def link(extraction: Extraction, linker: Linker | None = None) -> Extraction:
    """Link the extraction's entities with ``linker``; without one, nothing changes."""
    return extraction if linker is None else linker.link(extraction)


__all__ = ["DISAMBIGUATION", "LINKED", "MISSING", "NO_ITEM", "Entry", "Link", "LinkSource", "Linker", "link", "titles_of"]
