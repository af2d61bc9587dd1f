"""Accolades: the example's table row by row (written from the article's wikitext),
and table/list layouts on small snippets."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from tests.helpers import extraction_of
from kg.mapping import build_graph
from kg.model import Accolades, Page
from kg.parse import parse
from kg.extractors.awards import accolades_tables, table_rows
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
    assert [table_rows(t) for t in accolades_tables(code)] == [61]


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
    assert ("20/20 Awards – Best Actress", "20/20 Awards", "Leaving Las Vegas", "Nominated") in rows
    assert len(rows) == 13


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


def noms(text: str):
    x = extraction_of(page(text))
    return x, [
        (n.organisation.name if n.organisation else None, n.category.name if n.category else None,
         [r.name for r in n.nominees] or [F], n.result, n.rank)
        for n in x.part(Accolades).nominations
    ]


def test_rowspan_across_award_groups_and_result_before_recipient():
    _, rows = noms("""== Accolades ==
{| class="wikitable"
! Year !! Award !! Category !! Result !! Recipient(s)
|-
| rowspan="3" | 2001 || [[Alpha Awards]] || Best Actor || {{won}} || rowspan="2" | [[Ann Actor]]
|-
| rowspan="2" | Beta Awards || Best Lead || {{nom}}
|-
| Best Film || {{Nominated}} ||
|}""")
    assert rows == [
        ("Alpha Awards", "Best Actor", ["Ann Actor"], "won", None),
        ("Beta Awards", "Best Lead", ["Ann Actor"], "nominated", None),
        ("Beta Awards", "Best Film", [F], "nominated", None),
    ]


def test_header_cells_in_body_rows_and_references_column():
    x, rows = noms("""== Awards and nominations ==
{| class="wikitable plainrowheaders"
|+ Awards
! scope="col" | Award !! scope="col" | Date of ceremony !! scope="col" | Category !! scope="col" | Nominee(s) !! scope="col" | Result !! scope="col" | {{abbr|Ref.|Reference}}
|-
! scope="row" | [[Gamma Prize]]
| March 3, 2002 || Best Score || [[Cy Composer]] and Di Duet || {{draw|3rd place}} || <ref>x</ref>
|-
! scope="row" | Delta Awards
| 2002 || Best Song || "Some Song" || {{pending}} ||
|}""")
    assert rows == [
        ("Gamma Prize", "Best Score", ["Cy Composer", "Di Duet"], "placed", 3),
        ("Delta Awards", "Best Song", [F], "pending", None),
    ]
    assert x.part(Accolades).nominations[0].date.isoformat() == "2002-03-03"
    assert x.part(Accolades).nominations[1].notes == ('"Some Song"',)


def test_no_category_column_and_plain_text_results():
    x, rows = noms("""== Accolades ==
{| class="wikitable"
! Festival !! Recipient !! Result
|-
| [[Epsilon Festival]] || [[Dee Rector]] || Won
|-
| Zeta Festival || [[Dee Rector]] {{small|(shared with Ed Other)}} || Nominated
|-
| Eta Festival || Snippet || Runner-up
|}""")
    # with no Category column the Award column names the award itself
    assert [(n.organisation, n.category.name, [r.name for r in n.nominees] or [F], n.result, n.notes) for n in x.part(Accolades).nominations] == [
        (None, "Epsilon Festival", ["Dee Rector"], "won", ()),
        (None, "Zeta Festival", ["Dee Rector"], "nominated", ("shared with Ed Other",)),
        (None, "Eta Festival", [F], "runner-up", ()),
    ]
    assert x.part(Accolades).nominations[0].category.title == "Epsilon Festival"


def test_unreadable_result_keeps_the_row_and_warns():
    x, rows = noms("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| Theta Awards || Best Film || {{won}}
|-
| Iota Awards || Best Film || ?
|}""")
    assert [r[3] for r in rows] == ["won", "unknown"]
    assert any("cannot read the result" in w for w in x.warnings)
    assert validate(build_graph(x)).conforms


