"""The film itself: name, description, genres, image, releases, runtimes, countries,
languages, budget and box office, the work it is based on."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef

from kg.iri import commons_file_url, wikipedia_url
from kg.link.classes import article_imdb_ids
from kg.mapping.builder import GraphBuilder, canonical_name, date_literal, decimal, duration, en
from kg.model import BasedOn, FilmInfo, Release
from kg.values import Money
from kg.vocab import KG, SCHEMA


def map_film_info(b: GraphBuilder, film: FilmInfo) -> None:
    """The ``schema:Movie`` node and what the infobox and lead say about the film."""
    g, f = b.g, b.film
    g.add((f, RDF.type, SCHEMA.Movie))
    name = canonical_name(b.x.title, film.name)  # as every article that links the film names it
    g.add((f, SCHEMA.name, en(name)))
    if film.name != name:
        g.add((f, KG.shownName, en(film.name)))
    g.add((f, SCHEMA.sameAs, URIRef(wikipedia_url(b.x.title))))
    link = b.x.links.get(b.x.title)
    if link is not None:
        b.same_as(f, link, SCHEMA.Movie, article_imdb_ids(b.x))
    if film.description:
        g.add((f, SCHEMA.description, en(film.description)))
    for genre in film.genres:
        g.add((f, SCHEMA.genre, en(genre)))
    if film.image:
        image = URIRef(commons_file_url(film.image))
        g.add((f, SCHEMA.image, image))
        g.add((image, RDF.type, SCHEMA.ImageObject))
        g.add((image, SCHEMA.contentUrl, image))
        if film.caption:
            g.add((image, SCHEMA.caption, en(film.caption)))
    for i, release in enumerate(sorted(film.releases, key=lambda r: r.date.sort_key()), start=1):
        map_release(b, release, i)
    if film.releases:
        earliest = min((r.date for r in film.releases), key=lambda d: d.sort_key())
        g.add((f, SCHEMA.datePublished, date_literal(earliest)))
    for i, seconds in enumerate(film.runtimes):
        g.add((f, SCHEMA.duration if i == 0 else KG.alternativeDuration, duration(seconds)))
    for country in film.countries:
        g.add((f, SCHEMA.countryOfOrigin, b.entity(country, SCHEMA.Country)))
    for code in film.languages:
        g.add((f, SCHEMA.inLanguage, Literal(code)))
    if film.budget is not None:
        g.add((f, KG.budget, map_money(b, film.budget, "budget")))
    if film.gross is not None:
        g.add((f, KG.boxOffice, map_money(b, film.gross, "box-office")))
    for based_on in film.based_on:
        map_based_on(b, based_on)


def map_release(b: GraphBuilder, release: Release, index: int) -> None:
    """One release as a ``schema:PublicationEvent`` with its date, place or kind."""
    g = b.g
    event = b.node("release", index)
    g.add((b.film, SCHEMA.releasedEvent, event))
    g.add((event, RDF.type, SCHEMA.PublicationEvent))
    g.add((event, SCHEMA.startDate, date_literal(release.date)))
    if release.location is not None:
        g.add((event, SCHEMA.location, b.entity(release.location, SCHEMA.Place)))
    if release.country is not None:
        g.add((event, SCHEMA.location, b.entity(release.country, SCHEMA.Country)))
    if release.festival is not None:
        g.add((event, SCHEMA.superEvent, b.event(release.festival)))
    if release.kind:
        g.add((event, KG.releaseType, en(release.kind)))


def map_money(b: GraphBuilder, money: Money, key: str) -> URIRef:
    """A ``schema:MonetaryAmount``: currency and value, or a min/max range."""
    g = b.g
    node = b.node(key)
    g.add((node, RDF.type, SCHEMA.MonetaryAmount))
    g.add((node, SCHEMA.currency, Literal(money.currency)))
    if money.value is not None:
        g.add((node, SCHEMA.value, decimal(money.value)))
    else:
        g.add((node, SCHEMA.minValue, decimal(money.min_value)))
        g.add((node, SCHEMA.maxValue, decimal(money.max_value)))
    return node


def map_based_on(b: GraphBuilder, based_on: BasedOn) -> URIRef:
    """The source work (``schema:Book``) and its authors; returns the work's node."""
    g = b.g
    work_ref = based_on.work
    if work_ref.is_global:
        work = b.entity(work_ref, SCHEMA.Book)
    else:
        work = b.node("work", work_ref.name)
        g.add((work, RDF.type, SCHEMA.Book))
        g.add((work, SCHEMA.name, en(work_ref.name)))
        if work_ref.section is not None and work_ref.title:
            g.add((work, RDFS.seeAlso, URIRef(wikipedia_url(work_ref.title, work_ref.section or None))))
    g.add((b.film, SCHEMA.isBasedOn, work))
    for author in based_on.authors:
        g.add((work, SCHEMA.author, b.entity(author, SCHEMA.Person)))
    return work
