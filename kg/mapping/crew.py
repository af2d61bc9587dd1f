"""Crew credits: each infobox credit as a film property to a person or organisation."""

from __future__ import annotations

from rdflib import URIRef

from kg.mapping.builder import GraphBuilder
from kg.model import Crew
from kg.vocab import KG, SCHEMA

# Credit role -> (film property, class of the credited entity).
CREDIT_PROPERTIES: dict[str, tuple[URIRef, URIRef]] = {
    "director": (SCHEMA.director, SCHEMA.Person),
    "producer": (SCHEMA.producer, SCHEMA.Person),
    "screenwriter": (KG.screenwriter, SCHEMA.Person),
    "story": (KG.storyBy, SCHEMA.Person),
    "narrator": (KG.narrator, SCHEMA.Person),
    "starring": (SCHEMA.actor, SCHEMA.Person),
    "music": (SCHEMA.musicBy, SCHEMA.Person),
    "cinematographer": (KG.cinematographer, SCHEMA.Person),
    "editor": (KG.filmEditor, SCHEMA.Person),
    "studio": (SCHEMA.productionCompany, SCHEMA.Organization),
    "distributor": (KG.distributor, SCHEMA.Organization),
}


def map_crew(b: GraphBuilder, crew: Crew) -> None:
    """``schema:director``, ``kg:screenwriter``, ``schema:productionCompany`` … of the film."""
    for credit in crew.credits:
        prop, cls = CREDIT_PROPERTIES[credit.role]
        b.g.add((b.film, prop, b.entity(credit.ref, cls)))
