"""The Wikidata linker and its two sources: the live API (cached) and a dump index.

:class:`WikidataLinker` asks its source, once per title across a whole run, which page a
title leads to and which item that page has, and fills the extraction's links.

:class:`ApiSource` asks as few questions as it can (about 20 requests per 1,000 titles
when few are redirects):

1. Wikidata's ``wbgetentities`` by English Wikipedia title, 50 titles a request: the item
   of every title that is a page's own (a sitelink), with its classes (P31), IMDb id
   (P345) and the facts ``kg link compare`` sets beside kg's;
2. for the titles left, English Wikipedia's ``query`` with ``prop=pageprops``
   (``wikibase_item``, ``disambiguation``) and ``redirects``, 50 titles a request: which
   are redirects (and to what), disambiguation pages, missing pages, pages without an item;
3. ``wbgetentities`` by id for the items of redirect targets.

:class:`IndexSource` looks titles up in an index built by ``kg link index`` from
Wikidata's JSON dump (and English Wikipedia's redirect and page tables when given).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.link import DISAMBIGUATION, LINKED, MISSING, NO_ITEM, Link, LinkSource, titles_of
from kg.link.classes import NOT_A_TOPIC
from kg.link.entry import Entry, entry_from_entity
from kg.model import Extraction
from kg.sources.mwapi import Client, batches, pages_by_title
from kg.titles import normalise_title

#: the item properties kg asks for and keeps
PROPS = "info|claims|sitelinks"


def _status(entry: Entry) -> str:
    return DISAMBIGUATION if any(c in NOT_A_TOPIC and "disambiguation" in NOT_A_TOPIC[c] for c in entry.classes) else LINKED


class ApiSource:
    """Links from the Wikipedia and Wikidata APIs.

    :param wikipedia: a client of English Wikipedia's API.
    :param wikidata: a client of Wikidata's API.
    """

    def __init__(self, wikipedia: Client, wikidata: Client) -> None:
        self.wikipedia = wikipedia
        self.wikidata = wikidata
        self.url = wikidata.url

    def resolve(self, titles: list[str]) -> dict[str, tuple[Link, str | None]]:
        """Each title's :class:`Link` and the date its answers were fetched."""
        out: dict[str, tuple[Link, str | None]] = {}
        # 1. items by sitelink title
        rest: list[str] = []
        for batch in batches(titles):
            answer, fetched = self.wikidata.fetch({"action": "wbgetentities", "sites": "enwiki", "titles": "|".join(batch),
                                                   "props": PROPS, "sitefilter": "enwiki"})
            found = {}
            for entity in (answer.get("entities") or {}).values():
                entry = entry_from_entity(entity) if isinstance(entity, dict) else None
                if entry is not None:
                    found[normalise_title(entry.title)] = entry
            for title in batch:
                entry = found.get(normalise_title(title))
                if entry is not None:
                    out[title] = (Link(entry.title, _status(entry), entry), fetched)
                else:
                    rest.append(title)
        # 2. the rest: redirects, disambiguation pages, missing pages, pages without an item
        want: dict[str, list[tuple[str, str, str]]] = {}
        for batch in batches(rest):
            answer, fetched = self.wikipedia.fetch({"action": "query", "prop": "pageprops", "ppprop": "wikibase_item|disambiguation",
                                                    "redirects": "1", "titles": "|".join(batch)})
            for title, (target, page) in pages_by_title(answer, batch).items():
                if page is None or "missing" in page or "invalid" in page:
                    out[title] = (Link(target, MISSING), fetched)
                    continue
                props = page.get("pageprops") or {}
                if "disambiguation" in props:
                    out[title] = (Link(target, DISAMBIGUATION), fetched)
                elif props.get("wikibase_item"):
                    want.setdefault(props["wikibase_item"], []).append((title, target, fetched))
                else:
                    out[title] = (Link(target, NO_ITEM), fetched)
        # 3. the items of redirect targets
        for batch in batches(sorted(want)):
            answer, fetched = self.wikidata.fetch({"action": "wbgetentities", "ids": "|".join(batch), "props": PROPS, "sitefilter": "enwiki"})
            entities = answer.get("entities") or {}
            for qid in batch:
                entity = entities.get(qid)
                entry = entry_from_entity(entity) if isinstance(entity, dict) else None
                for title, target, first in want[qid]:
                    date = max(first, fetched)
                    out[title] = (Link(target, _status(entry), entry) if entry else Link(target, NO_ITEM), date)
        return out

    def source(self, date: str | None) -> LinkSource:
        return LinkSource("Wikidata API", self.url, date)

    def close(self) -> None:
        self.wikipedia.close()
        self.wikidata.close()


class IndexSource:
    """Links from an index built by ``kg link index`` (no network).

    :param path: the index file.
    :raises InputError: it is no kg Wikidata index.
    """

    def __init__(self, path: str | Path) -> None:
        from kg.link.index import Index

        self.index = Index(path)
        meta = self.index.meta
        dump = meta.get("dump", Path(path).name)
        self._source = LinkSource(f"Wikidata dump {dump}", f"https://dumps.wikimedia.org/wikidatawiki/entities/{dump}", self.index.dump_date)

    def resolve(self, titles: list[str]) -> dict[str, tuple[Link, str | None]]:
        out: dict[str, tuple[Link, str | None]] = {}
        found = self.index.lookup(titles)
        rest = [t for t in titles if t not in found]
        redirects = self.index.redirect(rest) if rest else {}
        targets = self.index.lookup(sorted(set(redirects.values()))) if redirects else {}
        for title in titles:
            entry = found.get(title)
            target = title
            if entry is None and title in redirects:
                target = redirects[title]
                entry = targets.get(target)
            # the index holds items with an English article: it cannot tell a missing page
            # from a page without an item
            out[title] = (Link(entry.title if entry else target, _status(entry), entry) if entry else Link(target, NO_ITEM), None)
        return out

    def source(self, date: str | None) -> LinkSource:
        return self._source

    def close(self) -> None:
        self.index.close()


class WikidataLinker:
    """Fills :attr:`Extraction.links` from a source, asking it once per title per run.

    :param source: an :class:`ApiSource` or an :class:`IndexSource`.
    """

    def __init__(self, source: ApiSource | IndexSource) -> None:
        self.source = source
        self.name = "wikidata"
        self._known: dict[str, tuple[Link, str | None]] = {}

    def prepare(self, titles: list[str]) -> None:
        """Ask the source about many pages' titles at once (the pipeline calls this for a
        window of pages before linking each), so that requests carry 50 titles each.

        :raises KgError: the source failed (:class:`~kg.errors.RemoteError`).
        """
        todo = list(dict.fromkeys(t for t in titles if t not in self._known))
        if todo:
            self._known.update(self.source.resolve(todo))

    def link(self, extraction: Extraction) -> Extraction:
        titles = titles_of(extraction)
        todo = [t for t in titles if t not in self._known]
        if todo:
            self._known.update(self.source.resolve(todo))
        links = {t: self._known[t][0] for t in titles if t in self._known}
        dates = [d for t in titles if t in self._known and (d := self._known[t][1])]
        return replace(extraction, links=links, link_source=self.source.source(max(dates) if dates else None))

    def close(self) -> None:
        self.source.close()
