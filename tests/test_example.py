"""The bundled example, fact by fact: every fact its infobox, lead and Cast section
state about the film, its people and its roles, checked in the contract's terms with
plain SPARQL queries (CONTRACT.md's questions 1, 3, 5 and 6 among them).

Written from the article's wikitext (examples/leaving-las-vegas.api.json), not from
kg's output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from tests.helpers import extraction_of
from kg.mapping import build_graph
from kg.sources import read_pages
from kg.validate import validate

from .conftest import EXAMPLE

R = "https://w3id.org/kg-film/resource/"
FILM = URIRef(R + "Leaving_Las_Vegas")
PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX kg: <https://w3id.org/kg-film/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# The Cast section, in order: (actor's link target, shown name, character).
CAST = [
    ("Nicolas_Cage", "Nicolas Cage", "Ben Sanderson"),
    ("Elisabeth_Shue", "Elisabeth Shue", "Sera"),
    ("Julian_Sands", "Julian Sands", "Yuri Butsov"),
    ("Richard_Lewis_(comedian)", "Richard Lewis", "Peter"),
    ("Steven_Weber", "Steven Weber", "Marc Nussbaum"),
    ("Emily_Procter", "Emily Procter", "Debbie"),
    ("Valeria_Golino", "Valeria Golino", "Terri"),
    ("Thomas_Kopache", "Thomas Kopache", "Mr. Simpson"),
    ("Laurie_Metcalf", "Laurie Metcalf", "Mrs. Van Houten"),
    ("French_Stewart", "French Stewart", "Business Man #2"),
    ("R._Lee_Ermey", "R. Lee Ermey", "Conventioneer"),
    ("Mariska_Hargitay", "Mariska Hargitay", "Hooker at Bar"),
    ("Julian_Lennon", "Julian Lennon", "Bartender #3 in Biker Bar"),
    ("Graham_Beckel", "Graham Beckel", "L.A. Bartender"),
    ("Albert_Henderson_(actor)", "Albert Henderson", "Man at Strip Bar"),
    ("Carey_Lowell", "Carey Lowell", "Bank Teller"),
    ("Vincent_Ward_(director)", "Vincent Ward", "Businessman #1"),
    ("Lucinda_Jenney", "Lucinda Jenney", "Weird Woman"),
    ("Ed_Lauter", "Ed Lauter", "Mobster #3"),
    ("Mike_Figgis", "Mike Figgis", "Mobster #1"),
    ("Danny_Huston", "Danny Huston", "Bartender #2"),
    ("Shawnee_Smith", "Shawnee Smith", "Biker Girl"),
    ("Bob_Rafelson", "Bob Rafelson", "Man at Mall"),
    ("Marc_Coppola_(actor)", "Marc Coppola", "Dealer"),
    ("Michael_Goorjian", "Michael Goorjian", "College Boy #1"),
    ("Jeremy_Jordan_(singer,_born_1973)", "Jeremy Jordan", "College Boy #2"),
    ("Xander_Berkeley", "Xander Berkeley", "Cynical Cabbie"),
    ("Lou_Rawls", "Lou Rawls", "Concerned Cabbie"),
]


@pytest.fixture(scope="module")
def graph():
    (page,) = read_pages(str(EXAMPLE))
    return build_graph(extraction_of(page))


def values(graph, subject, predicate):
    return sorted(str(o) for o in graph.objects(subject, predicate))


def q(graph, query):
    return [tuple(str(v) if v is not None else None for v in row) for row in graph.query(PREFIXES + query)]


def test_example_conforms(graph):
    report = validate(graph)
    assert report.conforms, "\n".join(v.line() for v in report.violations)


def test_question_1_cast_in_credit_order(graph):
    rows = q(graph, """
        SELECT ?name ?character WHERE {
          <%s> kg:cast ?role . ?role schema:actor ?p ; schema:position ?pos .
          ?p schema:name ?name . OPTIONAL { ?role schema:characterName ?character }
        } ORDER BY ?pos""" % FILM)
    assert rows == [(name, character) for _, name, character in CAST]


def test_every_cast_member_is_an_actor_of_the_film(graph):
    actors = {str(o) for o in graph.objects(FILM, URIRef("http://schema.org/actor"))}
    assert {R + target for target, _, _ in CAST} <= actors


def test_credited_as(graph):
    rows = q(graph, "SELECT ?name ?as WHERE { ?role kg:creditedAs ?as ; schema:actor/schema:name ?name }")
    assert rows == [("Michael Goorjian", "Michael A. Goorjian")]


def test_question_3_people_in_more_than_one_capacity(graph):
    rows = q(graph, """
        SELECT ?name (COUNT(DISTINCT ?p) AS ?n) WHERE {
          VALUES ?p { schema:director schema:producer schema:musicBy schema:actor kg:screenwriter
                      kg:cinematographer kg:filmEditor }
          <%s> ?p ?person . ?person schema:name ?name
        } GROUP BY ?name HAVING (COUNT(DISTINCT ?p) > 1)""" % FILM)
    # Mike Figgis directs, writes the screenplay, scores and plays Mobster #1.
    assert rows == [("Mike Figgis", "4")]


def test_infobox_people_and_companies(graph):
    def names(prop):
        return sorted(str(n) for o in graph.objects(FILM, URIRef(prop)) for n in graph.objects(o, URIRef("http://schema.org/name")))

    s, k = "http://schema.org/", "https://w3id.org/kg-film/ontology#"
    assert names(s + "director") == ["Mike Figgis"]
    assert names(s + "producer") == ["Annie Stewart", "Lila Cazès"]
    assert names(k + "screenwriter") == ["Mike Figgis"]
    assert names(s + "musicBy") == ["Anthony Marinelli", "Mike Figgis"]
    assert names(k + "cinematographer") == ["Declan Quinn"]
    assert names(k + "filmEditor") == ["John Smith"]
    assert names(s + "productionCompany") == ["Lumiére Pictures", "United Artists"]
    assert names(k + "distributor") == ["MGM/UA Distribution Co."]


def test_unlinked_names_are_article_scoped_and_linked_ones_global(graph):
    editor = graph.value(FILM, URIRef("https://w3id.org/kg-film/ontology#filmEditor"))
    assert str(editor) == str(FILM) + "#name/John_Smith"
    figgis = URIRef(R + "Mike_Figgis")
    assert values(graph, figgis, URIRef("http://schema.org/sameAs")) == ["https://en.wikipedia.org/wiki/Mike_Figgis"]
    # a link to a section does not name the page's subject
    lumiere = URIRef(str(FILM) + "#name/Lumiére_Pictures")
    assert values(graph, lumiere, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso")) == [
        "https://en.wikipedia.org/wiki/StudioCanal#Film_library"
    ]
    assert (URIRef(R + "StudioCanal"), None, None) not in graph


def test_based_on_the_novel_and_its_author(graph):
    rows = q(graph, """SELECT ?book ?title ?author WHERE {
        <%s> schema:isBasedOn ?book . ?book a schema:Book ; schema:name ?title ; schema:author/schema:name ?author }""" % FILM)
    assert rows == [(R + "Leaving_Las_Vegas_(novel)", "Leaving Las Vegas", "John O'Brien")]


def test_releases_dates_runtime_country_language(graph):
    rows = q(graph, """SELECT ?date ?kind WHERE { <%s> schema:releasedEvent ?e .
        ?e a schema:PublicationEvent ; schema:startDate ?date ; kg:releaseType ?kind } ORDER BY ?date""" % FILM)
    assert rows == [("1995-10-27", "Limited"), ("1996-02-09", "Wide")]
    assert graph.value(FILM, URIRef("http://schema.org/datePublished")) == Literal("1995-10-27", datatype=XSD.date)
    assert str(graph.value(FILM, URIRef("http://schema.org/duration"))) == "PT111M"
    assert values(graph, FILM, URIRef("http://schema.org/inLanguage")) == ["en"]
    country = graph.value(FILM, URIRef("http://schema.org/countryOfOrigin"))
    assert str(graph.value(country, URIRef("http://schema.org/name"))) == "United States"


def test_budget_range_and_gross(graph):
    rows = q(graph, """SELECT ?cur ?min ?max WHERE { <%s> kg:budget ?b .
        ?b schema:currency ?cur ; schema:minValue ?min ; schema:maxValue ?max }""" % FILM)
    assert [(c, Decimal(a), Decimal(b)) for c, a, b in rows] == [("USD", Decimal(3_500_000), Decimal(4_000_000))]
    rows = q(graph, "SELECT ?cur ?v WHERE { <%s> kg:boxOffice ?b . ?b schema:currency ?cur ; schema:value ?v }" % FILM)
    assert [(c, Decimal(v)) for c, v in rows] == [("USD", Decimal(49_800_000))]


def test_description_image_genre_and_external_ids(graph):
    assert values(graph, FILM, URIRef("http://schema.org/description")) == ["1995 film by Mike Figgis"]
    assert values(graph, FILM, URIRef("http://schema.org/genre")) == ["drama"]
    assert values(graph, FILM, URIRef("http://schema.org/image")) == [
        "https://commons.wikimedia.org/wiki/Special:FilePath/Leaving_las_vegas_ver1.jpg"
    ]
    assert values(graph, FILM, URIRef("http://schema.org/sameAs")) == [
        "https://en.wikipedia.org/wiki/Leaving_Las_Vegas",
        "https://www.allmovie.com/movie/v135758",
        "https://www.imdb.com/title/tt0113627/",
        "https://www.rottentomatoes.com/m/leaving_las_vegas",
        "https://www.tcm.com/tcmdb/title/81142/",
    ]


def test_question_6_provenance(graph):
    rows = q(graph, """SELECT ?g ?src ?lic ?version WHERE {
        ?g prov:wasDerivedFrom ?src ; dcterms:license ?lic ; prov:wasAttributedTo/schema:softwareVersion ?version }""")
    from kg import __version__

    assert rows == [(
        "https://w3id.org/kg-film/graph/Leaving_Las_Vegas",
        "https://en.wikipedia.org/wiki/Leaving_Las_Vegas",  # the example has no revision id
        "https://creativecommons.org/licenses/by-sa/4.0/",
        __version__,
    )]
    assert graph.identifier == URIRef("https://w3id.org/kg-film/graph/Leaving_Las_Vegas")


def test_names_are_english_literals_without_markup(graph):
    for s, o in graph.subject_objects(URIRef("http://schema.org/name")):
        assert o.language == "en", s
        assert not any(mark in o for mark in ("[[", "]]", "{{", "}}", "<", "''")), o


def _readme_queries() -> list[tuple[str, str]]:
    from pathlib import Path
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Questions the graph answers", 1)[1].split("```sparql", 1)[1].split("```", 1)[0]
    parts = re.split(r"^# (\d)\. .*$", block, flags=re.M)
    return [(number, query.strip()) for number, query in zip(parts[1::2], parts[2::2], strict=True)]


README_QUERIES = _readme_queries()


@pytest.mark.parametrize(("number", "query"), README_QUERIES, ids=[f"readme-question-{n}" for n, _ in README_QUERIES])
def test_readme_questions_answer_over_the_example(number: str, query: str) -> None:
    """Every SPARQL query of the README runs over the example's export and answers."""
    from rdflib import Dataset

    from kg.iri import Minter
    from kg.serialize import Format, serialize

    extraction = extraction_of(read_pages(str(EXAMPLE))[0])
    if number == "5":  # linked, through the local API server of the tests
        from kg.link.wikidata import ApiSource, WikidataLinker
        from kg.sources.mwapi import Client

        from .wikiapi import WikiAPI, sample_wiki

        with WikiAPI(*sample_wiki()) as wiki:
            extraction = WikidataLinker(ApiSource(Client(wiki.url), Client(wiki.wikidata_url))).link(extraction)
    dataset = Dataset()
    dataset.parse(data=serialize(build_graph(extraction, Minter()), Format.NQUADS), format="nquads")
    prefixes = (
        "PREFIX schema: <http://schema.org/> PREFIX kg: <https://w3id.org/kg-film/ontology#> "
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
    )
    dataset.default_union = True
    rows = list(dataset.query(prefixes + query))
    assert rows, f"README question {number} has no answer over the example"
    assert {n for n, _ in README_QUERIES} == {"1", "2", "3", "4", "5", "6"}
