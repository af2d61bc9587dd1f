"""The article's graph under construction: its film node, entity nodes and shared helpers.

The mapping functions of :mod:`kg.mapping` add triples through a :class:`GraphBuilder`;
it is the one place that decides an entity's node (global for a linked page, scoped to
the article otherwise) and gives it its name and Wikipedia link.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import DCTERMS, PROV, RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import __version__
from kg.iri import LICENSE, Minter, revision_url, wikipedia_url
from kg.model import Extraction, Ref
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
        self.graph_iri = minter.graph(extraction.title)
        self.g = new_graph(self.graph_iri)
        #: the entities the article makes organisations (:func:`kg.resolve.settle_types`)
        self.organisations = extraction.organisations

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
        if cls == SCHEMA.Person and (("title", ref.title) if ref.is_global else ("name", ref.name)) in self.organisations:
            cls = SCHEMA.Organization  # a company credited in a person's role (a producer, a nominee)
        if ref.is_global:
            node = URIRef(self.minter.entity(ref.title))
            if (node, SCHEMA.name, None) not in g:
                label = self.x.names.get(ref.title, ref.name)
                canonical = canonical_name(ref.title, label if shown else None)
                g.add((node, SCHEMA.name, en(canonical)))
                g.add((node, SCHEMA.sameAs, URIRef(wikipedia_url(ref.title))))
                for also in dict.fromkeys(n for n in (name, label if shown else None) if n and n != canonical):
                    g.add((node, KG.shownName, en(also)))
        else:
            node = URIRef(self.minter.scoped(str(self.film), ref.name))
            if (node, SCHEMA.name, None) not in g:
                g.add((node, SCHEMA.name, en(ref.name)))
            if ref.section is not None and ref.title:
                g.add((node, RDFS.seeAlso, URIRef(wikipedia_url(ref.title, ref.section or None))))
        g.add((node, RDF.type, cls))
        return node

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
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, SCHEMA.name, en("kg")))
        g.add((agent, SCHEMA.softwareVersion, Literal(__version__)))
