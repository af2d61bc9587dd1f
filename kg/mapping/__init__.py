"""The map stage: a resolved :class:`~kg.model.Extraction` → the article's RDF graph.

The only stage that uses vocabulary terms. :data:`MAPPERS` holds one mapping function
per part class, run in the order of the extraction's parts (the extractor registry's
order), then the named graph's provenance. IRIs come from :class:`kg.iri.Minter`;
nothing here mints a blank node. A part with no mapping function is an error, never
silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from kg.iri import Minter
from kg.mapping.awards import map_accolades
from kg.mapping.builder import GraphBuilder, new_graph
from kg.mapping.cast import map_cast
from kg.mapping.crew import CREDIT_PROPERTIES, map_crew
from kg.mapping.film import map_film_info
from kg.mapping.links import map_external_ids
from kg.mapping.prose import map_prose
from kg.mapping.soundtrack import map_soundtrack
from kg.model import Accolades, Cast, Crew, Extraction, ExternalIds, FilmInfo, Prose, Soundtrack

#: part class → the function that adds its triples.
MAPPERS: dict[type, Callable[[GraphBuilder, object], None]] = {
    FilmInfo: map_film_info,
    Crew: map_crew,
    Cast: map_cast,
    Accolades: map_accolades,
    Soundtrack: map_soundtrack,
    ExternalIds: map_external_ids,
    Prose: map_prose,
}


def build_graph(extraction: Extraction, minter: Minter | None = None) -> Graph:
    """The RDF graph of one extracted article (its identifier is the article's named graph).

    :param extraction: from :func:`kg.extract.extract`, resolved by :func:`kg.resolve.resolve`.
    :param minter: mints IRIs under the base IRI (default base when omitted).
    :raises TypeError: a part has no mapping function in :data:`MAPPERS`.
    """
    builder = GraphBuilder(extraction, minter or Minter())
    for name, part in extraction.parts.items():
        mapper = MAPPERS.get(type(part))
        if mapper is None:
            raise TypeError(f"part {name!r} ({type(part).__name__}) has no mapping function in kg.mapping.MAPPERS")
        mapper(builder, part)
    builder.map_provenance()
    return builder.graph()


__all__ = ["CREDIT_PROPERTIES", "MAPPERS", "GraphBuilder", "build_graph", "new_graph"]
