"""Model → RDF: the only module that uses vocabulary terms.

One ``map_<thing>`` function per model class, each adding triples to the article's
graph. IRIs come from :class:`kg.iri.Minter`; nothing here mints a blank node.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import DCTERMS, PROV, RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import __version__
from kg.iri import LICENSE, Minter, commons_file_url, revision_url, wikipedia_url
from kg.source import strip_disambiguator
from kg.model import Album, Artist, BasedOn, CastCredit, Credit, Extraction, Film, Nomination, Ref, Release, Track
from kg.values import Money, PartialDate, duration_to_xsd
from kg.vocab import KG, PREFIXES, SCHEMA

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
RESULTS = {
    "won": KG.Won,
    "nominated": KG.Nominated,
    "runner-up": KG.RunnerUp,
    "placed": KG.Placed,
    "pending": KG.Pending,
    "honored": KG.Honored,
    "unknown": KG.UnknownResult,
}
DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def new_graph(identifier: str | None = None) -> Graph:
    """An empty graph with exactly kg's prefixes bound (no rdflib defaults)."""
    g = Graph(identifier=URIRef(identifier) if identifier else None, bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def en(text: str) -> Literal:
    """An English literal (every ``schema:name`` is one)."""
    return Literal(text, lang="en")


def date_literal(date: PartialDate) -> Literal:
    """``xsd:date`` for a full date, else ``xsd:gYearMonth`` / ``xsd:gYear``."""
    return Literal(date.isoformat(), datatype=DATE_TYPES[date.precision])


class GraphBuilder:
    """Builds one article's graph.

    :param extraction: what the extractors found.
    :param minter: the IRI minter (base IRI).
    """

    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.minter = minter
        self.film = URIRef(minter.entity(extraction.film.title))
        self.graph_iri = minter.graph(extraction.film.title)
        self.g = new_graph(self.graph_iri)

    # -- entities -----------------------------------------------------------
    def entity(self, ref: Ref, cls: URIRef, name: str | None = None) -> URIRef:
        """The node of a named entity, typed ``cls``, with its name and Wikipedia link.

        :param name: the name to give a global entity instead of the one the article
            shows most often (ceremonies and award categories are named by their article).
        """
        g = self.g
        if ref.is_global:
            node = URIRef(self.minter.entity(ref.title))
            name = name or self.x.names.get(ref.title, ref.name)
            if (node, SCHEMA.name, None) not in g:
                g.add((node, SCHEMA.name, en(name)))
                g.add((node, SCHEMA.sameAs, URIRef(wikipedia_url(ref.title))))
        else:
            node = URIRef(self.minter.scoped(str(self.film), ref.name))
            if (node, SCHEMA.name, None) not in g:
                g.add((node, SCHEMA.name, en(ref.name)))
            if ref.section is not None and ref.title:
                g.add((node, RDFS.seeAlso, URIRef(wikipedia_url(ref.title, ref.section or None))))
        g.add((node, RDF.type, cls))
        return node

    # -- the film -----------------------------------------------------------
    def map_film(self, film: Film) -> None:
        g, f = self.g, self.film
        g.add((f, RDF.type, SCHEMA.Movie))
        g.add((f, SCHEMA.name, en(film.name)))
        g.add((f, SCHEMA.sameAs, URIRef(wikipedia_url(film.title))))
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
        for credit in film.credits:
            self.map_credit(credit)
        for credit in film.cast:
            self.map_cast_credit(credit)
        for i, release in enumerate(sorted(film.releases, key=lambda r: r.date.sort_key()), start=1):
            self.map_release(release, i)
        if film.releases:
            earliest = min((r.date for r in film.releases), key=lambda d: d.sort_key())
            g.add((f, SCHEMA.datePublished, date_literal(earliest)))
        for i, seconds in enumerate(film.runtimes):
            g.add((f, SCHEMA.duration if i == 0 else KG.alternativeDuration, _duration(seconds)))
        for country in film.countries:
            g.add((f, SCHEMA.countryOfOrigin, self.entity(country, SCHEMA.Country)))
        for code in film.languages:
            g.add((f, SCHEMA.inLanguage, Literal(code)))
        if film.budget is not None:
            g.add((f, KG.budget, self.map_money(film.budget, "budget")))
        if film.gross is not None:
            g.add((f, KG.boxOffice, self.map_money(film.gross, "box-office")))
        for based_on in film.based_on:
            self.map_based_on(based_on)
        organisations = {c.ref for c in film.credits if CREDIT_PROPERTIES[c.role][1] == SCHEMA.Organization}
        for nomination in film.nominations:
            self.map_nomination(nomination, organisations)
        for album in film.soundtracks:
            self.map_album(album)
        for ext in film.external_ids:
            g.add((f, SCHEMA.url if ext.scheme == "website" else SCHEMA.sameAs, URIRef(ext.url)))

    def map_credit(self, credit: Credit) -> None:
        prop, cls = CREDIT_PROPERTIES[credit.role]
        self.g.add((self.film, prop, self.entity(credit.ref, cls)))

    def map_cast_credit(self, credit: CastCredit) -> None:
        g = self.g
        role = URIRef(self.minter.node(str(self.film), "cast", credit.position))
        actor = self.entity(credit.actor, SCHEMA.Person)
        g.add((self.film, KG.cast, role))
        g.add((self.film, SCHEMA.actor, actor))
        g.add((role, RDF.type, SCHEMA.PerformanceRole))
        g.add((role, SCHEMA.actor, actor))
        g.add((role, SCHEMA.position, Literal(credit.position)))
        if credit.character:
            g.add((role, SCHEMA.characterName, en(credit.character)))
        if credit.credited_as:
            g.add((role, KG.creditedAs, en(credit.credited_as)))
        if credit.voice:
            g.add((role, KG.voiceRole, Literal(True)))

    def map_nomination(self, nom: Nomination, organisations: set[Ref]) -> None:
        """One accolades row: the nomination, its award category, ceremony, nominees and result."""
        g, film = self.g, self.film
        node = URIRef(self.minter.node(str(film), "nomination", nom.position))
        g.add((node, RDF.type, KG.Nomination))
        g.add((node, KG.forWork, film))
        event_ref = nom.ceremony or nom.organisation
        event = self.ceremony(event_ref, nom) if event_ref is not None else None
        if event is not None:
            g.add((node, KG.ceremony, event))
        award, award_name = self.award(nom)
        g.add((node, KG.award, award))
        g.add((node, KG.result, RESULTS[nom.result]))
        if nom.rank is not None and nom.result == "placed":
            g.add((node, KG.rank, Literal(nom.rank)))
        for note in nom.notes:
            g.add((node, KG.note, en(note)))
        nominees = [
            self.entity(ref, SCHEMA.Organization if ref in organisations else SCHEMA.Person) for ref in nom.nominees
        ] or [film]
        for nominee in nominees:
            g.add((node, KG.nominee, nominee))
            if nom.result == "won":
                g.add((nominee, SCHEMA.award, en(award_name)))

    def ceremony(self, ref: Ref, nom: Nomination) -> URIRef:
        """The ceremony (``schema:Event``) of a nomination, dated by the table's date column."""
        if ref.is_global:
            event = self.entity(ref, SCHEMA.Event, name=strip_disambiguator(ref.title))
        elif ref.title is not None:  # a section of a page, or a page naming several things
            event = self.entity(ref, SCHEMA.Event)
        else:
            key = f"{ref.name} {nom.date.year}" if nom.date is not None else ref.name
            event = URIRef(self.minter.ceremony(key))
            if (event, SCHEMA.name, None) not in self.g:
                self.g.add((event, SCHEMA.name, en(ref.name)))
            self.g.add((event, RDF.type, SCHEMA.Event))
        if nom.date is not None and (event, SCHEMA.startDate, None) not in self.g:
            self.g.add((event, SCHEMA.startDate, date_literal(nom.date)))
        return event

    def award(self, nom: Nomination) -> tuple[URIRef, str]:
        """The award category node and its name: the linked category article, else the
        ceremony's name and the category text shown ("20/20 Awards – Best Actor")."""
        g = self.g
        category, body = nom.category, nom.organisation or nom.ceremony
        if category is not None and category.is_global:
            name = strip_disambiguator(category.title)
            node = self.entity(category, KG.Award, name=name)
            return node, str(g.value(node, SCHEMA.name))
        body_key = (body.title if body is not None and body.title else body.name) if body is not None else ""
        body_name = body.name if body is not None else ""
        if category is not None:
            key = f"{body_key} – {category.name}" if body_key else category.name
            name = f"{body_name} – {category.name}" if body_name else category.name
        else:
            key, name = body_key, body_name
        node = URIRef(self.minter.award(key))
        if (node, SCHEMA.name, None) not in g:
            g.add((node, SCHEMA.name, en(name)))
        g.add((node, RDF.type, KG.Award))
        if category is not None and category.title is not None and category.section is not None:
            g.add((node, RDFS.seeAlso, URIRef(wikipedia_url(category.title, category.section or None))))
        return node, str(g.value(node, SCHEMA.name))

    def artist(self, artist: Artist) -> URIRef:
        """A performer or writer: a ``schema:MusicGroup`` for groups, else a ``schema:Person``."""
        return self.entity(artist.ref, SCHEMA.MusicGroup if artist.group else SCHEMA.Person)

    def map_album(self, album: Album) -> None:
        """A soundtrack album, its tracks, their songs, writers and performers."""
        g, film = self.g, self.film
        node = URIRef(self.minter.node(str(film), "soundtrack", album.index))
        g.add((film, KG.soundtrack, node))
        g.add((node, RDF.type, SCHEMA.MusicAlbum))
        g.add((node, SCHEMA.name, en(album.name)))
        g.add((node, SCHEMA.albumProductionType, SCHEMA.SoundtrackAlbum))
        g.add((node, SCHEMA.numTracks, Literal(len(album.tracks))))
        if album.headline:
            g.add((node, KG.headline, en(album.headline)))
        if album.released is not None:
            g.add((node, SCHEMA.datePublished, date_literal(album.released)))
        if album.length:
            g.add((node, SCHEMA.duration, _duration(album.length)))
        for label in album.labels:
            g.add((node, SCHEMA.recordLabel, self.entity(label, SCHEMA.Organization)))
        for producer in album.producers:
            g.add((node, SCHEMA.producer, self.entity(producer, SCHEMA.Person)))
        for artist in album.artists:
            g.add((node, SCHEMA.byArtist, self.artist(artist)))
        for track in album.tracks:
            g.add((node, SCHEMA.track, self.map_track(track, album)))

    def map_track(self, track: Track, album: Album) -> URIRef:
        g, film = self.g, str(self.film)
        node = URIRef(self.minter.node(film, "soundtrack", album.index, "track", track.position))
        g.add((node, RDF.type, SCHEMA.MusicRecording))
        g.add((node, SCHEMA.name, en(track.title)))
        g.add((node, SCHEMA.position, Literal(track.position)))
        if track.length is not None:
            g.add((node, SCHEMA.duration, _duration(track.length)))
        for note in track.notes:
            g.add((node, KG.note, en(note)))
        for i, performer in enumerate(track.performers, start=1):
            person = self.artist(performer)
            g.add((node, SCHEMA.byArtist, person))
            if performer.character:
                role = URIRef(self.minter.node(film, "soundtrack", album.index, "track", track.position, "performer", i))
                g.add((node, KG.performerRole, role))
                g.add((role, RDF.type, SCHEMA.PerformanceRole))
                g.add((role, SCHEMA.actor, person))
                g.add((role, SCHEMA.characterName, en(performer.character)))
                g.add((role, SCHEMA.position, Literal(i)))
        if track.spoken and not (track.composers or track.lyricists or track.song):
            return node  # a dialogue excerpt records no composition
        if track.song is not None and track.song.is_global:
            song = self.entity(track.song, SCHEMA.MusicComposition, name=track.title)
        else:
            song = URIRef(self.minter.node(film, "soundtrack", album.index, "track", track.position, "composition"))
            g.add((song, RDF.type, SCHEMA.MusicComposition))
            g.add((song, SCHEMA.name, en(track.title)))
            if track.song is not None and track.song.title:
                g.add((song, RDFS.seeAlso, URIRef(wikipedia_url(track.song.title, track.song.section or None))))
        g.add((node, SCHEMA.recordingOf, song))
        for composer in track.composers:
            g.add((song, SCHEMA.composer, self.artist(composer)))
        for lyricist in track.lyricists:
            g.add((song, SCHEMA.lyricist, self.artist(lyricist)))
        return node

    def map_release(self, release: Release, index: int) -> None:
        g = self.g
        event = URIRef(self.minter.node(str(self.film), "release", index))
        g.add((self.film, SCHEMA.releasedEvent, event))
        g.add((event, RDF.type, SCHEMA.PublicationEvent))
        g.add((event, SCHEMA.startDate, date_literal(release.date)))
        if release.location is not None:
            g.add((event, SCHEMA.location, self.entity(release.location, SCHEMA.Place)))
        if release.kind:
            g.add((event, KG.releaseType, en(release.kind)))

    def map_money(self, money: Money, key: str) -> URIRef:
        g = self.g
        node = URIRef(self.minter.node(str(self.film), key))
        g.add((node, RDF.type, SCHEMA.MonetaryAmount))
        g.add((node, SCHEMA.currency, Literal(money.currency)))
        if money.value is not None:
            g.add((node, SCHEMA.value, _decimal(money.value)))
        else:
            g.add((node, SCHEMA.minValue, _decimal(money.min_value)))
            g.add((node, SCHEMA.maxValue, _decimal(money.max_value)))
        return node

    def map_based_on(self, based_on: BasedOn) -> None:
        g = self.g
        work_ref = based_on.work
        if work_ref.is_global:
            work = self.entity(work_ref, SCHEMA.Book)
        else:
            work = URIRef(self.minter.node(str(self.film), "work", work_ref.name))
            g.add((work, RDF.type, SCHEMA.Book))
            g.add((work, SCHEMA.name, en(work_ref.name)))
            if work_ref.section and work_ref.title:
                g.add((work, RDFS.seeAlso, URIRef(wikipedia_url(work_ref.title, work_ref.section))))
        g.add((self.film, SCHEMA.isBasedOn, work))
        for author in based_on.authors:
            g.add((work, SCHEMA.author, self.entity(author, SCHEMA.Person)))

    # -- provenance ---------------------------------------------------------
    def map_provenance(self) -> None:
        g, page = self.g, self.x.page
        graph = URIRef(self.graph_iri)
        article = URIRef(wikipedia_url(page.title))
        source = URIRef(revision_url(page.revid)) if page.revid is not None else article
        agent = URIRef(self.minter.software())
        g.add((graph, RDF.type, PROV.Entity))
        g.add((graph, PROV.wasDerivedFrom, source))
        g.add((graph, DCTERMS.source, article))
        g.add((graph, DCTERMS.license, URIRef(LICENSE)))
        g.add((graph, PROV.wasAttributedTo, agent))
        g.add((source, RDF.type, PROV.Entity))
        if page.revid is not None:
            g.add((source, KG.revisionId, Literal(page.revid)))
            g.add((source, DCTERMS.isVersionOf, article))
        if page.pageid is not None:
            g.add((source, KG.pageId, Literal(page.pageid)))
        if page.timestamp:
            g.add((source, PROV.generatedAtTime, Literal(page.timestamp, datatype=XSD.dateTime)))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, SCHEMA.name, en("kg")))
        g.add((agent, SCHEMA.softwareVersion, Literal(__version__)))

    def build(self) -> Graph:
        self.map_film(self.x.film)
        self.map_provenance()
        return self.g


def _duration(seconds: int) -> Literal:
    """An ``xsd:duration`` as the contract writes it ("111 minutes" → "PT111M"), kept verbatim."""
    return Literal(duration_to_xsd(seconds), datatype=XSD.duration, normalize=False)



def _decimal(value: Decimal | None) -> Literal:
    """An ``xsd:decimal`` in the lexical form Turtle writes back ("3500000.0"), so round trips are exact."""
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal, normalize=False)


def build_graph(extraction: Extraction, minter: Minter | None = None) -> Graph:
    """The RDF graph of one extracted article (its identifier is the article's named graph).

    :param extraction: from :func:`kg.extract.extract_page`.
    :param minter: mints IRIs under the base IRI (default base when omitted).
    """
    return GraphBuilder(extraction, minter or Minter()).build()


__all__ = ["build_graph", "new_graph", "GraphBuilder", "CREDIT_PROPERTIES"]
