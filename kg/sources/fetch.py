"""Articles fetched from English Wikipedia's API (``kg export --fetch``).

:class:`Fetcher` gets the current revision of each title (``prop=revisions``,
``rvslots=main``, ``formatversion=2``), 50 titles a request, redirects followed, through
the same cached :class:`~kg.sources.mwapi.Client` the linker uses; a title
``Category:…`` stands for the category's articles (namespace 0), walked with the API's
continuation. A title is fetched together with the 49 that follow it, so a run over
many titles makes one request per 50.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.errors import MissingPageError
from kg.model import Page
from kg.sources.mwapi import BATCH, Client, pages_by_title
from kg.titles import normalise_title

CATEGORY = "Category:"


class Fetcher:
    """Pages from the API for the titles (and categories) of one run.

    :param client: a client of English Wikipedia's API.
    :param titles: every title the run asks for, in order (so that titles can be fetched
        ahead, 50 a request).
    :param page_size: category members asked for per request (``max``: 500).
    """

    def __init__(self, client: Client, titles: list[str], page_size: str = "max") -> None:
        self.client = client
        self.page_size = page_size
        self.queue = [normalise_title(t) for t in titles if not normalise_title(t).startswith(CATEGORY)]
        self._pages: dict[str, Page | str] = {}

    def pages(self, inp: str, title: str | None = None) -> Iterator[Page]:
        """The page of ``inp`` (a title), or every article of ``inp`` when it is a category.

        :raises MissingPageError: no such page, or a category without articles.
        :raises RemoteError: the API failed.
        """
        name = normalise_title(inp)
        if name.startswith(CATEGORY):
            members = self.members(name)
            if not members:
                raise MissingPageError(inp, "is no category with articles on English Wikipedia")
            for i in range(0, len(members), BATCH):
                batch = members[i:i + BATCH]
                self._fetch(batch)
                for member in batch:
                    got = self._pages.get(member)
                    if isinstance(got, Page):
                        yield got
            return
        if name not in self._pages:
            at = self.queue.index(name) if name in self.queue else -1
            ahead = [t for t in self.queue[at:] if t not in self._pages][:BATCH] if at >= 0 else [name]
            self._fetch(ahead if name in ahead else [name, *ahead[:BATCH - 1]])
        got = self._pages.get(name)
        if not isinstance(got, Page):
            raise MissingPageError(inp, got or "no such page on English Wikipedia")
        yield got

    def members(self, category: str) -> list[str]:
        """The titles of a category's articles, in the API's order, every continuation followed."""
        titles: list[str] = []
        params = {"action": "query", "list": "categorymembers", "cmtitle": category, "cmnamespace": "0",
                  "cmtype": "page", "cmlimit": self.page_size}
        while True:
            answer = self.client.get(params)
            titles += [m["title"] for m in (answer.get("query") or {}).get("categorymembers") or [] if m.get("title")]
            more = answer.get("continue")
            if not more:
                return list(dict.fromkeys(titles))
            params = {**params, **{k: str(v) for k, v in more.items()}}

    def _fetch(self, titles: list[str]) -> None:
        answer = self.client.get({"action": "query", "prop": "revisions", "rvprop": "content|ids|timestamp",
                                  "rvslots": "main", "redirects": "1", "titles": "|".join(titles)})
        for title, (target, page) in pages_by_title(answer, titles).items():
            if page is None or "missing" in page or "invalid" in page:
                self._pages[title] = "no such page on English Wikipedia"
                continue
            revisions = page.get("revisions") or []
            main = ((revisions[0].get("slots") or {}).get("main") or {}) if revisions else {}
            text = main.get("content", main.get("*"))
            if text is None:
                self._pages[title] = "has no wikitext in the API's answer"
                continue
            self._pages[title] = Page(title=page.get("title", target), text=text, source=title,
                                      revid=revisions[0].get("revid"), timestamp=revisions[0].get("timestamp"),
                                      pageid=page.get("pageid"), ns=page.get("ns", 0))
