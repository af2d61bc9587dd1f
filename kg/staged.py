"""An article's graph as the map stage builds it, cheaply, and as rdflib reads it, on demand.

rdflib's in-memory store indexes every triple three ways and by context as it is added
(about 20 µs a triple on this kind of machine: a quarter of a film's map stage went
there), while kg's own readers of an exported graph — the rudof validator and the
N-Triples, N-Quads and Turtle writers — only go through its triples once
(:func:`triples_of`). So the map stage adds to a :class:`TripleSet` (a dict in insertion
order, with the one lookup the builder makes: a subject's values of a property), and
:meth:`TripleSet.graph` hands the triples to an rdflib :class:`~rdflib.Graph` whose
:class:`StagedStore` keeps them as they are until the graph is first read through rdflib
(a query, a JSON-LD writer, a test): then they are indexed, once, and the graph is an
ordinary rdflib graph. A graph exported by ``kg export`` of a dump is never indexed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from rdflib import Graph, URIRef
from rdflib.plugins.stores.memory import Memory

T = TypeVar("T")


class TripleSet:
    """The triples of one graph under construction, in the order they were first added.

    It answers what the map stage asks of the graph it builds: ``(s, p, None) in g``,
    ``(s, p, o) in g``, ``g.value(s, p)`` (the first value added, as rdflib's store
    gives it), ``g.objects(s, p)`` and ``g.subjects(p, o)`` (a scan: the prose mapping asks
    it a few times a page); it can ``remove`` a triple, and tell which were added ``since``
    it held some number of them.
    """

    __slots__ = ("_triples", "_values")

    def __init__(self) -> None:
        self._triples: dict[tuple, None] = {}
        self._values: dict[tuple, list] = {}

    def add(self, triple: tuple) -> TripleSet:
        if triple not in self._triples:
            self._triples[triple] = None
            s, p, o = triple
            values = self._values.get((s, p))
            if values is None:
                self._values[(s, p)] = [o]
            else:
                values.append(o)
        return self

    def __contains__(self, triple: tuple) -> bool:
        s, p, o = triple
        if o is None:
            return (s, p) in self._values
        return triple in self._triples

    def value(self, subject, predicate):
        values = self._values.get((subject, predicate))
        return values[0] if values else None

    def objects(self, subject, predicate) -> list:
        return list(self._values.get((subject, predicate), ()))

    def subjects(self, predicate, obj) -> list:
        return [s for s, p, o in self._triples if p == predicate and o == obj]

    def since(self, count: int) -> list[tuple]:
        """The triples added after the first ``count`` (those still there), in order."""
        return list(self._triples)[count:]

    def remove(self, triple: tuple) -> None:
        if triple in self._triples:
            del self._triples[triple]
            values = self._values[triple[:2]]
            values.remove(triple[2])
            if not values:
                del self._values[triple[:2]]

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._triples)

    def graph(self, identifier: str | None, prefixes: dict[str, str]) -> Graph:
        """The triples as an rdflib graph named ``identifier``, with exactly ``prefixes`` bound
        (indexed by rdflib when first read through it: see :class:`StagedStore`)."""
        store = StagedStore(self._triples)
        g = Graph(store=store, identifier=URIRef(identifier) if identifier else None, bind_namespaces="none")
        store.context = g
        for prefix, ns in prefixes.items():
            g.bind(prefix, ns)
        return g


class StagedStore(Memory):
    """rdflib's memory store holding a built graph's triples unindexed until the graph is
    first read or changed through rdflib; :func:`triples_of` reads them without that.

    Every read and change of :class:`~rdflib.plugins.stores.memory.Memory` goes through
    :meth:`add`, :meth:`triples`, :meth:`contexts` or :meth:`__len__` (``remove`` finds
    its triples with ``triples``; SPARQL is evaluated over ``triples``), so those index
    the staged triples first."""

    def __init__(self, triples: dict[tuple, None]) -> None:
        super().__init__()
        self.staged: dict[tuple, None] | None = triples
        #: the graph the triples belong to (set by :meth:`TripleSet.graph`)
        self.context: Graph | None = None
        #: what readers derived from the staged triples (:func:`derived`), gone once indexed
        self.derived: dict[str, object] = {}

    def _index(self) -> None:
        staged, self.staged = self.staged, None
        self.derived.clear()  # no longer read (the triples are not staged now): freed
        if staged:
            add = super().add
            for triple in staged:
                add(triple, self.context, False)

    def add(self, triple, context, quoted=False):
        if self.staged is not None:
            self._index()
        return super().add(triple, context, quoted)

    def triples(self, triple_pattern, context=None):
        if self.staged is not None:
            self._index()
        return super().triples(triple_pattern, context)

    def contexts(self, triple=None):
        if self.staged is not None:
            self._index()
        return super().contexts(triple)

    def __len__(self, context=None) -> int:
        if self.staged is not None:
            self._index()
        return super().__len__(context)


def _staged(graph: Graph) -> StagedStore | None:
    store = graph.store
    if isinstance(store, StagedStore) and store.staged is not None and store.context is graph:
        return store
    return None


def triples_of(graph: Graph) -> Iterable[tuple]:
    """The graph's triples, read once: a built graph's straight from the map stage (no
    rdflib index made), any other graph's through rdflib."""
    store = _staged(graph)
    return store.staged if store is not None else graph  # type: ignore[return-value]


def derived(graph: Graph, kind: str, compute: Callable[[Graph], T]) -> T:
    """``compute(graph)``, computed once for a built graph while it is unchanged (its
    N-Triples terms: the validator and the N-Quads writer both want them), every time
    for any other graph."""
    store = _staged(graph)
    if store is None:
        return compute(graph)
    if kind not in store.derived:
        store.derived[kind] = compute(graph)
    return store.derived[kind]  # type: ignore[return-value]
