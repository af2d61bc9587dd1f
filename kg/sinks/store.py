"""The store sink: each exported article into a store (embedded Oxigraph or a SPARQL
endpoint) as its own named graph, replacing what the store held for it, and skipping
an article whose revision (made by this kg version) the store already has."""

from __future__ import annotations

from kg import __version__
from kg.errors import StoreError
from kg.iri import Minter
from kg.model import Page
from kg.result import PageResult
from kg.stores import Stamp, ntriples


class StoreSink:
    """Put each exported graph into ``store``.

    :param store: an :class:`~kg.stores.embedded.EmbeddedStore` (opened for writing) or
        an :class:`~kg.stores.endpoint.Endpoint`.
    :param minter: the run's IRI minter (to name an article's graph before exporting it).
    :param force: replace articles whose revision the store already holds.
    """

    name = "store"
    concurrent = False

    def __init__(self, store, minter: Minter | None = None, force: bool = False) -> None:
        self.store = store
        self.minter = minter or Minter()
        self.force = force
        self._stamps: dict[str, Stamp] = {}
        #: articles stored (plain-text extracts apart), and left as they were, by this run
        self.stored = 0
        self.extracts = 0
        self.unchanged_count = 0

    def open(self) -> None:
        """Open the store and read what it holds (one query).

        :raises StoreError: the store cannot be used.
        """
        self.store.open()
        self._stamps = {} if self.force else self.store.stamps()

    def unchanged(self, page: Page) -> str | None:
        """Why ``page`` need not be exported again for this store (``None``: it must be)."""
        if self.force or page.revid is None:
            return None
        graph = self.minter.graph_of(page)
        if Stamp(page.revid, __version__).same_as(self._stamps.get(graph)):
            return f"revision {page.revid} is already in {self.store.kind} {self.store.where}"
        return None

    def put(self, result: PageResult) -> list[str]:
        """Replace the article's graph in the store (unless it is unchanged there).

        :raises StoreError: the article could not be stored (``fatal`` when the store is unusable).
        """
        if result.graph is None or result.page is None:
            return []
        reason = None if result.merged is not None else self.unchanged(result.page)
        if reason is not None:
            result.kept.append(reason)
            self.unchanged_count += 1
            return []
        graph = str(result.graph.identifier)
        try:
            self.store.put_graph(graph, ntriples(result.graph))
        except StoreError as exc:
            detail = exc.message if exc.source == self.store.where else f"{exc.source}: {exc.message}"
            raise StoreError(result.page.where, f"not stored in {self.store.kind} {self.store.where}: {detail}", fatal=exc.fatal) from None
        if result.merged is None:  # a merge's own graph is no article: it holds no revision
            self._stamps[graph] = Stamp(result.page.revid, __version__)
            if result.page.format == "plaintext":
                self.extracts += 1
            else:
                self.stored += 1
        return [f"{self.store.kind} {self.store.where} <{graph}>"]

    def close(self) -> None:
        self.store.close()
