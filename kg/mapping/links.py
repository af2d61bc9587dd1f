"""External identifiers: IMDb, Rotten Tomatoes … as ``schema:sameAs``, the website as ``schema:url``."""

from __future__ import annotations

from rdflib import URIRef

from kg.mapping.builder import GraphBuilder
from kg.model import ExternalIds
from kg.vocab import SCHEMA


def map_external_ids(b: GraphBuilder, ids: ExternalIds) -> None:
    for ext in ids.ids:
        b.g.add((b.film, SCHEMA.url if ext.scheme == "website" else SCHEMA.sameAs, URIRef(ext.url)))
