"""Graph-level rules of the reading: one type per node, companies never people, what a
real article gives always conforms."""

from __future__ import annotations

from rdflib import RDF, URIRef

from kg.model import Page
from kg.pipeline import process_page
from kg.vocab import KG, SCHEMA

BASE = "https://w3id.org/kg-film/resource/"


def export(text: str, title: str = "Test Film"):
    result = process_page(Page(title=title, text=text, source="test.wiki"))
    assert result.error is None, result.error
    return result


def types(result, name: str) -> set[URIRef]:
    nodes = [s for s, o in result.graph.subject_objects(SCHEMA.name) if str(o) == name]
    assert nodes, name
    return {t for n in nodes for t in result.graph.objects(n, RDF.type)}


def test_two_official_websites_conform() -> None:
    result = export(
        "{{Infobox film\n| name = Test Film\n| website = {{Official website|https://example.org/}}\n}}\n"
        "== External links ==\n* {{Official website|https://example.jp/}}\n"
    )
    assert result.conforms, [v.line() for v in result.report.violations]
    assert len(set(result.graph.objects(URIRef(BASE + "Test_Film"), SCHEMA.url))) == 2


def test_a_company_credited_as_producer_is_an_organisation() -> None:
    result = export(
        "{{Infobox film\n| name = Test Film\n| producer = Rajshri Productions\n| studio = Rajshri Productions\n}}\n"
    )
    assert types(result, "Rajshri Productions") == {SCHEMA.Organization}
    assert result.conforms


def test_a_studio_linking_a_persons_page_is_not_that_person() -> None:
    """[[James Vallo|James Vallo Movies]] as studio, [[James Vallo]] in the cast: two nodes."""
    result = export(
        "{{Infobox film\n| name = Test Film\n| producer = [[James Vallo]]\n| studio = [[James Vallo|James Vallo Movies]]\n}}\n"
        "== Cast ==\n* [[James Vallo]] as Jack\n"
    )
    assert types(result, "James Vallo") == {SCHEMA.Person}
    assert types(result, "James Vallo Movies") == {SCHEMA.Organization}
    assert result.conforms


def test_a_release_country_is_the_country_node() -> None:
    result = export(
        "{{Infobox film\n| name = Test Film\n| country = India\n| released = {{Film date|2001|6|15|India}}\n}}\n"
    )
    assert types(result, "India") == {SCHEMA.Country}


def test_a_franchise_page_with_a_film_infobox_is_refused() -> None:
    """A page about several films: its lead calls it a franchise, or its infobox sums runtimes."""
    for text in (
        "{{Infobox film\n| name = Saga\n| runtime = Total (3 films): 412 minutes\n}}\n'''Saga''' follows a family.\n",
        "{{Infobox film\n| name = Saga\n}}\n'''Saga''' is an American media franchise of horror films.\n",
    ):
        result = process_page(Page(title="Saga", text=text, source="saga.wiki"))
        assert result.status == "refused"
        assert "film series" in str(result.error)


def test_an_accolades_summary_box_is_not_a_table_of_nominations() -> None:
    result = export(
        "{{Infobox film\n| name = Test Film\n}}\n== Accolades ==\n"
        '{| class="infobox" style="width:25em"\n|-\n! Award !! Wins !! Nominations\n|-\n'
        "| [[Lantern Prize]] || {{won|1}} || {{nom|3}}\n|}\n"
    )
    assert not list(result.graph.subjects(RDF.type, URIRef("https://w3id.org/kg-film/ontology#Nomination")))


def test_one_node_per_person_across_the_article() -> None:
    """An unlinked name in a table that the article links elsewhere is that linked person;
    a writer who is also in the cast is one node."""
    result = export(
        "{{Infobox film\n| name = Test Film\n| writer = [[Jane Roe (writer)|Jane Roe]]\n}}\n"
        "== Cast ==\n{| class=\"wikitable\"\n! Actor !! Role\n|-\n| Jane Roe || Herself\n|}\n"
        "== Accolades ==\n{| class=\"wikitable\"\n! Award !! Category !! Recipient !! Result\n|-\n"
        "| Empire Awards || Best Screenplay || Jane Roe || {{won}}\n|}\n"
    )
    nodes = {s for s, o in result.graph.subject_objects(SCHEMA.name) if str(o) == "Jane Roe"}
    assert nodes == {URIRef(BASE + "Jane_Roe_(writer)")}
    assert types(result, "Jane Roe") == {SCHEMA.Person}


def names(result, iri: str) -> tuple[list[str], list[str]]:
    node = URIRef(BASE + iri)
    return sorted(map(str, result.graph.objects(node, SCHEMA.name))), sorted(map(str, result.graph.objects(node, KG.shownName)))


def test_a_linked_entity_is_named_by_its_page_and_keeps_the_shown_name() -> None:
    """Every article names a linked person alike (one name in a store); its own spelling is kept."""
    result = export(
        "{{Infobox film\n| name = Test Film\n| starring = [[Nicolas Cage|Nic Cage]]\n| music = [[Sting (musician)|Sting]]\n}}\n"
        "== Cast ==\n* [[Nicolas Cage|Nic Cage]] as Ben\n"
    )
    assert names(result, "Nicolas_Cage") == (["Nicolas Cage"], ["Nic Cage"])
    assert names(result, "Sting_(musician)") == (["Sting"], [])
    assert result.conforms


def test_a_lower_case_first_letter_is_the_articles_spelling() -> None:
    result = export("{{Infobox film\n| name = Test Film\n| writer = [[Bell hooks|bell hooks]]\n}}\n")
    assert names(result, "Bell_hooks") == (["bell hooks"], [])


def test_an_award_category_keeps_no_short_label() -> None:
    """'Best Actor' in an Academy Awards row is the row's short form, not a name of the category."""
    result = export(
        "{{Infobox film\n| name = Test Film\n| starring = [[Nicolas Cage]]\n}}\n== Accolades ==\n"
        '{| class="wikitable"\n! Award !! Category !! Recipient !! Result\n|-\n'
        "| [[68th Academy Awards|Academy Awards]] || [[Academy Award for Best Actor|Best Actor]] || [[Nicolas Cage]] || {{won}}\n|}\n"
    )
    assert names(result, "Academy_Award_for_Best_Actor") == (["Academy Award for Best Actor"], [])
    assert names(result, "68th_Academy_Awards") == (["68th Academy Awards"], [])


def test_a_page_the_accolades_use_as_an_award_is_never_a_person() -> None:
    """One node, one type: a linked page that is a category in one accolades row is not a
    nominee in another, nor a cast member or a producer (resolve stage)."""
    result = export(
        "{{Infobox film\n| name = Test Film\n| producer = [[Silver Lantern]]\n}}\n"
        "== Cast ==\n* [[Ann Bee]] as Cora\n* [[Silver Lantern]] as Dan\n"
        "== Accolades ==\n{| class=\"wikitable\"\n! Award !! Category !! Recipient !! Result\n|-\n"
        "| [[Lake Film Festival]] || [[Silver Lantern]] || [[Ann Bee]] || {{won}}\n|-\n"
        "| [[Lake Film Festival]] || Best Actress || [[Silver Lantern]] || {{nom}}\n|}\n"
    )
    assert SCHEMA.Person not in types(result, "Silver Lantern")
    assert types(result, "Ann Bee") == {SCHEMA.Person}
    assert result.conforms
    skipped = [w for w in result.warnings if "Silver Lantern" in w and "not a person" in w]
    assert len(skipped) == 3, result.warnings
