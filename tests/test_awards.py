"""Accolades: the example's table row by row (written from the article's wikitext), and
the graph built from accolades. Table and list layouts as the awards extractor alone reads
them are case files: tests/extractors/awards/*.kgtest."""

from __future__ import annotations

import pytest
from rdflib import RDF, URIRef

from tests.helpers import extraction_of
from kg.mapping import build_graph
from kg.model import Accolades, Page
from kg.wikitext import parse
from kg.extractors.awards import accolades_tables
from kg.report import count_table_rows
from kg.wikitext import Table
from kg.sources import read_pages
from kg.validate import validate

from .conftest import EXAMPLE

F = "FILM"  # the row names no one: the nominee is the film itself
FIGGIS, CAGE, SHUE = "Mike Figgis", "Nicolas Cage", "Elisabeth Shue"

# (award column as shown, category as shown, nominees, result, rank) — one per table row.
EXAMPLE_ROWS = [
    ("20/20 Awards", "Best Actor", [CAGE], "won", None),
    ("20/20 Awards", "Best Actress", [SHUE], "nominated", None),
    ("20/20 Awards", "Best Adapted Screenplay", [FIGGIS], "nominated", None),
    ("Academy Awards", "Best Director", [FIGGIS], "nominated", None),
    ("Academy Awards", "Best Actor", [CAGE], "won", None),
    ("Academy Awards", "Best Actress", [SHUE], "nominated", None),
    ("Academy Awards", "Best Screenplay – Based on Material Previously Produced or Published", [FIGGIS], "nominated", None),
    ("Awards Circuit Community Awards", "Best Motion Picture", ["Lila Cazès", "Annie Stewart"], "nominated", None),
    ("Awards Circuit Community Awards", "Best Director", [FIGGIS], "nominated", None),
    ("Awards Circuit Community Awards", "Best Actor in a Leading Role", [CAGE], "won", None),
    ("Awards Circuit Community Awards", "Best Actress in a Leading Role", [SHUE], "won", None),
    ("Awards Circuit Community Awards", "Best Adapted Screenplay", [FIGGIS], "nominated", None),
    ("Boston Society of Film Critics Awards", "Best Actor", [CAGE], "won", None),
    ("British Academy Film Awards", "Best Actor in a Leading Role", [CAGE], "nominated", None),
    ("British Academy Film Awards", "Best Actress in a Leading Role", [SHUE], "nominated", None),
    ("British Academy Film Awards", "Best Adapted Screenplay", [FIGGIS], "nominated", None),
    ("Chicago Film Critics Association Awards", "Best Director", [FIGGIS], "nominated", None),
    ("Chicago Film Critics Association Awards", "Best Actor", [CAGE], "won", None),
    ("Chicago Film Critics Association Awards", "Best Actress", [SHUE], "won", None),
    ("Chlotrudis Awards", "Best Actor", [CAGE], "nominated", None),
    ("Chlotrudis Awards", "Best Actress", [SHUE], "nominated", None),
    ("Critics' Choice Awards", "Best Actor", [CAGE], "nominated", None),
    ("Dallas-Fort Worth Film Critics Association Awards", "Best Picture", [F], "won", None),
    ("Dallas-Fort Worth Film Critics Association Awards", "Best Director", [FIGGIS], "won", None),
    ("Dallas-Fort Worth Film Critics Association Awards", "Best Actor", [CAGE], "won", None),
    ("Dallas-Fort Worth Film Critics Association Awards", "Best Actress", [SHUE], "won", None),
    ("Directors Guild of America Awards", "Outstanding Directorial Achievement in Motion Pictures", [FIGGIS], "nominated", None),
    ("Golden Globe Awards", "Best Motion Picture – Drama", [F], "nominated", None),
    ("Golden Globe Awards", "Best Actor in a Motion Picture – Drama", [CAGE], "won", None),
    ("Golden Globe Awards", "Best Actress in a Motion Picture – Drama", [SHUE], "nominated", None),
    ("Golden Globe Awards", "Best Director – Motion Picture", [FIGGIS], "nominated", None),
    ("Independent Spirit Awards", "Best Film", [F], "won", None),
    ("Independent Spirit Awards", "Best Director", [FIGGIS], "won", None),
    ("Independent Spirit Awards", "Best Male Lead", [CAGE], "nominated", None),
    ("Independent Spirit Awards", "Best Female Lead", [SHUE], "won", None),
    ("Independent Spirit Awards", "Best Screenplay", [FIGGIS], "nominated", None),
    ("Independent Spirit Awards", "Best Cinematography", ["Declan Quinn"], "won", None),
    ("Jupiter Awards", "Best International Actor", [CAGE], "won", None),
    ("Los Angeles Film Critics Association Awards", "Best Film", [F], "won", None),
    ("Los Angeles Film Critics Association Awards", "Best Director", [FIGGIS], "won", None),
    ("Los Angeles Film Critics Association Awards", "Best Actor", [CAGE], "won", None),
    ("Los Angeles Film Critics Association Awards", "Best Actress", [SHUE], "won", None),
    ("Los Angeles Film Critics Association Awards", "Best Screenplay", [FIGGIS], "runner-up", None),
    ("National Board of Review Awards", "Top Ten Films", [F], "placed", 4),
    ("National Board of Review Awards", "Best Actor", [CAGE], "won", None),
    ("National Society of Film Critics Awards", "Best Director", [FIGGIS], "won", None),
    ("National Society of Film Critics Awards", "Best Actor", [CAGE], "won", None),
    ("National Society of Film Critics Awards", "Best Actress", [SHUE], "won", None),
    ("New York Film Critics Circle Awards", "Best Film", [F], "won", None),
    ("New York Film Critics Circle Awards", "Best Director", [FIGGIS], "placed", 2),
    ("New York Film Critics Circle Awards", "Best Actor", [CAGE], "won", None),
    ("New York Film Critics Circle Awards", "Best Actress", [SHUE], "placed", 2),
    ("San Sebastián International Film Festival", "Golden Shell", [FIGGIS], "nominated", None),
    ("San Sebastián International Film Festival", "Best Director", [FIGGIS], "won", None),
    ("San Sebastián International Film Festival", "Best Actor", [CAGE], "won", None),
    ("Sant Jordi Awards", "Best Foreign Actor", [CAGE], "nominated", None),
    ("Screen Actors Guild Awards", "Outstanding Performance by a Male Actor in a Leading Role", [CAGE], "won", None),
    ("Screen Actors Guild Awards", "Outstanding Performance by a Female Actor in a Leading Role", [SHUE], "nominated", None),
    ("Society of Texas Film Critics Awards", "Best Actor", [CAGE], "won", None),
    ("Turkish Film Critics Association Awards", "Best Foreign Film", [F], "placed", 10),
    ("Writers Guild of America Awards", "Best Screenplay – Based on Material Previously Produced or Published", [FIGGIS], "nominated", None),
]