def test_spanned_result_cell_written_before_the_template():
    """``| rowspan=2 {{nom}}``: the template closes the attribute part (MediaWiki semantics)."""
    _, rows = noms("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Nominee !! Result
|-
| Kappa Awards || Best Film || ||rowspan=2 {{nom}}
|-
| Lambda Awards || Best Actor || [[Ann Actor]]
|}""")
    assert rows == [("Kappa Awards", "Best Film", [F], "nominated", None), ("Lambda Awards", "Best Actor", ["Ann Actor"], "nominated", None)]


def test_same_unlinked_category_at_two_ceremonies_is_two_awards_and_across_films_one():
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
    from rdflib import URIRef

    award = URIRef("https://w3id.org/kg-film/ontology#award")
    a1 = sorted(str(o) for o in g1.objects(None, award))
    a2 = sorted(str(o) for o in g2.objects(None, award))
    assert len(set(a1)) == 2
    assert a1 == a2


def test_accolades_as_a_list():
    _, rows = noms("""== Accolades ==
* 2005: [[Omicron List]] – Nominated
* The Pi Academy (1987)
** Won: Popularity Award - Most Popular Film
** Nominated: Music Award - Best Score ([[Cy Composer]])
* A line that states no outcome is context only
""")
    assert rows == [
        ("Omicron List", None, [F], "nominated", None),
        ("The Pi Academy", "Popularity Award - Most Popular Film", [F], "won", None),
        ("The Pi Academy", "Music Award - Best Score", ["Cy Composer"], "nominated", None),
    ]


def test_a_category_linked_to_its_ceremony_article_in_a_list():
    """"[[11th Rho Awards|Outstanding Production]]": the category is what the link shows,
    the linked article is the ceremony (not an award named after the ceremony)."""
    x, rows = noms("""== Accolades ==
=== Rho Awards ===
;Nominations
* [[11th Rho Awards|Outstanding Production]]: [[Sigma Pictures]]
* [[Rho Award for Best Director|Best Directing]]: [[Dee Rector]]
""")
    assert rows == [
        ("Rho Awards", "Outstanding Production", ["Sigma Pictures"], "nominated", None),
        ("Rho Awards", "Best Directing", ["Dee Rector"], "nominated", None),
    ]
    assert [n.ceremony.title if n.ceremony else None for n in x.part(Accolades).nominations] == ["11th Rho Awards", None]


def test_a_category_linked_to_its_ceremony_article_in_a_table():
    x, rows = noms("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| [[Tau Awards]] || [[1999 Tau Awards|Best Picture]] || {{won}}
|-
| [[Tau Awards]] || [[1999 Tau Awards#Best Actor|Best Actor]] || {{nom}}
|}""")
    assert rows == [
        ("Tau Awards", "Best Picture", [F], "won", None),
        ("Tau Awards", "Best Actor", [F], "nominated", None),
    ]
    assert [n.ceremony.title if n.ceremony else None for n in x.part(Accolades).nominations] == ["1999 Tau Awards", None]


def test_no_markup_in_any_literal_of_the_example(example):
    graph = build_graph(example)
    for _, _, o in graph:
        if hasattr(o, "language") and o.language:
            assert not any(m in o for m in ("[[", "]]", "{{", "}}", "<ref", "''")), o


def test_as_and_for_after_a_nominee_are_notes():
    x, rows = noms("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Recipient !! Result
|-
| Phi Awards || Best Voice Actor || [[Rumi Hiiragi]] as Chihiro || {{won}}
|-
| Phi Awards || Male Vocalist || [[Rahat Khan]] for "[[Mere Song#2017 version|Mere Song]]" || {{nom}}
|}""")
    assert rows == [
        ("Phi Awards", "Best Voice Actor", ["Rumi Hiiragi"], "won", None),
        ("Phi Awards", "Male Vocalist", ["Rahat Khan"], "nominated", None),
    ]
    assert [n.notes for n in x.part(Accolades).nominations] == [("as Chihiro",), ('for "Mere Song"',)]


def test_a_link_to_an_invalid_title_is_text():
    """"[[&#91;&#91;X]]" is no link in MediaWiki (a title cannot hold "["): its text names the award."""
    x, rows = noms("""== Accolades ==
{| class="wikitable"
! Award !! Category !! Result
|-
| [[&#91;&#91;Omega Awards]] || Best Actor || {{won}}
|}""")
    assert rows == [("Omega Awards", "Best Actor", [F], "won", None)]
    assert x.part(Accolades).nominations[0].organisation.title is None
    names = [str(o) for o in build_graph(x).objects(None, URIRef("http://schema.org/name"))]
    assert "Omega Awards – Best Actor" in names and not [n for n in names if "[" in n]
