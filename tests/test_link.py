"""The link stage and what the map stage makes of it: owl:sameAs to Wikidata when the
item fits, warnings naming both sides when it does not, redirects as identity, the
links' source in the provenance, and byte-identical output from the same source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import OWL, RDF, URIRef

from kg.link import DISAMBIGUATION, LINKED, MISSING, NO_ITEM, Link, LinkSource
from kg.link.classes import misfit
from kg.link.entry import Entry, entry_from_entity
from kg.link.wikidata import WikidataLinker
from kg.model import Page
from kg.pipeline import Options, process_page
from kg.serialize import Format, serialize

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
WD = "http://www.wikidata.org/entity/"
RES = "https://w3id.org/kg-film/resource/"
SCHEMA = "http://schema.org/"

ARTICLE = """{{Infobox film
| name = Test Film
| director = [[Dee Rector]]
| starring = [[Nic Cage]]<br>[[Ann Actor]]
| country = United States
}}
'''''Test Film''''' is a 1995 American drama film directed by [[Dee Rector]].

== Cast ==
* [[Nic Cage]] as Ben
* [[Ann Actor]] as Sera
* [[Wrong Type]] as Extra

== External links ==
* {{IMDb title|0113627|Test Film}}
"""


class FakeSource:
    """A link source answering from a dict, counting what it is asked."""

    def __init__(self, links: dict[str, Link], date: str | None = "2026-11-24") -> None:
        self.links = links
        self.date = date
        self.asked: list[list[str]] = []

    def resolve(self, titles):
        self.asked.append(list(titles))
        return {t: (self.links.get(t, Link(t, NO_ITEM)), self.date) for t in titles}

    def source(self, date):
        return LinkSource("Wikidata dump test-all.json.gz", "https://dumps.wikimedia.org/wikidatawiki/entities/test-all.json.gz", date)

    def close(self):
        pass


def item(qid: str, title: str, *classes: str, imdb: tuple[str, ...] = ()) -> Entry:
    return Entry(qid, title, classes, imdb)


LINKS = {
    "Test Film": Link("Test Film", LINKED, item("Q100", "Test Film", "Q11424", imdb=("tt0113627",))),
    "Dee Rector": Link("Dee Rector", LINKED, item("Q101", "Dee Rector", "Q5")),
    "Nic Cage": Link("Nicolas Cage", LINKED, item("Q102", "Nicolas Cage", "Q5")),  # a redirect
    "Ann Actor": Link("Ann Actor", DISAMBIGUATION),
    "Wrong Type": Link("Wrong Type", LINKED, item("Q103", "Wrong Type", "Q11424")),
    "United States": Link("United States", LINKED, item("Q30", "United States", "Q3624078", "Q6256")),
}


def export(text: str = ARTICLE, links: dict[str, Link] = LINKS, title: str = "Test Film", linker: WikidataLinker | None = None):
    linker = linker or WikidataLinker(FakeSource(links))
    result = process_page(Page(title=title, text=text, source="test.wiki", revid=7, timestamp="2026-01-01T00:00:00Z"), Options(linker=linker))
    assert result.error is None, result.error
    return result


def same_as(graph) -> dict[str, str]:
    return {str(s).removeprefix(RES): str(o).removeprefix(WD) for s, o in graph.subject_objects(OWL.sameAs)}


def test_entities_whose_items_fit_are_linked() -> None:
    result = export()
    assert same_as(result.graph) == {"Test_Film": "Q100", "Dee_Rector": "Q101", "Nicolas_Cage": "Q102", "United_States": "Q30"}
    assert result.conforms, [v.line() for v in result.report.violations]


def test_an_item_of_the_wrong_class_is_not_linked_and_both_sides_are_named() -> None:
    result = export()
    assert "link: Wrong Type: Wikidata Q103 not linked: it is no human (instance of film (Q11424))" in result.warnings
    assert (URIRef(RES + "Wrong_Type"), OWL.sameAs, None) not in result.graph


def test_a_film_whose_imdb_id_contradicts_the_article_is_not_linked() -> None:
    links = {**LINKS, "Test Film": Link("Test Film", LINKED, item("Q100", "Test Film", "Q11424", imdb=("tt9999999",)))}
    result = export(links=links)
    assert "link: Test Film: Wikidata Q100 not linked: its IMDb id is tt9999999, the article's tt0113627" in result.warnings
    assert "Test_Film" not in same_as(result.graph)


def test_a_redirect_is_its_target() -> None:
    """[[Nic Cage]] (a redirect) and [[Nicolas Cage]] in two articles are one node, named
    by the target's title; the article's spelling stays as its kg:shownName."""
    first = export()
    other = ARTICLE.replace("Test Film", "Other Film").replace("[[Nic Cage]]", "[[Nicolas Cage]]").replace("0113627", "0000001")
    links = {**LINKS, "Nicolas Cage": Link("Nicolas Cage", LINKED, item("Q102", "Nicolas Cage", "Q5")),
             "Other Film": Link("Other Film", NO_ITEM)}
    second = export(other, links, title="Other Film")
    node = URIRef(RES + "Nicolas_Cage")
    for result in (first, second):
        assert (node, RDF.type, URIRef(SCHEMA + "Person")) in result.graph
        assert (URIRef(RES + "Nic_Cage"), None, None) not in result.graph
    names = {str(o) for o in first.graph.objects(node, URIRef(SCHEMA + "name"))}
    shown = {str(o) for o in first.graph.objects(node, URIRef("https://w3id.org/kg-film/ontology#shownName"))}
    assert names == {"Nicolas Cage"} and shown == {"Nic Cage"}


def test_unlinked_titles_make_no_same_as() -> None:
    links = {t: Link(t, status) for t, status in (("Test Film", MISSING), ("Dee Rector", NO_ITEM), ("Nic Cage", DISAMBIGUATION))}
    result = export(links=links)
    assert same_as(result.graph) == {}
    assert not [w for w in result.warnings if w.startswith("link:")]


def test_the_provenance_names_the_source_of_links_and_its_date_not_the_clock() -> None:
    turtle = serialize(export().graph, Format.TURTLE).decode("utf-8")
    assert "prov:wasInfluencedBy <https://w3id.org/kg-film/graph/Test_Film#links>" in turtle
    assert '"2026-11-24"^^xsd:date' in turtle
    assert "Wikidata dump test-all.json.gz of 2026-11-24" in turtle


def test_the_same_source_gives_byte_identical_output() -> None:
    assert serialize(export().graph, Format.NTRIPLES) == serialize(export().graph, Format.NTRIPLES)


def test_a_linker_asks_once_per_title_per_run() -> None:
    source = FakeSource(LINKS)
    linker = WikidataLinker(source)
    export(linker=linker)
    export(linker=linker)
    asked = [t for batch in source.asked for t in batch]
    assert len(asked) == len(set(asked))
    assert {"Test Film", "Dee Rector", "Nic Cage", "Ann Actor", "Wrong Type"} <= set(asked)


@pytest.mark.parametrize(
    ("kind", "classes", "fits"),
    [
        ("Person", ("Q5",), True),
        ("Person", ("Q11424",), False),
        ("Person", (), False),
        ("Movie", ("Q11424",), True),
        ("Movie", ("Q202866",), True),  # animated film
        ("Movie", ("Q5",), False),
        ("Movie", ("Q4167410",), False),  # a disambiguation page
        ("Organization", ("Q4830453",), True),  # business
        ("Organization", ("Q5",), False),
        ("Country", ("Q6256",), True),
        ("Award", ("Q11424",), False),
        ("Event", ("Q13406463",), False),  # a list article
    ],
)
def test_which_classes_fit_which_nodes(kind: str, classes: tuple[str, ...], fits: bool) -> None:
    assert (misfit(kind, classes) is None) is fits


def test_entries_from_real_wikidata_json() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus absent")
    adams = entry_from_entity(json.loads((CORPUS / "wikidata" / "Q42_Douglas_Adams.json").read_text())["entities"]["Q42"])
    assert (adams.qid, adams.title, adams.classes, adams.imdb) == ("Q42", "Douglas Adams", ("Q5",), ("nm0010930",))
    film = entry_from_entity(json.loads((CORPUS / "wikidata" / "Q2262932_City_Streets.json").read_text()))
    assert film.title == "City Streets (1931 film)" and film.classes == ("Q11424",)
    assert film.durations == (("82", "Q7727"),) and film.dates == (("+1931-01-01T00:00:00Z", 9),)
    assert film.directors == ("Q51472",) and len(film.cast) == 9


def test_non_items_give_no_entry() -> None:
    assert entry_from_entity({"type": "property", "id": "P31"}) is None
    assert entry_from_entity({"type": "item", "id": "Q1", "sitelinks": {}}) is None
    assert entry_from_entity({"id": "Q999", "missing": ""}) is None