@pytest.fixture(scope="module")
def example():
    (page,) = read_pages(str(EXAMPLE))
    return extraction_of(page)


def _row(nom):
    nominees = [r.name for r in nom.nominees] or [F]
    return (nom.organisation.name, nom.category.name, nominees, nom.result, nom.rank)


def test_example_table_row_by_row(example):
    rows = [_row(n) for n in example.part(Accolades).nominations]
    assert len(rows) == len(EXAMPLE_ROWS) == 61
    for i, (actual, expected) in enumerate(zip(rows, EXAMPLE_ROWS), start=1):
        assert actual == expected, f"row {i}"


def test_example_row_links_and_notes(example):
    noms = example.part(Accolades).nominations
    assert noms[3].organisation.title == "68th Academy Awards"
    assert noms[4].category.title == "Academy Award for Best Actor"
    assert noms[37].notes == ("also for The Rock",)
    assert noms[37].organisation.section == "19th Jupiter Award / 1997"
    assert noms[0].organisation.title is None and noms[0].category.title is None


def test_example_table_rows_match_nominations(example):
    code = parse(example.page.text)
    assert [sum(1 for row in t.body if not Table.is_subheading(row)) for t in accolades_tables(code)] == [61]
    assert count_table_rows(example.page.text) == 61  # kg report's own count agrees


Q2 = """PREFIX schema: <http://schema.org/>
PREFIX kg: <https://w3id.org/kg-film/ontology#>
SELECT ?award ?ceremony ?film ?result WHERE {
  ?n kg:nominee ?p ; kg:award/schema:name ?award ; kg:forWork/schema:name ?film ; kg:result ?result .
  ?p schema:name "Elisabeth Shue"@en .
  OPTIONAL { ?n kg:ceremony/schema:name ?ceremony }
} ORDER BY ?award"""


def test_question_2_awards_of_a_person(example):
    graph = build_graph(example)
    rows = [(str(a), str(c), str(f), str(r).rsplit("#", 1)[1]) for a, c, f, r in graph.query(Q2)]
    assert ("Academy Award for Best Actress", "68th Academy Awards", "Leaving Las Vegas", "Nominated") in rows
    assert ("Independent Spirit Award for Best Female Lead", "11th Independent Spirit Awards", "Leaving Las Vegas", "Won") in rows
    # the 20/20 Awards rows give no year: the award is the body's, no ceremony is invented
    assert ("20/20 Awards – Best Actress", "None", "Leaving Las Vegas", "Nominated") in rows
    assert len(rows) == 13


