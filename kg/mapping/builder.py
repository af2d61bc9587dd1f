"""The article's graph under construction: its film node, entity nodes and shared helpers.

The mapping functions of :mod:`kg.mapping` add triples through a :class:`GraphBuilder`;
it is the one place that decides an entity's node (global for a linked page, scoped to
the article otherwise) and gives it its name and Wikipedia link.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import __version__
from kg.iri import LICENSE, SOURCES, Minter, revision_url, wikidata_entity, wikipedia_url
from kg.link import LINKED, Link
from kg.link.classes import refusal
from kg.model import Extraction, Ref
from kg.staged import TripleSet
from kg.titles import spells_title, strip_disambiguator
from kg.values import PartialDate, duration_to_xsd
from kg.vocab import KG, PREFIXES, SCHEMA

DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def canonical_name(title: str, shown: str | None = None) -> str:
    """A linked entity's ``schema:name``: its page title without the disambiguator, the same
    in every article ("Sting (musician)" → "Sting"), so that a store of many articles gives
    the entity one name. The name an article shows, when it differs, is its ``kg:shownName``;
    when it is the title spelt with a lower-case first letter (:func:`~kg.titles.spells_title`:
    "bell hooks"), it is the name."""
    if shown and spells_title(shown, title):
        return shown
    return strip_disambiguator(title)


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


def duration(seconds: int) -> Literal:
    """An ``xsd:duration`` as the contract writes it ("111 minutes" → "PT111M"), kept verbatim."""
    return Literal(duration_to_xsd(seconds), datatype=XSD.duration, normalize=False)


def decimal(value: Decimal | None) -> Literal:
    """An ``xsd:decimal`` in the lexical form Turtle writes back ("3500000.0"), so round trips are exact."""
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal, normalize=False)


class GraphBuilder:
    """Builds one article's graph.

    :param extraction: what the extractors found (resolved: names chosen).
    :param minter: the IRI minter (base IRI).
    """

    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.minter = minter
        self.film = URIRef(minter.entity(extraction.title))
        self.graph_iri = minter.graph_of(extraction.page)
        #: the kind of source, in the IRIs of the nodes its sentences mint ("" for wikitext)
        self.source = SOURCES[extraction.page.format]
        #: the triples added so far (an rdflib graph only at the end: :meth:`graph`)
        self.g = TripleSet()
        #: the entities the article makes organisations (:func:`kg.resolve.settle_types`)
        self.organisations = extraction.organisations
        #: the entities the article makes music groups (:func:`kg.resolve.settle_types`)
        self.groups = extraction.groups
        #: nodes whose Wikidata link was decided
        self._linked: set[URIRef] = set()

    def graph(self) -> Graph:
        """The article's graph: the triples added, named by the article's graph IRI, with
        kg's prefixes bound."""
        return self.g.graph(self.graph_iri, PREFIXES)

    def node(self, *parts: str | int) -> URIRef:
        """A structural node under the film (``node("cast", 3)`` → ``…#cast/3``)."""
        return URIRef(self.minter.node(str(self.film), *parts))

    def entity(self, ref: Ref, cls: URIRef, name: str | None = None, shown: bool = True) -> URIRef:
        """The node of a named entity, typed ``cls``, with its name and Wikipedia link.

        A global entity is named by its page (:func:`canonical_name`); what the article shows
        for it, when different, is its ``kg:shownName``.

        :param name: another name the article gives a global entity (a song's title as the
            track listing writes it), kept as ``kg:shownName`` when it differs.
        :param shown: whether what the article shows is a name of the entity at all; a link's
            label in an accolades row ("[[Academy Award for Best Actor|Best Actor]]") or a
            release's place ("[[Cannes Film Festival|Cannes]]") is a short form the row's
            context completes, no name of its own.
        """
        g = self.g
        if cls in (SCHEMA.Person, SCHEMA.MusicGroup):
            k = ("title", ref.title) if ref.is_global else ("name", ref.name)
            if k in self.groups:
                cls = SCHEMA.MusicGroup  # a band credited with the film's music, or as a nominee
            elif cls == SCHEMA.MusicGroup:
                cls = SCHEMA.Person  # a group the cast credits: a cast role's performer is a person
            elif k in self.organisations:
                cls = SCHEMA.Organization  # a company credited in a person's role (a producer, a nominee)
        if ref.is_global:
            link = self.x.links.get(ref.title)
            title = link.title if link is not None else ref.title  # a redirect leads to its target
            node = URIRef(self.minter.entity(title))
            if (node, SCHEMA.name, None) not in g:
                label = self.x.names.get(ref.title, ref.name)
                canonical = canonical_name(title, label if shown else None)
                g.add((node, SCHEMA.name, en(canonical)))
                g.add((node, SCHEMA.sameAs, URIRef(wikipedia_url(title))))
                for also in dict.fromkeys(n for n in (name, label if shown else None) if n and n != canonical):
                    g.add((node, KG.shownName, en(also)))
            g.add((node, RDF.type, cls))
            if link is not None:
                self.same_as(node, link, cls)
            return node
        else:
            node = URIRef(self.minter.scoped(str(self.film), ref.name))
            if (node, SCHEMA.name, None) not in g:
                g.add((node, SCHEMA.name, en(ref.name)))
            if ref.section is not None and ref.title:
                g.add((node, RDFS.seeAlso, URIRef(wikipedia_url(ref.title, ref.section or None))))
        g.add((node, RDF.type, cls))
        return node

    def same_as(self, node: URIRef, link: Link, cls: URIRef, imdb: tuple[str, ...] = ()) -> None:
        """``owl:sameAs`` the link's Wikidata item, once per node, when the item's classes fit
        the node's type and (for the film) its IMDb id agrees with the article's; otherwise
        a warning that names both sides.

        :param imdb: the article's IMDb title ids (``tt0113627``), for the film.
        """
        if node in self._linked or link.status != LINKED or link.entry is None:
            return
        self._linked.add(node)
        entry = link.entry
        kind = str(cls).rsplit("/", 1)[-1]
        reason = refusal(kind, entry.classes, entry.imdb, imdb)
        if reason is not None:
            self.x.warnings.append(f"link: {link.title}: Wikidata {entry.qid} not linked: {reason}")
            return
        self.g.add((node, OWL.sameAs, URIRef(wikidata_entity(entry.qid))))

    def forget_link(self, node: URIRef) -> None:
        """Let :meth:`same_as` decide ``node``'s link again (its triples were taken back)."""
        self._linked.discard(node)

    def event(self, ref: Ref) -> URIRef:
        """An event the article names (a festival, a ceremony): a ``schema:Event`` named
        after its article when it links one ("[[Cannes Film Festival|Cannes]]" is the
        Cannes Film Festival), else as shown."""
        return self.entity(ref, SCHEMA.Event, shown=False)

    def map_provenance(self) -> None:
        """The named graph's provenance: the revision it was derived from, licence, exporter."""
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
        source_of_links = self.x.link_source
        if source_of_links is not None:
            links = URIRef(self.minter.node(self.graph_iri, "links"))
            g.add((graph, PROV.wasInfluencedBy, links))
            g.add((links, RDF.type, PROV.Entity))
            g.add((links, RDFS.label, en(source_of_links.label + (f" of {source_of_links.date}" if source_of_links.date else ""))))
            g.add((links, DCTERMS.source, URIRef(source_of_links.url)))
            if source_of_links.date:
                g.add((links, DCTERMS.date, Literal(source_of_links.date, datatype=XSD.date)))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, SCHEMA.name, en("kg")))
        g.add((agent, SCHEMA.softwareVersion, Literal(__version__)))
