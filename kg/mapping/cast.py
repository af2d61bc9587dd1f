"""The cast: one ``schema:PerformanceRole`` per credit, in credit order."""

from __future__ import annotations

from rdflib import RDF, Literal

from kg.mapping.builder import GraphBuilder, en
from kg.model import Cast
from kg.vocab import KG, SCHEMA


def map_cast(b: GraphBuilder, cast: Cast) -> None:
    """``kg:cast`` roles (performer, character, position, "(as …)", voice) and ``schema:actor``."""
    g = b.g
    for credit in cast.credits:
        role = b.node("cast", credit.position)
        actor = b.entity(credit.actor, SCHEMA.Person)
        g.add((b.film, KG.cast, role))
        g.add((b.film, SCHEMA.actor, actor))
        g.add((role, RDF.type, SCHEMA.PerformanceRole))
        g.add((role, SCHEMA.actor, actor))
        g.add((role, SCHEMA.position, Literal(credit.position)))
        if credit.character:
            g.add((role, SCHEMA.characterName, en(credit.character)))
        if credit.credited_as:
            g.add((role, KG.creditedAs, en(credit.credited_as)))
        if credit.voice:
            g.add((role, KG.voiceRole, Literal(True)))
