"""Prose: the facts sentences state, each linked to the sentence it came from.

Provenance per statement, in two documented patterns (see ``ontology/README.md``):

- every sentence a fact came from is a ``kg:Sentence`` node under the article's graph IRI
  (``{graph}#sentence/{n}``): its text (``prov:value``), its place in the page's text as a
  W3C Web Annotation text-position selector gives it (``oa:start``, ``oa:end``), its
  section (``kg:section``) and the revision it was quoted from (``prov:wasQuotedFrom``);
- a node that is a fact — a cast role, a release, a nomination, an amount, a rating, the
  soundtrack album — is
  ``kg:statedIn`` each sentence that states it; a fact that is one triple between nodes
  (the film's director, a genre, the work it is based on and its author) is an
  ``rdf:Statement`` (``{graph}#statement/{n}/{k}``) with ``rdf:subject``, ``rdf:predicate``,
  ``rdf:object`` and ``kg:statedIn``.

A sentence that states what the infobox or a table already gives adds no second node:
its ``kg:statedIn`` goes on the node there is (a release of that date and kind, the cast
role of that performer, the nomination of that award, nominees and result). Where a
sentence gives a value that can have only one (the gross, the budget) and the infobox
gives another, the infobox's stays and a warning names both.
"""

from __future__ import annotations

import re

from rdflib import PROV, RDF, Literal, URIRef

from kg.iri import revision_url, wikipedia_url
from kg.mapping.awards import RESULTS, award, map_nomination
from kg.mapping.builder import GraphBuilder, date_literal, decimal, en
from kg.mapping.crew import CREDIT_PROPERTIES
from kg.mapping.film import map_based_on, map_money
from kg.model import Prose, Rating
from kg.titles import strip_disambiguator
from kg.vocab import KG, OA, SCHEMA

#: what each rating measure is called
MEASURES = {"approval": "approval rating", "average": "average rating", "metascore": "Metascore"}


def map_prose(b: GraphBuilder, prose: Prose) -> None:
    """The abstract, and each fact with the sentence that states it."""
    g, film = b.g, b.film
    if prose.abstract:
        g.add((film, SCHEMA.abstract, en(prose.abstract)))
    sentences = {s.index: s for s in prose.sentences}
    nodes: dict[str, URIRef] = {}
    page = b.x.page
    quoted = URIRef(revision_url(page.revid)) if page.revid is not None else URIRef(wikipedia_url(page.title))
    for index, s in sentences.items():
        node = URIRef(b.minter.node(b.graph_iri, "sentence", index))
        nodes[f"sentence:{index}"] = node
        g.add((node, RDF.type, KG.Sentence))
        g.add((node, PROV.value, en(s.text)))
        g.add((node, OA.start, Literal(s.start)))
        g.add((node, OA.end, Literal(s.end)))
        if s.section:
            g.add((node, KG.section, en(s.section)))
        g.add((node, PROV.wasQuotedFrom, quoted))
    mapper = _ProseMapper(b, nodes)
    for genre in prose.genres:
        mapper.triple(film, SCHEMA.genre, en(genre.name), genre.source)
    given_countries = (film, SCHEMA.countryOfOrigin, None) in g
    for origin in prose.origins:
        before = len(g)
        country = b.entity(origin.country, SCHEMA.Country)
        if given_countries and (film, SCHEMA.countryOfOrigin, country) not in g:
            mapper.take_back(before)  # the infobox gives the countries; a nationality it lacks is not one of them
            continue
        mapper.triple(film, SCHEMA.countryOfOrigin, country, origin.source)
    for credit in prose.credits:
        prop, cls = CREDIT_PROPERTIES[credit.role]
        mapper.credit(prop, cls, credit)
    for based_on in prose.based_on:
        work = map_based_on(b, based_on)
        mapper.triple(film, SCHEMA.isBasedOn, work, based_on.source)
        for author in based_on.authors:
            mapper.triple(work, SCHEMA.author, b.entity(author, SCHEMA.Person), based_on.source)
    listed = bool(g.objects(film, KG.cast))  # the cast list's roles, before any sentence's
    for k, credit in enumerate(prose.cast, start=1):
        before = len(g)
        actor = b.entity(credit.actor, SCHEMA.Person)
        role = next((r for r in g.objects(film, KG.cast) if (r, SCHEMA.actor, actor) in g), None)
        if role is None and listed:
            # the cast list names the film's performers: one it does not name is most likely
            # one of its entries under another link (a redirect), or not of this film
            mapper.take_back(before)
            b.x.warnings.append(
                f"prose: {credit.source.replace(':', ' ')} names \"{credit.actor.name}\" as a performer, "
                "whom the cast list does not name; not added"
            )
            continue
        if role is None:
            role = mapper.node("cast", credit.source, k)
            g.add((film, KG.cast, role))
            g.add((role, RDF.type, SCHEMA.PerformanceRole))
            g.add((role, SCHEMA.actor, actor))
        g.add((film, SCHEMA.actor, actor))
        if credit.character and (role, SCHEMA.characterName, None) not in g:
            g.add((role, SCHEMA.characterName, en(credit.character)))
        mapper.stated(role, credit.source)
    for k, release in enumerate(prose.releases, start=1):
        mapper.release(release, k)
    for amount in prose.amounts:
        mapper.amount(amount)
    for rating in prose.ratings:
        mapper.rating(rating)
    for k, nomination in enumerate(prose.nominations, start=1):
        mapper.nomination(nomination, k)
    for year in prose.years:  # after the releases, whose dates are finer
        mapper.year(year)
    for k, album in enumerate(prose.albums, start=1):
        mapper.album(album, k)