def test_a_body_without_a_year_names_no_ceremony_a_dated_row_or_a_ceremony_name_does():
    """Issue 10, item 5: "no ceremony is invented". A row naming only the awarding body,
    linked or not, with nothing dating it has its award and no kg:ceremony; the same body
    with a Date column, or a cell naming one ceremony ("1996 Xi Awards", "[[3rd Omicron
    Awards]]"), is that ceremony."""
    x = extraction_of(page("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| Xi Awards || Best Film || {{won}}
|-
| [[Pi Society|Pi Awards]] || Best Actor || {{nom}}
|-
| 1996 Xi Awards || Best Actress || {{nom}}
|-
| [[3rd Omicron Awards]] || Best Score || {{won}}
|}
{| class="wikitable"
! Award !! Date !! Category !! Result
|-
| Rho Awards || March 3, 1997 || Best Film || {{won}}
|}"""))
    g = build_graph(x)
    assert validate(g).conforms
    q = """PREFIX schema: <http://schema.org/> PREFIX kg: <https://w3id.org/kg-film/ontology#>
    SELECT ?award ?ceremony WHERE { ?n kg:award/schema:name ?award .
      OPTIONAL { ?n kg:ceremony/schema:name ?ceremony } }"""
    rows = {(str(a), str(c) if c is not None else None) for a, c in g.query(q)}
    assert rows == {
        ("Xi Awards – Best Film", None),
        ("Pi Awards – Best Actor", None),
        ("Xi Awards – Best Actress", "1996 Xi Awards"),
        ("3rd Omicron Awards – Best Score", "3rd Omicron Awards"),
        ("Rho Awards – Best Film", "Rho Awards 1997"),
    }
    events = set(g.subjects(RDF.type, URIRef("http://schema.org/Event")))
    assert len(events) == 3


def test_win_gives_the_nominee_schema_award(example):
    graph = build_graph(example)
    from rdflib import URIRef

    cage = URIRef("https://w3id.org/kg-film/resource/Nicolas_Cage")
    awards = {str(o) for o in graph.objects(cage, URIRef("http://schema.org/award"))}
    assert "Academy Award for Best Actor" in awards
    assert "20/20 Awards – Best Actor" in awards
    assert "BAFTA Award for Best Actor in a Leading Role" not in awards  # only nominated
    film = URIRef("https://w3id.org/kg-film/resource/Leaving_Las_Vegas")
    assert "Independent Spirit Award for Best Film" in {str(o) for o in graph.objects(film, URIRef("http://schema.org/award"))}
    assert validate(graph).conforms


def page(text: str, title: str = "Snippet") -> Page:
    infobox = "{{Infobox film\n| name = Snippet\n| director = [[Dee Rector]]\n}}\n"
    return Page(title=title, text=infobox + text, source="snippet.wiki")


def test_no_markup_in_any_literal_of_the_example(example):
    graph = build_graph(example)
    for _, _, o in graph:
        if hasattr(o, "language") and o.language:
            assert not any(m in o for m in ("[[", "]]", "{{", "}}", "<ref", "''")), o


# What the awards extractor reads from table and list snippets is checked by the case
# files tests/extractors/awards/*.kgtest; the tests below check the graph built from it.


def test_an_unreadable_result_maps_to_a_conforming_graph():
    """The row kept with result "unknown" (result-words.kgtest: unreadable-result-is-kept-and-warned) validates."""
    x = extraction_of(page("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| Theta Awards || Best Film || {{won}}
|-
| Iota Awards || Best Film || ?
|}"""))
    assert [n.result for n in x.part(Accolades).nominations] == ["won", "unknown"]
    assert validate(build_graph(x)).conforms


def test_same_unlinked_category_at_two_ceremonies_is_two_awards_each_article_its_own():
    """An unlinked award is a name of the article it appears in (CONTRACT.md, Identity):
    two ceremonies' "Best Actor" are two awards, and another film's are its own."""
    text = """== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| Mu Awards || Best Actor || {{won}}
|-
| Nu Awards || Best Actor || {{nom}}
|}"""
    g1 = build_graph(extraction_of(page(text, "Film One")))
    g2 = build_graph(extraction_of(page(text, "Film Two")))
    award = URIRef("https://w3id.org/kg-film/ontology#award")
    a1 = sorted(str(o) for o in g1.objects(None, award))
    a2 = sorted(str(o) for o in g2.objects(None, award))
    assert len(set(a1)) == 2 and len(set(a2)) == 2
    assert not set(a1) & set(a2)
    assert all(a.startswith("https://w3id.org/kg-film/resource/Film_One#award/") for a in a1)


def test_a_link_to_an_invalid_title_names_the_award_in_the_graph():
    """"[[&#91;&#91;X]]" is no link (categories-and-ceremonies.kgtest: link-to-an-invalid-title-is-text):
    the award is named after its text, and no name holds markup."""
    x = extraction_of(page("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| [[&#91;&#91;Omega Awards]] || Best Actor || {{won}}
|}"""))
    names = [str(o) for o in build_graph(x).objects(None, URIRef("http://schema.org/name"))]
    assert "Omega Awards – Best Actor" in names and not [n for n in names if "[" in n]
