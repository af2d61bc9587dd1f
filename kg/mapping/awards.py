"""Accolades: each nomination with its award category, ceremony, nominees and result."""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, Literal, URIRef

from kg.extractors.awards import CEREMONY_ARTICLE
from kg.iri import wikipedia_url
from kg.mapping.builder import GraphBuilder, date_literal, en
from kg.model import Accolades, Nomination, Ref
from kg.vocab import KG, SCHEMA

# A year at the start or end of a body's name or title: "1995 …", "… 1995", "… (1995)".
_YEAR = re.compile(r"^\s*(?:18|19|20)\d\d\s+|\s*\(?(?:18|19|20)\d\d\)?\s*$")

RESULTS = {
    "won": KG.Won,
    "nominated": KG.Nominated,
    "runner-up": KG.RunnerUp,
    "placed": KG.Placed,
    "pending": KG.Pending,
    "honored": KG.Honored,
    "unknown": KG.UnknownResult,
}


def map_accolades(b: GraphBuilder, accolades: Accolades) -> None:
    for nomination in accolades.nominations:
        map_nomination(b, nomination)


def map_nomination(b: GraphBuilder, nom: Nomination, node: URIRef | None = None) -> URIRef:
    """One accolades row: the nomination, its award category, ceremony, nominees and result.

    :param node: the nomination's node (default ``{film}#nomination/{position}``).
    """
    g, film = b.g, b.film
    node = node if node is not None else b.node("nomination", nom.position)
    g.add((node, RDF.type, KG.Nomination))
    g.add((node, KG.forWork, film))
    event_ref = nom.ceremony or nom.organisation
    event = ceremony(b, event_ref, nom) if names_an_event(event_ref, nom) else None
    if event is not None:
        g.add((node, KG.ceremony, event))
    award_node, award_name = award(b, nom)
    g.add((node, KG.award, award_node))
    g.add((node, KG.result, RESULTS[nom.result]))
    if nom.rank is not None and nom.result == "placed":
        g.add((node, KG.rank, Literal(nom.rank)))
    for note in nom.notes:
        g.add((node, KG.note, en(note)))
    nominees = [b.entity(ref, SCHEMA.Person) for ref in nom.nominees] or [film]
    for nominee in nominees:
        g.add((node, KG.nominee, nominee))
        if nom.result == "won":
            g.add((nominee, SCHEMA.award, en(award_name)))
    return node


def names_an_event(ref: Ref | None, nom: Nomination) -> bool:
    """Whether a nomination's row says at which ceremony it was: a ceremony's own name
    ("[[68th Academy Awards]]", "1996 Chlotrudis Awards"), or an awarding body with the
    row's date. A body alone ("[[Academy Awards]]" in a row without a year) names no one
    ceremony, and none is invented: the nomination keeps its award and has no kg:ceremony."""
    if ref is None:
        return False
    if nom.date is not None:
        return True
    return any(CEREMONY_ARTICLE.match(name) for name in (ref.title, ref.name) if name)


def ceremony(b: GraphBuilder, ref: Ref, nom: Nomination) -> URIRef:
    """The ceremony (``schema:Event``) of a nomination, dated by the table's date column.

    A linked ceremony's article ("[[68th Academy Awards]]") is that global event. An awarding
    body — linked ("[[Chlotrudis Society for Independent Film|Chlotrudis Awards]]") or not —
    is not an event: the ceremony is that body's of the row's year, one node per body and
    year, scoped to the article (an unlinked name is never global), named "Chlotrudis Awards
    1996", with the body's page as ``rdfs:seeAlso``."""
    if ref.is_global and CEREMONY_ARTICLE.match(ref.title):
        event = b.event(ref)
    else:
        key = f"{ref.name} {nom.date.year}" if nom.date is not None else ref.name
        event = b.node("ceremony", key)
        if (event, SCHEMA.name, None) not in b.g:
            b.g.add((event, SCHEMA.name, en(key)))
        b.g.add((event, RDF.type, SCHEMA.Event))
        if ref.title:
            b.g.add((event, RDFS.seeAlso, URIRef(wikipedia_url(ref.title, ref.section or None))))
    if nom.date is not None and (event, SCHEMA.startDate, None) not in b.g:
        b.g.add((event, SCHEMA.startDate, date_literal(nom.date)))
    return event


def award(b: GraphBuilder, nom: Nomination) -> tuple[URIRef, str]:
    """The award category node and its name: the linked category article, else the
    ceremony's name and the category text shown ("20/20 Awards – Best Actor")."""
    g = b.g
    category, body = nom.category, nom.organisation or nom.ceremony
    if category is not None and category.is_global:
        node = b.entity(category, KG.Award, shown=False)
        return node, str(g.value(node, SCHEMA.name))
    # "Society of Texas Film Critics Awards 1995": the category is the body's in every year
    body_key = _YEAR.sub("", (body.title if body.title else body.name)) if body is not None else ""
    body_name = _YEAR.sub("", body.name) if body is not None else ""
    if category is not None:
        key = f"{body_key} – {category.name}" if body_key else category.name
        name = f"{body_name} – {category.name}" if body_name else category.name
    else:
        key, name = body_key, body_name
    node = b.node("award", key)
    if (node, SCHEMA.name, None) not in g:
        g.add((node, SCHEMA.name, en(name)))
    g.add((node, RDF.type, KG.Award))
    if category is not None and category.title is not None and category.section is not None:
        g.add((node, RDFS.seeAlso, URIRef(wikipedia_url(category.title, category.section or None))))
    return node, str(g.value(node, SCHEMA.name))
