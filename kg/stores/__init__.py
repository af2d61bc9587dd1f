"""Stores kg writes articles into and queries: an embedded Oxigraph store on disk
(:mod:`kg.stores.embedded`, the default) and any SPARQL 1.1 store over HTTP
(:mod:`kg.stores.endpoint`).

Both keep each article in its own named graph (the graph IRI the provenance uses) and
give the same operations: what they hold (:meth:`stamps`, :meth:`info`), replace one
article's graph (:meth:`put_graph`), and run a query (:meth:`query`) whose results come
back as a :class:`QueryResult`, all read before the store is let go.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.titles import normalise_title


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a stored article graph was made from: the revision and the kg version.

    An article is unchanged, and skipped unless ``--force``, when both match what would
    be written; an input without a revision id (raw wikitext) is never unchanged.
    """

    revision: int | None
    version: str | None

    def same_as(self, other: Stamp | None) -> bool:
        return other is not None and self.revision is not None and self == other


@dataclass(frozen=True, slots=True)
class GraphInfo:
    """One article graph in a store."""

    graph: str
    title: str | None
    revision: int | None
    version: str | None
    triples: int


@dataclass(slots=True)
class QueryResult:
    """A query's answer, read in full.

    :param kind: ``select``, ``ask`` or ``graph`` (CONSTRUCT / DESCRIBE).
    :param variables: the SELECT's variables, in order.
    :param rows: one tuple of terms (``None`` where unbound) per solution.
    :param boolean: an ASK's answer.
    :param triples: a CONSTRUCT's or DESCRIBE's triples.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


def default_store_dir() -> Path:
    """The default embedded store: ``$KG_STORE``, else ``$XDG_DATA_HOME/kg/store``, else
    ``~/.local/share/kg/store`` (the XDG base directory convention)."""
    if os.environ.get("KG_STORE"):
        return Path(os.environ["KG_STORE"]).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data).expanduser() / "kg" / "store"


PROV = "http://www.w3.org/ns/prov#"
KG_NS = "https://w3id.org/kg-film/ontology#"
SCHEMA = "http://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"

# What a store holds is read with four plain queries joined by kg, not one query with
# OPTIONAL and GROUP BY: Virtuoso 7 answers such a query with rows of the wrong graph.

#: every kg article graph and the kg version that made it (a graph kg made says so itself)
VERSIONS_QUERY = f"""SELECT ?g ?version WHERE {{
  GRAPH ?g {{ ?g <{PROV}wasAttributedTo> ?agent . ?agent <{SCHEMA}name> "kg"@en ; <{SCHEMA}softwareVersion> ?version }}
}}"""
#: the revision each article graph was derived from (inputs without a revision id have none)
REVISIONS_QUERY = f"""SELECT ?g ?revision WHERE {{
  GRAPH ?g {{ ?g <{PROV}wasDerivedFrom> ?source . ?source <{KG_NS}revisionId> ?revision }}
}}"""
#: the article each graph came from
ARTICLES_QUERY = f"""SELECT ?g ?article WHERE {{
  GRAPH ?g {{ ?g <{DCTERMS}source> ?article }}
}}"""
#: the triples in each graph
COUNTS_QUERY = """SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""


def _by_graph(result: QueryResult) -> dict[str, object]:
    return {g.value: v for g, v in result.rows if isinstance(g, ox.NamedNode) and v is not None}


def read_stamps(select) -> dict[str, Stamp]:
    """Graph IRI → :class:`Stamp` of every kg article graph.

    :param select: runs one SELECT (all its rows) and returns the :class:`QueryResult`.
    """
    versions = _by_graph(select(VERSIONS_QUERY))
    revisions = _by_graph(select(REVISIONS_QUERY))
    return {g: Stamp(_int(revisions.get(g)), v.value) for g, v in versions.items()}


def read_infos(select) -> list[GraphInfo]:
    """:class:`GraphInfo` of every kg article graph, by graph IRI."""
    stamps = read_stamps(select)
    articles = _by_graph(select(ARTICLES_QUERY))
    counts = _by_graph(select(COUNTS_QUERY))
    return [
        GraphInfo(g, title_of(articles[g].value) if g in articles else None, stamp.revision, stamp.version, _int(counts.get(g)) or 0)
        for g, stamp in sorted(stamps.items())
    ]


def title_of(url: str) -> str | None:
    """The page title of an English Wikipedia article URL."""
    from urllib.parse import unquote

    prefix = "https://en.wikipedia.org/wiki/"
    return normalise_title(unquote(url[len(prefix):])) if url.startswith(prefix) else None


def _int(term) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def ntriples(graph) -> str:
    """An rdflib graph as N-Triples text (the body of a Graph Store PUT or an INSERT DATA)."""
    return graph.serialize(format="nt11")
