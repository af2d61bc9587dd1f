"""Vocabulary: the namespaces and terms the export uses, and the prefixes it binds.

``SCHEMA`` is ``http://schema.org/`` (CONTRACT.md: not rdflib's https ``SDO``).
Both ``SCHEMA`` and ``KG`` are closed: an unknown term raises ``AttributeError``,
so a typo fails at import time instead of minting a wrong IRI. ``KG`` lists exactly
the terms of ``ontology/kg.ttl`` (a test keeps the two equal).
"""

from __future__ import annotations

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, XSD, Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

KG_IRI = "https://w3id.org/kg-film/ontology#"
SCHEMA_IRI = "http://schema.org/"
WD = Namespace("http://www.wikidata.org/entity/")
#: W3C Web Annotation: a sentence's place in its source, as a text-position selector's
OA = Namespace("http://www.w3.org/ns/oa#")


class SCHEMA(DefinedNamespace):
    """The schema.org terms kg emits (http namespace)."""

    _NS = Namespace(SCHEMA_IRI)
    _fail = True

    # classes
    Movie: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    Book: URIRef
    PerformanceRole: URIRef
    PublicationEvent: URIRef
    MonetaryAmount: URIRef
    ImageObject: URIRef
    MusicGroup: URIRef
    MusicAlbum: URIRef
    MusicRecording: URIRef
    MusicComposition: URIRef
    Event: URIRef
    SoundtrackAlbum: URIRef
    AggregateRating: URIRef
    # properties
    name: URIRef
    alternateName: URIRef
    description: URIRef
    genre: URIRef
    director: URIRef
    producer: URIRef
    musicBy: URIRef
    actor: URIRef
    productionCompany: URIRef
    isBasedOn: URIRef
    author: URIRef
    releasedEvent: URIRef
    startDate: URIRef
    location: URIRef
    superEvent: URIRef
    datePublished: URIRef
    duration: URIRef
    countryOfOrigin: URIRef
    inLanguage: URIRef
    image: URIRef
    contentUrl: URIRef
    caption: URIRef
    sameAs: URIRef
    url: URIRef
    characterName: URIRef
    position: URIRef
    currency: URIRef
    value: URIRef
    minValue: URIRef
    maxValue: URIRef
    award: URIRef
    albumProductionType: URIRef
    numTracks: URIRef
    track: URIRef
    byArtist: URIRef
    recordingOf: URIRef
    composer: URIRef
    lyricist: URIRef
    recordLabel: URIRef
    softwareVersion: URIRef
    abstract: URIRef
    aggregateRating: URIRef
    ratingValue: URIRef
    bestRating: URIRef
    reviewCount: URIRef


class KG(DefinedNamespace):
    """The project's own ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(KG_IRI)
    _fail = True

    # classes and individuals
    Nomination: URIRef
    Award: URIRef
    NominationResult: URIRef
    Won: URIRef
    Nominated: URIRef
    RunnerUp: URIRef
    Placed: URIRef
    Pending: URIRef
    Honored: URIRef
    UnknownResult: URIRef
    Sentence: URIRef
    Merge: URIRef
    Conflict: URIRef
    Claim: URIRef
    # object properties
    screenwriter: URIRef
    storyBy: URIRef
    narrator: URIRef
    cinematographer: URIRef
    filmEditor: URIRef
    distributor: URIRef
    budget: URIRef
    boxOffice: URIRef
    cast: URIRef
    soundtrack: URIRef
    performerRole: URIRef
    forWork: URIRef
    nominee: URIRef
    award: URIRef
    ceremony: URIRef
    result: URIRef
    statedIn: URIRef
    mergeOf: URIRef
    conflict: URIRef
    claim: URIRef
    claimedIn: URIRef
    inSentence: URIRef
    # datatype properties
    creditedAs: URIRef
    shownName: URIRef
    voiceRole: URIRef
    releaseType: URIRef
    alternativeDuration: URIRef
    rank: URIRef
    note: URIRef
    headline: URIRef
    revisionId: URIRef
    pageId: URIRef
    section: URIRef


# The only prefixes bound in every output (Turtle, JSON-LD context, TriG).
PREFIXES: dict[str, str] = {
    "schema": SCHEMA_IRI,
    "kg": KG_IRI,
    "wd": str(WD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "oa": str(OA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