def _fold_dashes(name) -> str:
    """An award's name as matched against the accolades table's: "Best Actor - Motion Picture
    Drama" (a redirect's hyphen) is the table's "Best Actor – Motion Picture Drama"."""
    return re.sub(r"\s*[-–—]\s*", " - ", str(name)).casefold() if name is not None else ""


class _ProseMapper:
    def __init__(self, b: GraphBuilder, sentences: dict[str, URIRef]) -> None:
        self.b = b
        self.g = b.g
        self.sentences = sentences
        self.statements: dict[str, int] = {}
        #: whether the accolades tables or lists gave nominations
        self.table_nominations = any(True for _ in b.g.subjects(KG.forWork, b.film))

    def take_back(self, count: int) -> None:
        """Remove what was added since the graph held ``count`` triples."""
        for triple in self.g.since(count):
            self.g.remove(triple)
            self.b.forget_link(triple[0])

    def credit(self, prop: URIRef, cls: URIRef, credit) -> None:
        """A crew credit: stated of the infobox's when it gives that person in that role;
        added when the infobox gives no one in it; else left out, with a warning."""
        g, film = self.g, self.b.film
        given = (film, prop, None) in g
        before = len(g)
        person = self.b.entity(credit.ref, cls)
        if given and (film, prop, person) not in g:
            self.take_back(before)
            self.b.x.warnings.append(
                f"prose: {credit.source.replace(':', ' ')} credits \"{credit.ref.name}\" ({credit.role}), "
                "whom the infobox does not credit so; not added"
            )
            return
        self.triple(film, prop, person, credit.source)

    def stated(self, node: URIRef, source: str) -> None:
        self.g.add((node, KG.statedIn, self.sentences[source]))

    def node(self, kind: str, source: str, k: int) -> URIRef:
        """A node a sentence's fact mints: ``{film}#{kind}/sentence/{n}/{k}``, and
        ``{film}#{kind}/{source}/sentence/{n}/{k}`` for a sentence of another kind of source
        than wikitext (``extract``), so that two sources of the page never mint one node."""
        scope = (self.b.source,) if self.b.source else ()
        return self.b.node(kind, *scope, "sentence", source.split(":", 1)[1], k)

    def triple(self, s: URIRef, p: URIRef, o, source: str) -> None:
        """The triple, and an ``rdf:Statement`` of it stated in the sentence."""
        g = self.g
        g.add((s, p, o))
        n = source.split(":", 1)[1]
        k = self.statements[n] = self.statements.get(n, 0) + 1
        statement = URIRef(self.b.minter.node(self.b.graph_iri, "statement", n, k))
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, s))
        g.add((statement, RDF.predicate, p))
        g.add((statement, RDF.object, o))
        self.stated(statement, source)

    def year(self, year) -> None:
        """The lead's year: the film's ``schema:datePublished`` when nothing gives one, stated
        of the date there is when that date is of the same year."""
        g, film = self.g, self.b.film
        published = g.value(film, SCHEMA.datePublished)
        literal = date_literal(year.date)
        if published is None:
            self.triple(film, SCHEMA.datePublished, literal, year.source)
        elif str(published)[:4] == str(literal):
            self.triple(film, SCHEMA.datePublished, published, year.source)

    def release(self, release, k: int) -> None:
        g, film = self.g, self.b.film
        date = date_literal(release.date)
        kind = en(release.kind) if release.kind else None
        for event in g.objects(film, SCHEMA.releasedEvent):
            if (event, SCHEMA.startDate, date) in g and (kind is None or (event, KG.releaseType, kind) in g or (event, KG.releaseType, None) not in g):
                if kind is not None and (event, KG.releaseType, None) not in g:
                    g.add((event, KG.releaseType, kind))
                if release.country is not None:
                    g.add((event, SCHEMA.location, self.b.entity(release.country, SCHEMA.Country)))
                self.stated(event, release.source)
                return
        event = self.node("release", release.source, k)
        g.add((film, SCHEMA.releasedEvent, event))
        g.add((event, RDF.type, SCHEMA.PublicationEvent))
        g.add((event, SCHEMA.startDate, date))
        if kind is not None:
            g.add((event, KG.releaseType, kind))
        if release.country is not None:
            g.add((event, SCHEMA.location, self.b.entity(release.country, SCHEMA.Country)))
        if release.festival is not None:
            g.add((event, SCHEMA.superEvent, self.b.event(release.festival)))
        self.stated(event, release.source)
        published = g.value(film, SCHEMA.datePublished)
        if published is None:
            g.add((film, SCHEMA.datePublished, date))
        elif published.datatype == date.datatype and str(date) < str(published):
            g.remove((film, SCHEMA.datePublished, published))
            g.add((film, SCHEMA.datePublished, date))

    def amount(self, amount) -> None:
        g, film = self.g, self.b.film
        prop, key = (KG.boxOffice, "box-office") if amount.kind == "gross" else (KG.budget, "budget")
        there = g.value(film, prop)
        if there is None:
            node = map_money(self.b, amount.money, key)
            g.add((film, prop, node))
            self.stated(node, amount.source)
            return
        value = g.value(there, SCHEMA.value)
        currency = g.value(there, SCHEMA.currency)
        if value is not None and amount.money.value == value.toPython() and str(currency) == amount.money.currency:
            self.stated(there, amount.source)
            return
        shown = f"{amount.money.currency} {amount.money.value}"
        given = f"{currency} {value}" if value is not None else "a range"
        self.b.x.warnings.append(
            f"prose: {amount.source.replace(':', ' ')} states a {'gross' if amount.kind == 'gross' else 'budget'} of "
            f"{shown}; the infobox gives {given}, which is kept"
        )

    def rating(self, rating: Rating) -> None:
        g, b = self.g, self.b
        aggregator = b.entity(rating.aggregator, SCHEMA.Organization)
        name = str(g.value(aggregator, SCHEMA.name))
        node = b.node("rating", name, rating.measure)
        value = decimal(rating.value)
        there = g.value(node, SCHEMA.ratingValue)
        if there is not None and there != value:
            b.x.warnings.append(
                f"prose: {rating.source.replace(':', ' ')} gives the {name} {MEASURES[rating.measure]} as {rating.value}; "
                f"an earlier sentence gives {there}, which is kept"
            )
            return
        g.add((b.film, SCHEMA.aggregateRating, node))
        g.add((node, RDF.type, SCHEMA.AggregateRating))
        g.add((node, SCHEMA.name, en(f"{name} {MEASURES[rating.measure]}")))
        g.add((node, SCHEMA.ratingValue, value))
        g.add((node, SCHEMA.bestRating, Literal(rating.best)))
        g.add((node, SCHEMA.author, aggregator))
        if rating.reviews is not None and (node, SCHEMA.reviewCount, None) not in g:
            g.add((node, SCHEMA.reviewCount, Literal(rating.reviews)))
        self.stated(node, rating.source)

    def album(self, fact, k: int) -> None:
        """The soundtrack album's date and performers a sentence states: of the article's
        album when it has one (a date it gives otherwise is kept, with a warning), of an
        album of the sentence's own when it has none, and of none when it has several."""
        g, b = self.g, self.b
        albums = g.objects(b.film, KG.soundtrack)
        where = fact.source.replace(":", " ")
        if len(albums) > 1:
            b.x.warnings.append(f"prose: {where} speaks of the soundtrack album; the article has {len(albums)}: not added")
            return
        if albums:
            node = albums[0]
        else:
            node = self.node("soundtrack", fact.source, k)
            g.add((b.film, KG.soundtrack, node))
            g.add((node, RDF.type, SCHEMA.MusicAlbum))
            g.add((node, SCHEMA.name, en(f"{strip_disambiguator(b.x.title)} soundtrack")))
            g.add((node, SCHEMA.albumProductionType, SCHEMA.SoundtrackAlbum))
        self.stated(node, fact.source)
        if fact.released is not None:
            date = date_literal(fact.released)
            there = g.value(node, SCHEMA.datePublished)
            if there is None or there == date:
                self.triple(node, SCHEMA.datePublished, date, fact.source)
            else:
                b.x.warnings.append(f"prose: {where} dates the soundtrack album {date}; the article gives {there}, which is kept")
        for performer in fact.performers:
            self.triple(node, SCHEMA.byArtist, b.entity(performer, SCHEMA.Person), fact.source)

    def nomination(self, nom, k: int) -> None:
        g, b = self.g, self.b
        node = self.node("nomination", nom.source, k)
        before = len(g)
        award_node = award(b, nom)[0]
        award_name = g.value(award_node, SCHEMA.name)
        award_key = _fold_dashes(award_name)
        self.take_back(before)  # the award's triples: added again only with the nomination
        nominees = {b.entity(r, SCHEMA.Person) for r in nom.nominees} or {b.film}
        result = RESULTS[nom.result]
        for there in g.subjects(KG.forWork, b.film):
            if (there, KG.result, result) not in g:
                continue
            if nominees != {b.film} and set(g.objects(there, KG.nominee)) != nominees:
                continue  # "the film received a nomination for X": the row of X, whoever its nominee
            other = g.value(there, KG.award)
            if other == award_node or _fold_dashes(g.value(other, SCHEMA.name)) == award_key:
                self.stated(there, nom.source)
                return
        if self.table_nominations:
            # the article's accolades table lists its nominations: one it does not match is
            # most likely one of its rows under another name of the award (a redirect)
            self.b.x.warnings.append(
                f"prose: {nom.source.replace(':', ' ')} states a nomination for "
                f"\"{award_name}\" that no row of the accolades table matches; not added"
            )
            return
        map_nomination(b, nom, node)
        self.stated(node, nom.source)
